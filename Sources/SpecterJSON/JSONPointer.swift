import Foundation

/// An RFC 6901 JSON pointer: the address of a value inside a document.
///
/// References (`#/components/schemas/Pet`), validation errors and load errors all name
/// places with pointers, so this is the one representation of "where in the value".
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The last token and the pointer it extends: extending a pointer shares its prefix, so walking a
    /// large document and naming every node along the way costs one small allocation per step.
    private final class Segment: Sendable {
        let parent: Segment?
        let token: String
        let depth: Int

        init(parent: Segment?, token: String) {
            self.parent = parent
            self.token = token
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private var last: Segment?

    public init(tokens: [String] = []) {
        last = tokens.reduce(nil) { Segment(parent: $0, token: $1) }
    }

    /// The reference tokens from the root down.
    public var tokens: [String] {
        var result: [String] = []
        result.reserveCapacity(last?.depth ?? 0)
        var segment = last
        while let current = segment {
            result.append(current.token)
            segment = current.parent
        }
        return result.reversed()
    }

    public var depth: Int { last?.depth ?? 0 }

    public var lastToken: String? { last?.token }

    public static func == (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        var left = lhs.last, right = rhs.last
        guard left?.depth == right?.depth else { return false }
        while let l = left, let r = right {
            if l === r { return true }
            if l.token != r.token { return false }
            left = l.parent
            right = r.parent
        }
        return left == nil && right == nil
    }

    public func hash(into hasher: inout Hasher) {
        var segment = last
        while let current = segment {
            hasher.combine(current.token)
            segment = current.parent
        }
    }

    /// Parses the pointer syntax (`/a/b~1c`); `nil` if it does not start with `/` and is not empty.
    public init?(_ text: String) {
        if text.isEmpty {
            self.init(last: nil)
            return
        }
        guard text.hasPrefix("/") else { return nil }
        self.init(tokens: text.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            Self.unescape(String(Substring($0)))
        })
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
        copy.last = Segment(parent: last, token: token)
        return copy
    }

    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    public func appending(_ other: JSONPointer) -> JSONPointer {
        other.tokens.reduce(self) { $0.appending($1) }
    }

    public var parent: JSONPointer? {
        guard let last else { return nil }
        var copy = self
        copy.last = last.parent
        return copy
    }

    public var isRoot: Bool { last == nil }

    public func hasPrefix(_ other: JSONPointer) -> Bool {
        guard other.depth <= depth else { return false }
        var segment = last
        while let current = segment, current.depth > other.depth { segment = current.parent }
        return JSONPointer(last: segment) == other
    }

    private init(last: Segment?) {
        self.last = last
    }

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

    /// A reference token with `~` and `/` escaped, to write into a pointer.
    public static func escape(_ token: String) -> String {
        // Bytes, not `contains(String)`: with Foundation imported that is a slow NSString search.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: String) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
}
