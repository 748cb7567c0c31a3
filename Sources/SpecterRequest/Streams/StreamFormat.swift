import SpecterHTTP

/// The sequential media types Specter reads as streams of items, one entry per item as it arrives.
public enum StreamFormat: String, Sendable, Equatable, CaseIterable {
    /// `text/event-stream` (Server-Sent Events, WHATWG HTML §9.2).
    case serverSentEvents
    /// `application/jsonl`, `application/x-ndjson` …: one JSON value per line.
    case jsonLines
    /// `application/json-seq` (RFC 7464): each value after a record separator.
    case jsonSequence

    /// The format of a content type, or `nil` when it is not a stream Specter reads item by item.
    public init?(contentType: String?) {
        guard let contentType else { return nil }
        switch MediaType.essence(of: contentType) {
        case "text/event-stream": self = .serverSentEvents
        case "application/jsonl", "application/x-ndjson", "application/ndjson", "application/x-jsonlines", "application/jsonlines": self = .jsonLines
        case "application/json-seq": self = .jsonSequence
        default: return nil
        }
    }

    /// The media type people know the format by.
    public var mediaType: String {
        switch self {
        case .serverSentEvents: return "text/event-stream"
        case .jsonLines: return "application/jsonl"
        case .jsonSequence: return "application/json-seq"
        }
    }

    /// A fresh parser for this format.
    public func decoder(limit: Int = StreamLimits.itemBytes) -> any StreamDecoder {
        switch self {
        case .serverSentEvents: return ServerSentEventParser(limit: limit)
        case .jsonLines: return JSONLinesParser(limit: limit)
        case .jsonSequence: return JSONSequenceParser(limit: limit)
        }
    }
}

/// How much of a stream Specter holds: one item, and the items kept for showing.
public enum StreamLimits {
    /// A single event, line or record larger than this is reported and skipped, never held.
    public static let itemBytes = 16 << 20
    /// Events kept for showing; older ones are dropped and counted.
    public static let keptEvents = 1_000
    /// Bytes of event data kept for showing, whatever the count.
    public static let keptBytes = 32 << 20
}

/// Turns a stream's bytes into items as they arrive, whatever the chunk boundaries.
public protocol StreamDecoder: Sendable {
    /// The items the bytes completed (none while an item is still arriving).
    mutating func feed(_ bytes: [UInt8]) -> [StreamItem]
    /// The stream ended: what was left unfinished, reported as a problem (never as an item).
    mutating func finish() -> [StreamItem]
}
