import SpecterJSON

/// Reads `application/json-seq` (RFC 7464): each JSON text follows a record separator (0x1E) and
/// ends with a line feed. A record is taken as soon as it is complete JSON ending in a line feed (so
/// an event shows when it arrives, not when the next one starts), otherwise at the next separator or
/// the stream's end. A record that does not parse is a problem entry; one the stream ended inside,
/// or a number, `true`, `false` or `null` without its line feed, may be truncated and is reported
/// as unfinished (RFC 7464 §2.4). A record larger than `limit` is reported and skipped.
public struct JSONSequenceParser: StreamDecoder {
    private let limit: Int
    private var record: [UInt8] = []
    private var inRecord = false
    private var recordNumber = 0
    private var skipping = false
    /// Bytes before the first separator (or between records after a skip): reported once.
    private var stray = 0
    private var items: [StreamItem] = []
    /// Records up to this size are tried at each line feed; larger ones wait for their end.
    private static let eagerLimit = 64 << 10

    public init(limit: Int = StreamLimits.itemBytes) {
        self.limit = limit
    }

    public mutating func feed(_ bytes: [UInt8]) -> [StreamItem] {
        for byte in bytes {
            if byte == 0x1E {
                endRecord(atStreamEnd: false)
                inRecord = true
                recordNumber += 1
                continue
            }
            guard inRecord else {
                if byte != 10, byte != 13, byte != 32, byte != 9 { stray += 1 }
                continue
            }
            guard !skipping else { continue }
            record.append(byte)
            if record.count > limit {
                items.append(.problem(.tooLarge(limit: limit), line: recordNumber))
                skipping = true
                record = []
            } else if byte == 10, record.count <= Self.eagerLimit, let value = try? JSONParser.parse(record), Self.isComplete(value, record) {
                items.append(StreamItem(data: Self.text(record), json: value, line: recordNumber))
                record.removeAll(keepingCapacity: true)
                inRecord = false
            }
        }
        defer { items = [] }
        return items
    }

    public mutating func finish() -> [StreamItem] {
        endRecord(atStreamEnd: true)
        inRecord = false
        defer { items = [] }
        return items
    }

    private mutating func endRecord(atStreamEnd: Bool) {
        defer {
            record.removeAll(keepingCapacity: true)
            skipping = false
        }
        if stray > 0 {
            items.append(.problem(.outsideRecord(bytes: stray)))
            stray = 0
        }
        guard inRecord, !skipping, record.contains(where: { $0 != 10 && $0 != 13 && $0 != 32 && $0 != 9 }) else { return }
        let text = Self.text(record)
        do {
            let value = try JSONParser.parse(record)
            if Self.isComplete(value, record) {
                items.append(StreamItem(data: text, json: value, line: recordNumber))
            } else {
                items.append(.problem(.unfinished(bytes: record.count), data: String(text.prefix(4096)), line: recordNumber))
            }
        } catch {
            let problem: StreamProblem = atStreamEnd ? .unfinished(bytes: record.count) : .notJSON(detail: error.message)
            items.append(.problem(problem, data: String(text.prefix(4096)), line: recordNumber))
        }
    }

    /// A number or literal is complete only when whitespace follows it (it may have been cut otherwise).
    private static func isComplete(_ value: JSONValue, _ bytes: [UInt8]) -> Bool {
        switch value {
        case .object, .array, .string: return true
        default: return bytes.last == 10 || bytes.last == 32 || bytes.last == 13 || bytes.last == 9
        }
    }

    private static func text(_ bytes: [UInt8]) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, [10, 13, 32, 9].contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
