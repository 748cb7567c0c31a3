import Foundation
import SpecterJSON

/// `{{name}}` placeholders in a draft's values, filled when the request is built: from the scope's
/// variables, or a built-in (`{{$uuid}}`, `{{$timestamp}}`, `{{$isoTimestamp}}`, `{{$randomInt 1 10}}`,
/// `{{$env NAME}}`). A name that is defined nowhere is an error naming it, never an empty string sent.
public enum Placeholders {
    /// The text with every placeholder filled.
    public static func fill(_ text: String, from scope: VariableScope) throws(PlaceholderError) -> String {
        guard doubled(UInt8(ascii: "{"), in: Substring(text)) != nil else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = doubled(UInt8(ascii: "{"), in: rest) {
            guard let close = doubled(UInt8(ascii: "}"), in: rest[open.upperBound...]) else {
                throw PlaceholderError(variable: String(rest[open.upperBound...].prefix(40)), reason: .unclosed)
            }
            result += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result += try scope.value(of: name)
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Where `{{` (or `}}`) first occurs, found on the UTF-8 bytes: every saved request's every
    /// string goes through here on each run, and the generic `firstRange(of:)` showed in profiles.
    private static func doubled(_ brace: UInt8, in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        var start = utf8.startIndex
        while let found = utf8[start...].firstIndex(of: brace) {
            let next = utf8.index(after: found)
            if next < utf8.endIndex, utf8[next] == brace { return found..<utf8.index(after: next) }
            start = next
        }
        return nil
    }

    /// Every string inside a JSON value filled (keys too).
    public static func fill(_ value: JSONValue, from scope: VariableScope) throws(PlaceholderError) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(try fill(text, from: scope))
        case .array(let items):
            var filled: [JSONValue] = []
            for item in items { filled.append(try fill(item, from: scope)) }
            return .array(filled)
        case .object(let object):
            var filled = JSONObject()
            for member in object.members { filled[try fill(member.key, from: scope)] = try fill(member.value, from: scope) }
            return .object(filled)
        default:
            return value
        }
    }

