/// The entries of a stream kept for showing: at most `capacity` of them and about `byteCapacity`
/// bytes of data, the oldest dropped first and counted, so an endless stream never grows memory.
/// Counts cover the whole stream, dropped entries included.
public struct StreamLog: Sendable, Equatable {
    public let capacity: Int
    public let byteCapacity: Int
    private var ring: [StreamEvent?]
    private var start = 0
    public private(set) var count = 0
    private var bytes = 0
    /// Entries received, kept or not.
    public private(set) var received = 0
    /// Entries dropped from the front to stay within the limits.
    public private(set) var dropped = 0
    /// Entries that are problems or do not match their schema.
    public private(set) var invalid = 0

    public init(capacity: Int = StreamLimits.keptEvents, byteCapacity: Int = StreamLimits.keptBytes) {
        self.capacity = max(1, capacity)
        self.byteCapacity = byteCapacity
        ring = []
    }

    public var isEmpty: Bool { count == 0 }

    /// The kept entry at `position`, 0 being the oldest kept.
    public subscript(position: Int) -> StreamEvent? {
        guard position >= 0, position < count else { return nil }
        return ring[(start + position) % capacity]
    }

    public var last: StreamEvent? { self[count - 1] }

    /// Where the entry with stream index `index` is kept, if it still is.
    public func position(ofIndex index: Int) -> Int? {
        guard let first = self[0] else { return nil }
        let position = index - first.index
        return self[position]?.index == index ? position : nil
    }

    public mutating func append(_ event: StreamEvent) {
        received += 1
        if !event.isValid { invalid += 1 }
        if count == capacity { dropFirst() }
        if ring.count < capacity {
            ring.append(event)
        } else {
            ring[(start + count) % capacity] = event
        }
        count += 1
        bytes += event.weight
        while bytes > byteCapacity, count > 1 { dropFirst() }
    }

    public mutating func append(contentsOf events: [StreamEvent]) {
        for event in events { append(event) }
    }

    /// Events that arrived but never reached the log (a front end skipped them to keep up).
    mutating func countUnkept(_ count: Int, invalid: Int) {
        received += count
        dropped += count
        self.invalid += invalid
    }

    private mutating func dropFirst() {
        bytes -= ring[start]?.weight ?? 0
        ring[start] = nil
        start = (start + 1) % capacity
        count -= 1
        dropped += 1
    }
}
