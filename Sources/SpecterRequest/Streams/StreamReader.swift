import SpecterHTTP
import SpecterJSON

/// Reads a streamed body to its end: the format's parser turns chunks into items, each becomes a
/// `StreamEvent` (its time, its data as JSON when it is JSON, its check against the description),
/// and the events each chunk completed are handed to `deliver` at once, so a front end shows them
/// as they arrive. Both `specter call` and the explorer read streams through this.
public struct StreamReader: Sendable {
    public let format: StreamFormat
    public let check: StreamItemCheck?
    private let limit: Int

    public init(format: StreamFormat, check: StreamItemCheck?, itemLimit: Int = StreamLimits.itemBytes) {
        self.format = format
        self.check = check
        limit = itemLimit
    }

    /// Reads until the server ends the body (`closedByServer`), the connection fails (`failed`, after
    /// reporting an event it cut off) or the body is cancelled, directly or by cancelling the task
    /// (`cancelled`). Times are measured from `openedAt`.
    public func read(_ body: HTTPBodyStream, openedAt: ContinuousClock.Instant,
                     deliver: @Sendable ([StreamEvent]) async -> Void) async -> StreamState {
        var decoder = format.decoder(limit: limit)
        var index = 0
        func events(_ items: [StreamItem]) -> [StreamEvent] {
            let time = ContinuousClock.now - openedAt
            return items.map { item in
                var item = item
                if item.json == nil, item.problem == nil { item.json = Self.json(in: item.data) }
                defer { index += 1 }
                return StreamEvent(index: index, time: time, item: item, mismatches: check?.mismatches(item) ?? [])
            }
        }
        while true {
            let chunk: [UInt8]?
            do {
                chunk = try await body.next()
            } catch {
                if error == .cancelled { return .cancelled }
                let cut = decoder.finish()
                if !cut.isEmpty { await deliver(events(cut)) }
                return .failed(error)
            }
            guard let chunk else {
                let rest = decoder.finish()
                if !rest.isEmpty { await deliver(events(rest)) }
                return .closedByServer
            }
            let items = decoder.feed(chunk)
            if !items.isEmpty { await deliver(events(items)) }
        }
    }

    /// SSE data that looks like JSON and parses as it (plain text stays text).
    static func json(in data: String) -> JSONValue? {
        guard let first = data.utf8.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else { return nil }
        let opens: Set<UInt8> = [123, 91, 34, 45, 116, 102, 110]  // { [ " - t f n
        guard opens.contains(first) || (48...57).contains(first) else { return nil }
        return try? JSONParser.parse(data)
    }
}
