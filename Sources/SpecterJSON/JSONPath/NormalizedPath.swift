/// The location of a node a JSONPath query selected: member names and array indexes from the root.
///
/// `description` is the RFC 9535 normalized path (`$['items'][2]['price']`), one exact spelling per
/// location, for machines and comparisons; `dotted` (`$.items[2].price`) is what people read in
/// messages. Extending a path shares its prefix, so naming every node of `$..*` costs one small
/// allocation per node.
public struct NormalizedPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: an object member's name or an array index (never negative).
    public enum Element: Sendable, Hashable, CustomStringConvertible {
        case name(String)
        case index(Int)

        /// Names are equal when their code points are: JSON does not equate canonically equivalent text.
        public static func == (lhs: Element, rhs: Element) -> Bool {
            switch (lhs, rhs) {
            case (.name(let a), .name(let b)): return a.sameCodePoints(as: b)
            case (.index(let a), .index(let b)): return a == b
            default: return false
            }
        }

        /// `['name']` or `[2]`, as in a normalized path.
        public var description: String {
            switch self {
            case .name(let name): return "['" + NormalizedPath.escaped(name, forTerminal: false) + "']"
            case .index(let index): return "[\(index)]"
            }
        }
    }

    private final class Link: Sendable {
        let parent: Link?
        let element: Element
        let depth: Int

        init(parent: Link?, element: Element) {
            self.parent = parent
            self.element = element
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Link?

    /// The root, `$`.
    public init() {
        last = nil
    }

    /// The path through `elements`, from the root down.
    public init(_ elements: [Element]) {
        last = elements.reduce(nil) { Link(parent: $0, element: $1) }
    }

    private init(last: Link?) {
        self.last = last
    }

    /// The steps from the root down.
    public var elements: [Element] {
        var result: [Element] = []
        result.reserveCapacity(depth)
        var link = last
        while let current = link {
            result.append(current.element)
            link = current.parent
        }
        return result.reversed()
    }

    /// The number of steps from the root (0 for `$`).
    public var depth: Int { last?.depth ?? 0 }

    /// The step into the node itself: its name or index in its parent; `nil` for the root.
    public var lastElement: Element? { last?.element }

    /// The path of a child: shares this path's storage.
    public func appending(_ element: Element) -> NormalizedPath {
        NormalizedPath(last: Link(parent: last, element: element))
    }

    public static func == (lhs: NormalizedPath, rhs: NormalizedPath) -> Bool {
        var left = lhs.last, right = rhs.last
        guard left?.depth == right?.depth else { return false }
        while let l = left, let r = right {
            if l === r { return true }
            if l.element != r.element { return false }
            left = l.parent
            right = r.parent
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var link = last
        while let current = link {
            hasher.combine(current.element)
            link = current.parent
        }
    }

    /// The RFC 9535 normalized path: `$['items'][2]['price']`.
    public var description: String {
        elements.reduce(into: "$") { $0 += $1.description }
    }

    /// The path as people write it: `$.items[2].price`, with `['…']` for names that are not plain
    /// identifiers. Still a valid query, and safe to print: controls, bidirectional overrides and
    /// line separators are escaped.
    public var dotted: String {
        elements.reduce(into: "$") { text, element in
            switch element {
            case .index(let index): text += "[\(index)]"
            case .name(let name) where Self.isPlainIdentifier(name): text += "." + name
            case .name(let name): text += "['" + Self.escaped(name, forTerminal: true) + "']"
            }
        }
    }

    /// The same location as a JSON pointer, the form the rest of Specter uses for places in a document.
    public var pointer: JSONPointer {
        JSONPointer(tokens: elements.map { element in
            switch element {
            case .name(let name): return name
            case .index(let index): return String(index)
            }
        })
    }

    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return name.unicodeScalars.allSatisfy { isIdentifierStart($0) || ("0"..."9").contains($0) }
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "_": return true
        default: return scalar.value >= 0x80 && scalar.properties.isAlphabetic
        }
    }

    /// A name's text inside single quotes: the normalized-path escapes (`\'`, `\\`, `\b` `\f` `\n` `\r`
    /// `\t`, `\u00XX` for other controls); for the terminal also `\uXXXX` for C1 controls,
    /// bidirectional controls and line separators, which a terminal could obey.
    static func escaped(_ name: String, forTerminal: Bool) -> String {
        var text = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "'": text += "\\'"
            case "\\": text += "\\\\"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{00}"..."\u{1F}": text += hexEscape(scalar)
            default:
                text += forTerminal && scalar.canDisguiseText ? hexEscape(scalar) : String(scalar)
            }
        }
        return text
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
