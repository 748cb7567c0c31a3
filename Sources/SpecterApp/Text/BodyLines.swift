import SpecterJSON
import SpecterTerminal

/// A response body as lines for the body view: JSON pretty-printed with syntax styles, where each
/// line that opens an object or array knows where it closes, so it can fold; other text as it is.
struct BodyLines: Sendable {
    struct Line: Sendable {
        var depth: Int
        var spans: [Span]
        /// For a line that opens an object or array: the line that closes it.
        var closes: Int?
        /// What the folded line shows instead of the content (`{…} 3 keys`).
        var foldedSummary: String?
    }

    var lines: [Line]

    init(json: JSONValue, theme: Theme) {
        var builder = Builder(theme: theme)
        builder.emit(json, key: nil, depth: 0, trailingComma: false)
        lines = builder.lines
    }

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(depth: 0, spans: [Span(String($0))], closes: nil, foldedSummary: nil) }
    }

    /// The indexes of lines shown when the lines opening `folded` are folded.
    func visible(folded: Set<Int>) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            result.append(index)
            if folded.contains(index), let end = lines[index].closes { index = end + 1 } else { index += 1 }
        }
        return result
    }

    /// The text of a line, for searching.
    func text(_ index: Int) -> String { lines[index].spans.map(\.text).joined() }

    private struct Builder {
        let theme: Theme
        var lines: [Line] = []

        mutating func emit(_ value: JSONValue, key: String?, depth: Int, trailingComma: Bool) {
            var prefix = [Span(String(repeating: "  ", count: depth))]
            if let key { prefix += [Span(JSONWriter.compact.string(.string(key)), theme.jsonKey), Span(": ")] }
            let comma = trailingComma ? [Span(",")] : []
            switch value {
            case .object(let object) where !object.isEmpty:
                let opening = lines.count
                lines.append(Line(depth: depth, spans: prefix + [Span("{")], closes: nil, foldedSummary: "{…}" + (trailingComma ? "," : "") + "  \(object.count) key\(object.count == 1 ? "" : "s")"))
                for (position, member) in object.members.enumerated() {
                    emit(member.value, key: member.key, depth: depth + 1, trailingComma: position < object.count - 1)
                }
                lines.append(Line(depth: depth, spans: [Span(String(repeating: "  ", count: depth) + "}")] + comma, closes: nil, foldedSummary: nil))
                lines[opening].closes = lines.count - 1
            case .array(let items) where !items.isEmpty:
                let opening = lines.count
                lines.append(Line(depth: depth, spans: prefix + [Span("[")], closes: nil, foldedSummary: "[…]" + (trailingComma ? "," : "") + "  \(items.count) item\(items.count == 1 ? "" : "s")"))
                for (position, item) in items.enumerated() {
                    emit(item, key: nil, depth: depth + 1, trailingComma: position < items.count - 1)
                }
                lines.append(Line(depth: depth, spans: [Span(String(repeating: "  ", count: depth) + "]")] + comma, closes: nil, foldedSummary: nil))
                lines[opening].closes = lines.count - 1
            default:
                lines.append(Line(depth: depth, spans: prefix + [scalar(value)] + comma, closes: nil, foldedSummary: nil))
            }
        }

        func scalar(_ value: JSONValue) -> Span {
            switch value {
            case .string: return Span(JSONWriter.compact.string(value), theme.jsonString)
            case .int, .double: return Span(value.description, theme.jsonNumber)
            case .object: return Span("{}")
            case .array: return Span("[]")
            default: return Span(value.description, theme.jsonLiteral)
            }
        }
    }
}
