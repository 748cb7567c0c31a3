import SpecterJSON

/// One step into an instance: an object member or an array item.
public enum PathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Why an instance does not match its schema, where, and in words a person can act on.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance, from the root.
    public var path: [PathComponent]
    /// The JSON Schema keyword that failed (`type`, `required`, `oneOf` …).
    public var keyword: String
    /// `must be an integer`, `required property "name" is missing` …
    public var message: String

    public init(path: [PathComponent], keyword: String, message: String) {
        self.path = path
        self.keyword = keyword
        self.message = message
    }

    /// The location as a JSON pointer (`/items/2/name`).
    public var pointer: JSONPointer {
        JSONPointer(tokens: path.map { component in
            switch component {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        })
    }

    /// The location as people write it: `items[2].name`; empty at the root.
    public var readablePath: String { Self.readable(path) }

    public static func readable(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if Self.isIdentifier(key) {
                    text += text.isEmpty ? key : "." + key
                } else {
                    text += "[" + JSONWriter.compact.string(.string(key)) + "]"
                }
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first == "$" || first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// `items[2].name: must be an integer`, or just the message at the root.
    public var description: String {
        readablePath.isEmpty ? message : "\(readablePath): \(message)"
    }
}

/// How to validate.
public struct ValidationOptions: Sendable, Equatable {
    public var direction: ValidationDirection
    /// Check `format` (dates, emails, UUIDs …) as an assertion, the way servers validate input.
    public var assertFormats: Bool
    /// Report every error (for people), or stop at the first (for a yes/no answer).
    public var collectAllErrors: Bool
    /// Most schema applications one validation may take. A safeguard, not a tuning knob: real
    /// instances need far fewer, and running out is reported as an error (keyword `budget`).
    public var stepBudget: Int

    public static let defaultStepBudget = 20_000_000

    public init(direction: ValidationDirection = .neutral, assertFormats: Bool = true, collectAllErrors: Bool = true,
                stepBudget: Int = ValidationOptions.defaultStepBudget) {
        self.direction = direction
        self.assertFormats = assertFormats
        self.collectAllErrors = collectAllErrors
        self.stepBudget = stepBudget
    }
}
