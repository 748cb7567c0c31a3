/// Reads `text/event-stream` as the WHATWG HTML standard says a browser does (§9.2.6): a UTF-8 byte
/// order mark at the start is skipped; lines end with CRLF, LF or CR (a CRLF split across chunks is
/// one line end); `data` lines are joined with line feeds; `event` names the type; `id` sets the last
/// event ID unless it contains NUL; `retry` counts only when it is all ASCII digits; lines starting
/// with `:` are comments; a blank line dispatches the event (none when it had no `data`). An event
/// the stream ends inside is dropped and reported. An event larger than `limit` is reported once and
/// its lines skipped up to the blank line that ends it, so memory stays bounded.
public struct ServerSentEventParser: StreamDecoder {
    private let limit: Int
    /// The first bytes, until it is known whether they are a byte order mark.
    private var start: [UInt8]? = []
    private var line: [UInt8] = []
    /// Bytes of the current line, counted even while an oversized event is skipped.
    private var lineLength = 0
    private var afterCR = false
    private var data: [UInt8] = []
    private var eventType = ""
    private var lastEventID = ""
    private var retry: Int?
    private var skipping = false
    private var items: [StreamItem] = []

    public init(limit: Int = StreamLimits.itemBytes) {
        self.limit = limit
    }

    public mutating func feed(_ bytes: [UInt8]) -> [StreamItem] {
        if var opening = start {
            opening += bytes
            if opening.count < 3, Self.byteOrderMark.starts(with: opening) {
                start = opening
                return []
            }
            start = nil
            consume(opening.starts(with: Self.byteOrderMark) ? Array(opening.dropFirst(3)) : opening)
        } else {
            consume(bytes)
        }
        return takeItems()
    }

    public mutating func finish() -> [StreamItem] {
        if let opening = start {
            start = nil
            consume(opening.starts(with: Self.byteOrderMark) ? [] : opening)
        }
        if !skipping, lineLength > 0 || !data.isEmpty {
            let pending = data + line
            items.append(.problem(.unfinished(bytes: pending.count), data: String(decoding: pending.prefix(4096), as: UTF8.self)))
        }
        line = []
        lineLength = 0
        data = []
        skipping = false
        return takeItems()
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func takeItems() -> [StreamItem] {
        defer { items = [] }
        return items
    }

    private mutating func consume(_ bytes: [UInt8]) {
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 10 { continue }
            }
            if byte == 10 || byte == 13 {
                afterCR = byte == 13
                endLine()
                continue
            }
            lineLength += 1
            guard !skipping else { continue }
            line.append(byte)
            if line.count + data.count > limit {
                items.append(.problem(.tooLarge(limit: limit)))
                skipping = true
                line = []
                data = []
            }
        }
    }

    private mutating func endLine() {
        defer {
            line.removeAll(keepingCapacity: true)
            lineLength = 0
        }
        if lineLength == 0 {
            if skipping {
                skipping = false
                resetEvent()
            } else {
                dispatch()
            }
            return
        }
        guard !skipping, line.first != 58 else { return }  // 58 is ":": a comment
        let colon = line.firstIndex(of: 58)
        let name = line[..<(colon ?? line.endIndex)]
        var value = colon.map { line[line.index(after: $0)...] } ?? []
        if value.first == 32 { value = value.dropFirst() }
        switch String(decoding: name, as: UTF8.self) {
        case "data":
            data += value
            data.append(10)
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ $0 >= 48 && $0 <= 57 }), let milliseconds = Int(String(decoding: value, as: UTF8.self)) {
                retry = milliseconds
            }
        default:
            break
        }
    }

    private mutating func dispatch() {
        guard !data.isEmpty else {
            resetEvent()
            return
        }
        data.removeLast()
        items.append(StreamItem(event: eventType.isEmpty ? nil : eventType, id: lastEventID.isEmpty ? nil : lastEventID, retry: retry,
                                data: String(decoding: data, as: UTF8.self)))
        resetEvent()
    }

    private mutating func resetEvent() {
        data.removeAll(keepingCapacity: true)
        eventType = ""
        retry = nil
    }
}
