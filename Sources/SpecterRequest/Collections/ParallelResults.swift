import Foundation

/// Slots that work spread over every core fills, one each, read once all of it is done.
final class ParallelResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    subscript(position: Int) -> Value? {
        get { lock.withLock { slots[position] } }
        set { lock.withLock { slots[position] = newValue } }
    }

    var values: [Value?] { lock.withLock { slots } }
}
