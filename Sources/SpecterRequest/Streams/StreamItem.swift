import SpecterJSON

/// One item a stream parser read: an SSE event's fields, a JSON line, a json-seq record, or a
/// problem in their place (a line that is not JSON, an item too large, an event cut off at the end).
public struct StreamItem: Sendable, Equatable {
    /// SSE: the event type (`nil` for the default, `message`).
    public var event: String?
    /// SSE: the last event ID (it carries over to later events, as in a browser).
    public var id: String?
    /// SSE: the reconnection time this event set, in milliseconds.
    public var retry: Int?
    /// The data: an SSE event's `data` lines joined with line feeds, or a line's or record's text.
    public var data: String
    /// The data as JSON, when it is JSON.
    public var json: JSONValue?
    /// JSON Lines: the line the item is on (1-based); json-seq: the record's position (1-based).
    public var line: Int?
    public var problem: StreamProblem?

    public init(event: String? = nil, id: String? = nil, retry: Int? = nil, data: String, json: JSONValue? = nil, line: Int? = nil,
                problem: StreamProblem? = nil) {
        self.event = event
        self.id = id
        self.retry = retry
        self.data = data
        self.json = json
        self.line = line
        self.problem = problem
    }

    static func problem(_ problem: StreamProblem, data: String = "", line: Int? = nil) -> StreamItem {
        StreamItem(data: data, line: line, problem: problem)
    }
}

/// Why part of a stream is not an item. The stream goes on after each (except at its end).
public enum StreamProblem: Sendable, Equatable, CustomStringConvertible {
    /// A line or record that does not parse as JSON.
    case notJSON(detail: String)
    /// An item larger than the limit: skipped, not held.
    case tooLarge(limit: Int)
    /// The stream ended inside an item: what arrived of it is dropped.
    case unfinished(bytes: Int)
    /// Bytes outside any record (json-seq without its record separator).
    case outsideRecord(bytes: Int)

    public var description: String {
        switch self {
        case .notJSON(let detail): return "not JSON: \(detail)"
        case .tooLarge(let limit): return "larger than \(limit >> 20) MB, skipped"
        case .unfinished(let bytes): return "the stream ended inside an item (\(bytes) byte\(bytes == 1 ? "" : "s") dropped)"
        case .outsideRecord(let bytes): return "\(bytes) byte\(bytes == 1 ? "" : "s") outside any record (no record separator)"
        }
    }
}
