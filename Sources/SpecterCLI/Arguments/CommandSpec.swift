import SpecterText

/// A command's interface as data: the parser and the help text both come from it.
struct CommandSpec: Sendable {
    var name: String
    var summary: String
    /// Positional arguments as shown in the usage line (`SPEC_OR_URL OPERATION`).
    var arguments: String
    var options: [OptionSpec]
    var discussion: String?
    /// How many positional arguments are accepted.
    var positionalCount: ClosedRange<Int>

    var help: String {
        var text = "\(summary)\n\nUsage: specter \(name)\(options.isEmpty ? "" : " [options]") \(arguments)\n"
        if !options.isEmpty {
            text += "\nOptions:\n"
            let labels = options.map(\.label)
            let width = min(34, (labels.map(\.count).max() ?? 0) + 2)
            for (option, label) in zip(options, labels) {
                let padded = label.count < width ? label + String(repeating: " ", count: width - label.count) : label + "  "
                text += "  \(padded)\(option.help)\n"
            }
            text += "  \("-h, --help".padding(toLength: width, withPad: " ", startingAt: 0))Show this help.\n"
        }
        if let discussion { text += "\n\(discussion)\n" }
        return text
    }
}

struct OptionSpec: Sendable {
    var name: String
    var short: String?
    /// `nil` for a flag; otherwise the placeholder shown in help (`FORMAT`).
    var valueName: String?
    var help: String

    static func flag(_ name: String, short: String? = nil, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, help: help)
    }

    static func value(_ name: String, short: String? = nil, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: valueName, help: help)
    }

    var label: String {
        var label = short.map { "\($0), " } ?? "    "
        label += name
        if let valueName { label += " \(valueName)" }
        return label
    }
}

/// A command line that does not fit its command; the message says what to do instead.
struct UsageError: Error, Sendable {
    var message: String
}

/// The parsed command line of one command.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var wantsHelp = false

    func flag(_ name: String) -> Bool { values[name] != nil }
    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}

enum ArgumentParser {
    static func parse(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                parsed.wantsHelp = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.options.first(where: { $0.name == name || $0.short == name }) else {
                throw UsageError(message: "unknown option \(name) for 'specter \(spec.name)'" + suggestion(for: name, in: spec))
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError(message: "\(option.name) takes no value") }
                parsed.values[option.name, default: []].append("")
                continue
            }
            if let inlineValue {
                parsed.values[option.name, default: []].append(inlineValue)
            } else {
                guard index < arguments.count else { throw UsageError(message: "\(option.name) needs a value (\(option.valueName ?? "VALUE"))") }
                parsed.values[option.name, default: []].append(arguments[index])
                index += 1
            }
        }
        if !parsed.wantsHelp && !spec.positionalCount.contains(parsed.positionals.count) {
            let expected = spec.arguments.isEmpty ? "no arguments" : spec.arguments
            throw UsageError(message: "'specter \(spec.name)' expects \(expected), got \(parsed.positionals.count) argument\(parsed.positionals.count == 1 ? "" : "s")")
        }
        return parsed
    }

    private static func suggestion(for name: String, in spec: CommandSpec) -> String {
        Suggestion.phrase(for: name, among: spec.options.map(\.name))
    }
}
