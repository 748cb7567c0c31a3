import SpecterJSON

/// A response body as lines for the body view: JSON pretty-printed with syntax styles, where each
/// line that opens an object or array knows where it closes, so it can fold; other text as it is;
/// and a body too large to hold read a window at a time from its file (plain, without folding).
public struct BodyLines: Sendable {
    struct Line: Sendable {
        var depth: Int
        var runs: [Run]
        /// For a line that opens an object or array: the line that closes it.
        var closes: Int?
        /// What the folded line shows instead of the content (`{…} 3 keys`).
        var foldedSummary: String?
        /// The line was cut (it is longer than a file line may be) and goes on in the next.
        var continues = false
    }

    private enum Source: Sendable {
        case held([Line])
        case file(FileLines)
    }

    private let source: Source

    init(json: JSONValue) {
        var builder = Builder()
        builder.emit(json, key: nil, depth: 0, trailingComma: false)
        source = .held(builder.lines)
    }

    init(text: String) {
        source = .held(text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(depth: 0, runs: [Run(String($0))], closes: nil, foldedSummary: nil) })
    }

    init(file: FileLines) {
        source = .file(file)
    }

    var count: Int {
        switch source {
        case .held(let lines): return lines.count
        case .file(let file): return file.count
        }
    }

    /// The body's file, when it is read from one.
    var file: FileLines? {
        if case .file(let file) = source { return file }
        return nil
    }

    /// A held line (a file's lines are read with `window`); `nil` for a file.
    func held(_ index: Int) -> Line? {
        if case .held(let lines) = source, lines.indices.contains(index) { return lines[index] }
        return nil
    }

    /// Where a line that opens an object or array closes (never, for a file).
    func closing(_ index: Int) -> Int? { held(index)?.closes }

    /// The visible lines from visible row `first`, at most `length`, with their line indexes.
    func window(_ visible: VisibleLines, from first: Int, count length: Int) -> [(index: Int, line: Line)] {
        let rows = max(0, first)..<min(visible.count, first + max(0, length))
        guard !rows.isEmpty else { return [] }
        switch source {
        case .held(let lines):
            return rows.map { (visible[$0], lines[visible[$0]]) }
        case .file(let file):
            return file.lines(from: rows.lowerBound, count: rows.count).enumerated().map { offset, line in
                (rows.lowerBound + offset, Line(depth: 0, runs: [Run(line.text)], closes: nil, foldedSummary: nil, continues: line.continues))
            }
        }
    }

    /// The lines shown when the lines opening `folded` are folded.
    func visible(folded: Set<Int>) -> VisibleLines {
        guard case .held(let lines) = source, !folded.isEmpty else { return .all(count) }
        var result: [Int] = []
        result.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            result.append(index)
            if folded.contains(index), let end = lines[index].closes { index = end + 1 } else { index += 1 }
        }
        return .some(result)
    }

    /// A body this long is searched away from the keys (by an effect), so typing never waits for it.
    static let searchedAside = 20_000

    /// Whether searching it could hold up a keystroke.
    var isSearchedAside: Bool { file != nil || count > Self.searchedAside }

    /// The indexes of lines containing `term` (lower-cased), at most `limit` of them; a long search
    /// stops early when its task is cancelled (a newer term replaced it).
    func search(_ term: String, limit: Int = 100_000) -> (lines: [Int], truncated: Bool) {
        switch source {
        case .file(let file):
            return file.search(term, limit: limit)
        case .held(let lines):
            guard !term.isEmpty else { return ([], false) }
            var found: [Int] = []
            for index in lines.indices where lines[index].runs.text.lowercased().contains(term) {
                guard found.count < limit else { return (found, true) }
                if index % 4096 == 0, Task.isCancelled { break }
                found.append(index)
            }
            return (found, false)
        }
    }

    private struct Builder {
        var lines: [Line] = []

        mutating func emit(_ value: JSONValue, key: String?, depth: Int, trailingComma: Bool) {
            var prefix = [Run(String(repeating: "  ", count: depth))]
            if let key { prefix += [Run(JSONWriter.compact.string(.string(key)), .jsonKey), Run(": ")] }
            let comma = trailingComma ? [Run(",")] : []
            switch value {
            case .object(let object) where !object.isEmpty:
                let opening = lines.count
                lines.append(Line(depth: depth, runs: prefix + [Run("{")], closes: nil, foldedSummary: "{…}" + (trailingComma ? "," : "") + "  \(object.count) key\(object.count == 1 ? "" : "s")"))
                for (position, member) in object.members.enumerated() {
                    emit(member.value, key: member.key, depth: depth + 1, trailingComma: position < object.count - 1)
                }
                lines.append(Line(depth: depth, runs: [Run(String(repeating: "  ", count: depth) + "}")] + comma, closes: nil, foldedSummary: nil))
                lines[opening].closes = lines.count - 1
            case .array(let items) where !items.isEmpty:
                let opening = lines.count
                lines.append(Line(depth: depth, runs: prefix + [Run("[")], closes: nil, foldedSummary: "[…]" + (trailingComma ? "," : "") + "  \(items.count) item\(items.count == 1 ? "" : "s")"))
                for (position, item) in items.enumerated() {
                    emit(item, key: nil, depth: depth + 1, trailingComma: position < items.count - 1)
                }
                lines.append(Line(depth: depth, runs: [Run(String(repeating: "  ", count: depth) + "]")] + comma, closes: nil, foldedSummary: nil))
                lines[opening].closes = lines.count - 1
            default:
                lines.append(Line(depth: depth, runs: prefix + [scalar(value)] + comma, closes: nil, foldedSummary: nil))
            }
        }

        func scalar(_ value: JSONValue) -> Run {
            switch value {
            case .string: return Run(JSONWriter.compact.string(value), .jsonString)
            case .int, .double: return Run(value.description, .jsonNumber)
            case .object: return Run("{}")
            case .array: return Run("[]")
            default: return Run(value.description, .jsonLiteral)
            }
        }
    }
}

/// Which lines of a body show, in order, once folds are applied: all of them (no folds, or a
/// file), or a list.
enum VisibleLines: Sendable {
    case all(Int)
    case some([Int])

    var count: Int {
        switch self {
        case .all(let count): return count
        case .some(let lines): return lines.count
        }
    }

    /// The line shown at a visible row.
    subscript(row: Int) -> Int {
        switch self {
        case .all: return row
        case .some(let lines): return lines[row]
        }
    }

    var indices: Range<Int> { 0..<count }

    /// The visible row that shows a line, if it shows.
    func row(of line: Int) -> Int? {
        switch self {
        case .all(let count): return line < count ? line : nil
        case .some(let lines): return lines.firstIndex(of: line)
        }
    }
}
