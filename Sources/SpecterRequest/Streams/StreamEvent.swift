import SpecterHTTP
import SpecterSchema

/// One entry of a stream as it arrived: its position, when, the item (or the problem in its place)
/// and how it compares with the description's item schema.
public struct StreamEvent: Sendable, Equatable {
    /// Position in the stream from 0, counting problem entries too.
    public var index: Int
    /// Time since the stream's head arrived.
    public var time: Duration
    public var item: StreamItem
    /// Where the item does not match its schema (empty when it matches or was not checked).
    public var mismatches: [ValidationError]

    public init(index: Int, time: Duration, item: StreamItem, mismatches: [ValidationError] = []) {
        self.index = index
        self.time = time
        self.item = item
        self.mismatches = mismatches
    }

    /// Neither a problem entry nor a mismatch.
    public var isValid: Bool { item.problem == nil && mismatches.isEmpty }

    /// Bytes the entry holds, for keeping memory bounded.
    var weight: Int { item.data.utf8.count + (item.event?.utf8.count ?? 0) + (item.id?.utf8.count ?? 0) + 64 }
}

/// How a stream stands or ended.
public enum StreamState: Sendable, Equatable, CustomStringConvertible {
    case open
    /// The server ended the body.
    case closedByServer
    /// The user stopped it (Esc, Ctrl-C).
    case cancelled
    /// The reader's own time limit passed (`call --timeout`).
    case timedOut
    /// The connection failed (reset, idle timeout).
    case failed(TransportError)

    public var isOpen: Bool { self == .open }

    public var description: String {
        switch self {
        case .open: return "open"
        case .closedByServer: return "closed by server"
        case .cancelled: return "cancelled"
        case .timedOut: return "timed out"
        case .failed(let error): return "failed: \(error.description)"
        }
    }
}
