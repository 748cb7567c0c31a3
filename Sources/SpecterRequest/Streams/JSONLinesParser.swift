import SpecterJSON

/// Reads JSON Lines / NDJSON: one JSON value per line (LF, or CRLF), blank lines skipped. A line
/// that is not JSON is a problem entry naming its line, and the stream goes on. A last line without
/// its line feed counts when it parses (the stream ended cleanly after it), and is reported as
/// unfinished otherwise. A line longer than `limit` is reported and skipped up to its line feed.
public struct JSONLinesParser: StreamDecoder {
    private let limit: Int
    private var line: [UInt8] = []
    private var lineNumber = 1
    private var skipping = false
    private var atStart = true
    private var items: [StreamItem] = []

    public init(limit: Int = StreamLimits.itemBytes) {
        self.limit = limit
    }

    public mutating func feed(_ bytes: [UInt8]) -> [StreamItem] {
        var remaining = bytes[...]
        while let newline = remaining.firstIndex(of: 10) {
            take(remaining[..<newline])
            endLine(atStreamEnd: false)
            remaining = remaining[(newline + 1)...]
        }
        take(remaining)
        defer { items = [] }
        return items
    }

    public mutating func finish() -> [StreamItem] {
        if !line.isEmpty { endLine(atStreamEnd: true) }
        line = []
        skipping = false
        defer { items = [] }
        return items
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>) {
        guard !skipping, !bytes.isEmpty else { return }
        if line.count + bytes.count > limit {
            items.append(.problem(.tooLarge(limit: limit), line: lineNumber))
            skipping = true
            line = []
            return
        }
        line += bytes
    }

    private mutating func endLine(atStreamEnd: Bool) {
        defer {
            line.removeAll(keepingCapacity: true)
            lineNumber += 1
            skipping = false
        }
        guard !skipping else { return }
        if atStart {
            atStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        if line.last == 13 { line.removeLast() }
        guard line.contains(where: { $0 != 32 && $0 != 9 }) else { return }
        let text = String(decoding: line, as: UTF8.self)
        do {
            let value = try JSONParser.parse(line)
            items.append(StreamItem(data: text, json: value, line: lineNumber))
        } catch {
            let problem: StreamProblem = atStreamEnd ? .unfinished(bytes: line.count) : .notJSON(detail: error.message)
            items.append(.problem(problem, data: String(text.prefix(4096)), line: lineNumber))
        }
    }
}
