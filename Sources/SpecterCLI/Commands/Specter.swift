import Foundation
import SpecterHTTP
import SpecterText

/// The `specter` command line: dispatches to a command and renders usage errors and help.
public enum Specter {
    public static let version = SpecterVersion.current

    static let commands: [(spec: CommandSpec, run: @Sendable (ParsedArguments, CLIEnvironment) async -> ExitStatus)] = [
        (ListCommand.spec, ListCommand.run),
        (ShowCommand.spec, ShowCommand.run),
        (ValidateCommand.spec, ValidateCommand.run),
        (ExampleCommand.spec, ExampleCommand.run),
        (CallCommand.spec, CallCommand.run),
        (CollectionCommand.spec, CollectionCommand.run),
        (ReplayCommand.spec, ReplayCommand.run),
        (ImportCommand.spec, ImportCommand.run),
        (ExportCommand.spec, ExportCommand.run),
        (ExploreCommand.spec, ExploreCommand.run),
    ]

    static var overview: String {
        var text = """
            Specter \(version): explore and call HTTP APIs from their OpenAPI description, in the terminal.

            Usage: specter [SPEC_OR_URL | COLLECTION_DIR] explore a description (the demo without one)
                   specter <command> [options] [arguments]

            Commands:

            """
        let width = (commands.map(\.spec.name.count).max() ?? 0) + 2
        for command in commands {
            text += "  " + command.spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.spec.summary + "\n"
        }
        text += "\nRun 'specter <command> --help' for a command's options.\n"
        return text
    }

    /// Runs a whole command line and returns the exit status; all output goes through `environment`.
    public static func run(_ arguments: [String], environment: CLIEnvironment) async -> ExitStatus {
        guard let first = arguments.first else {
            return await dispatch(ExploreCommand.spec, ExploreCommand.run, [], environment)
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let command = commands.first(where: { $0.spec.name == arguments[1] }) {
                environment.stdout.write(command.spec.help)
            } else {
                environment.stdout.write(overview)
            }
            return .success
        }
        if first == "--version" {
            environment.stdout.write("specter \(version)\n")
            return .success
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            // Not a command: a description to explore, if it looks like one.
            if looksLikeDescription(first, environment) || first.hasPrefix("-") {
                return await dispatch(ExploreCommand.spec, ExploreCommand.run, arguments, environment)
            }
            environment.stderr.write("specter: '\(TextStyle.safe(first))' is neither a command nor a file or URL"
                + Suggestion.phrase(for: first, among: commands.map(\.spec.name)) + "\n\n" + overview)
            return .usage
        }
        return await dispatch(command.spec, command.run, Array(arguments.dropFirst()), environment)
    }

    private static func dispatch(_ spec: CommandSpec, _ run: @Sendable (ParsedArguments, CLIEnvironment) async -> ExitStatus, _ arguments: [String],
                                 _ environment: CLIEnvironment) async -> ExitStatus {
        do {
            let parsed = try ArgumentParser.parse(arguments, for: spec)
            if parsed.wantsHelp {
                environment.stdout.write(spec.help)
                return .success
            }
            return await run(parsed, environment)
        } catch {
            environment.stderr.write("specter: \(error.message)\nRun 'specter \(spec.name) --help' for usage.\n")
            return .usage
        }
    }

    /// A URL, a path with a folder or an extension, or an existing file.
    private static func looksLikeDescription(_ argument: String, _ environment: CLIEnvironment) -> Bool {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("file://") { return true }
        if argument.contains("/") || argument.contains(".") { return true }
        return FileManager.default.fileExists(atPath: environment.workingDirectory.appendingPathComponent(argument).path)
    }
}
