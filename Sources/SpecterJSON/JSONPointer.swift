import Foundation

/// An RFC 6901 JSON pointer: the address of a value inside a document.
///
/// References (`#/components/schemas/Pet`), validation errors and load errors all name
/// places with pointers, so this is the one representation of "where in the value".
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public private(set) var tokens: [String]

    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// Parses the pointer syntax (`/a/b~1c`); `nil` if it does not start with `/` and is not empty.
    public init?(_ text: String) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            Self.unescape(String($0))
        }
    }

    /// Parses a URI fragment (`#/a/b%20c`), which is percent-encoded before it is a pointer.
    public init?(fragment: String) {
        var text = fragment
        if text.hasPrefix("#") { text.removeFirst() }
        guard let decoded = PercentEncoding.decode(text) else { return nil }
        self.init(decoded)
    }

    public static let root = JSONPointer()

    public func appending(_ token: String) -> JSONPointer {
        var copy = self
        copy.tokens.append(token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    public func appending(_ other: JSONPointer) -> JSONPointer {
        var copy = self
        copy.tokens += other.tokens
        return copy
    }

    public var parent: JSONPointer? {
        guard !tokens.isEmpty else { return nil }
        return JSONPointer(tokens: Array(tokens.dropLast()))
    }

    public var isRoot: Bool { tokens.isEmpty }

    public func hasPrefix(_ other: JSONPointer) -> Bool { tokens.starts(with: other.tokens) }

    /// The pointer text: `/paths/~1pets/get`.
    public var description: String {
        tokens.map { "/" + Self.escape($0) }.joined()
    }

    /// The pointer as a URI fragment: `#/paths/~1pets/get`, percent-encoding what a URI cannot hold.
    public var fragment: String {
        "#" + PercentEncoding.encode(description, keeping: PercentEncoding.fragmentSafe)
    }

    /// The value this pointer names inside `root`, or `nil` if there is none.
    public func resolve(in root: JSONValue) -> JSONValue? {
        var current = root
        for token in tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Self.arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// An array index token: digits only, no leading zero (RFC 6901).
    public static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if token.count > 1 && token.hasPrefix("0") { return nil }
        return Int(token)
    }

    static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: String) -> String {
        guard token.contains("~") else { return token }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