    /// What is wrong with the placeholders of a text as written (before any is filled), if anything.
    public static func problem(in text: String) -> PlaceholderError.Reason? {
        var rest = Substring(text)
        while let open = doubled(UInt8(ascii: "{"), in: rest) {
            guard let close = doubled(UInt8(ascii: "}"), in: rest[open.upperBound...]) else { return .unclosed }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// The names a text uses, in order (built-ins left out).
    public static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = doubled(UInt8(ascii: "{"), in: rest), let close = doubled(UInt8(ascii: "}"), in: rest[open.upperBound...]) {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.hasPrefix("$") { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The environment variables a text reads through `{{$env NAME}}`.
    public static func environmentNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = doubled(UInt8(ascii: "{"), in: rest), let close = doubled(UInt8(ascii: "}"), in: rest[open.upperBound...]) {
            let words = rest[open.upperBound..<close.lowerBound].split(separator: " ")
            if words.count == 2, words[0] == "$env" { names.append(String(words[1])) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// `name` when the text is exactly `{{name}}`.
    public static func soleVariable(in text: String) -> String? {
        guard text.hasPrefix("{{"), text.hasSuffix("}}"), text.count > 4 else { return nil }
        let name = text.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name.contains(where: { $0 == "{" || $0 == "}" }) ? nil : name
    }
}

/// The variables placeholders are filled from, strongest first as the caller merged them (command
/// line, environment, collection), and the process environment for `{{$env NAME}}`.
public struct VariableScope: Sendable {
    /// Values used as written: `--var`s, values captured from responses, and the files' values that
    /// are not references. They win over `references`.
    public var values: [String: String]
    /// Variables a collection or environment file defines as `secret:NAME` or `env:NAME`. Only files
    /// may: a value captured from a response or given with `--var` is never read as a reference, so
    /// a server cannot make Specter send a secret or an environment variable back to it.
    public var references: [String: ValueReference] = [:]
    /// Where each variable comes from (a file), to name it in errors.
    public var sources: [String: String]
    public var environment: [String: String]
    /// Values of `secret:NAME` credentials, from the user's secrets file.
    public var secrets: [String: String] = [:]
    /// Every placeholder, and every credential reference, is written back as a placeholder instead
    /// of being filled: what an export to another tool's format needs (`{{pet_id}}` stays `{{pet_id}}`,
    /// `secret:TOKEN` becomes `{{TOKEN}}`, `env:KEY` `{{$env KEY}}`).
    public var keepsPlaceholders = false
    /// The clock and random numbers for built-ins (fixed in tests).
    public var now: @Sendable () -> Date
    public var random: @Sendable (ClosedRange<Int>) -> Int

    public init(values: [String: String] = [:], sources: [String: String] = [:], environment: [String: String] = [:],
                now: @escaping @Sendable () -> Date = { Date() }, random: @escaping @Sendable (ClosedRange<Int>) -> Int = { Int.random(in: $0) }) {
        self.values = values
        self.sources = sources
        self.environment = environment
        self.now = now
        self.random = random
    }

    func value(of name: String) throws(PlaceholderError) -> String {
        if keepsPlaceholders { return "{{\(name)}}" }
        if let value = values[name] { return value }
        if let reference = references[name] { return try read(reference, for: name) }
        guard name.hasPrefix("$") else { throw PlaceholderError(variable: name, reason: .undefined) }
        let words = name.dropFirst().split(separator: " ").map(String.init)
        switch words.first {
        case "uuid"?: return UUID().uuidString.lowercased()
        case "timestamp"?: return String(Int(now().timeIntervalSince1970))
        case "isoTimestamp"?: return ISO8601DateFormatter().string(from: now())
        case "randomInt"?:
            let bounds = words.dropFirst().compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] <= bounds[1] else { throw PlaceholderError(variable: name, reason: .badArguments("two numbers, the lower first")) }
            return String(random(bounds[0]...bounds[1]))
        case "env"?:
            guard words.count == 2 else { throw PlaceholderError(variable: name, reason: .badArguments("the name of an environment variable")) }
            guard let value = environment[words[1]] else { throw PlaceholderError(variable: name, reason: .unsetEnvironment(words[1])) }
            return value
        default:
            throw PlaceholderError(variable: name, reason: .unknownBuiltIn)
        }
    }
}

extension VariableScope {
    /// Where a variable defined as a reference takes its value: a variable may be `secret:NAME` (the
    /// user's secrets file) or `env:NAME` (the process environment), as a credential may, so an
    /// imported password or key is never written into a collection.
    public enum ValueReference: Sendable, Equatable {
        case secret(String)
        case environment(String)
    }

    /// The reference a variable's definition spells, if it is one.
    public static func reference(in value: String) -> ValueReference? {
        if value.hasPrefix("secret:"), value.count > 7 { return .secret(String(value.dropFirst(7))) }
        if value.hasPrefix("env:"), value.count > 4 { return .environment(String(value.dropFirst(4))) }
        return nil
    }

    /// The variables of files (collection, environment; the weaker first) and the values given over
    /// them (`--var`): a file's `secret:NAME` or `env:NAME` becomes a reference, anything else a value.
    public init(files: [[String: String]], overrides: [String: String] = [:], environment: [String: String] = [:]) {
        self.init(environment: environment)
        for file in files {
            for (name, value) in file {
                if let reference = Self.reference(in: value) {
                    references[name] = reference
                    values[name] = nil
                } else {
                    values[name] = value
                    references[name] = nil
                }
            }
        }
        for (name, value) in overrides { values[name] = value }
    }

    /// Whether some variable is read from the secrets file (which must then be loaded).
    public var needsSecrets: Bool {
        references.values.contains { if case .secret = $0 { return true } else { return false } }
    }

    /// The values of variables defined as references: secrets, to be masked wherever a request is shown.
    public var referencedValues: [String] {
        references.compactMap { name, reference in values[name] == nil ? try? read(reference, for: name) : nil }
    }

    private func read(_ reference: ValueReference, for name: String) throws(PlaceholderError) -> String {
        switch reference {
        case .secret(let key):
            guard let value = secrets[key] else { throw PlaceholderError(variable: name, reason: .missingSecret(key, file: SecretsFile.displayPath(environment))) }
            return value
        case .environment(let key):
            guard let value = environment[key] else { throw PlaceholderError(variable: name, reason: .unsetEnvironment(key)) }
            return value
        }
    }
}

/// A placeholder that cannot be filled.
public struct PlaceholderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case undefined
        case unknownBuiltIn
        case badArguments(String)
        case unsetEnvironment(String)
        /// `{{` with no `}}` after it: a placeholder typed half.
        case unclosed
        /// The variable is `secret:NAME` and the secrets file (named as the user knows it) has no NAME.
        case missingSecret(String, file: String)
    }

    public var variable: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .undefined: return "the variable {{\(variable)}} is not defined"
        case .unknownBuiltIn: return "{{\(variable)}} is not a built-in (there are $uuid, $timestamp, $isoTimestamp, $randomInt MIN MAX, $env NAME)"
        case .badArguments(let wanted): return "{{\(variable)}} takes \(wanted)"
        case .unsetEnvironment(let name): return "the environment variable \(name) (for {{\(variable)}}) is not set"
        case .unclosed: return "{{\(variable) is not closed with }}"
        case .missingSecret(let key, let file): return "{{\(variable)}} is secret:\(key), which your secrets file (\(file)) does not hold"
        }
    }
}
