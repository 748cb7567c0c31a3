/// Events on their way to a front end that shows them a frame at a time: batches are merged while
/// they wait, and only the newest `capacity` events are carried (the rest are counted), so a stream
/// faster than the screen never piles up in memory.
public struct StreamBatch: Sendable, Equatable {
    public let capacity: Int
    public private(set) var events: [StreamEvent] = []
    /// Events that arrived but were left out to stay within `capacity`.
    public private(set) var skipped = 0
    /// How many of the skipped ones were invalid.
    public private(set) var skippedInvalid = 0

    public init(_ events: [StreamEvent] = [], capacity: Int = StreamLimits.keptEvents) {
        self.capacity = max(1, capacity)
        add(events)
    }

    public mutating func add(_ more: [StreamEvent]) {
        events += more
        guard events.count > capacity else { return }
        let excess = events.count - capacity
        skipped += excess
        skippedInvalid += events.prefix(excess).filter { !$0.isValid }.count
        events.removeFirst(excess)
    }

    public mutating func merge(_ later: StreamBatch) {
        skipped += later.skipped
        skippedInvalid += later.skippedInvalid
        add(later.events)
    }
}

extension StreamLog {
    /// Adds a batch: its events, and the events it left out, counted as received and dropped.
    public mutating func append(_ batch: StreamBatch) {
        countUnkept(batch.skipped, invalid: batch.skippedInvalid)
        append(contentsOf: batch.events)
    }
}
