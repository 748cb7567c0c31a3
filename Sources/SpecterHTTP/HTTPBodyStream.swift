import Foundation

/// A response whose body is still arriving: the head (status, headers, where redirects led; its
/// `body` is empty) and the body's chunks as the server sends them. What `HTTPClient.stream` gives,
/// for event streams that may never end.
public struct StreamedResponse: Sendable {
    public var head: HTTPResponse
    public var body: HTTPBodyStream

    public init(head: HTTPResponse, body: HTTPBodyStream) {
        self.head = head
        self.body = body
    }
}

/// A response body handed over chunk by chunk, between the thread (or URLSession queue) that reads
/// the network and the task that takes the chunks.
///
/// At most `capacity` chunks wait: a reader that blocks (Specter's own transport) waits for room, so
/// a fast server never fills memory faster than the chunks are used. Cancelling (`cancel()`, or the
/// task waiting in `next()` being cancelled) closes the connection.
public final class HTTPBodyStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var ending: TransportError??
    private var waiting: CheckedContinuation<Result<[UInt8]?, TransportError>, Never>?
    private var cancelled = false
    private var onCancel: (@Sendable () -> Void)?
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// A body that arrived whole (clients without streaming hand it over as one chunk).
    public convenience init(whole bytes: [UInt8]) {
        self.init()
        if !bytes.isEmpty { queue.append(bytes) }
        ending = .some(nil)
    }

    /// The next chunk, `nil` at the body's end; a failure of the connection (reset, idle timeout)
    /// or `TransportError.cancelled` after `cancel()`.
    public func next() async throws(TransportError) -> [UInt8]? {
        let result: Result<[UInt8]?, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                condition.lock()
                if let outcome = takeLocked() {
                    condition.unlock()
                    continuation.resume(returning: outcome)
                    return
                }
                waiting = continuation
                condition.unlock()
            }
        } onCancel: {
            cancel()
        }
        return try result.get()
    }

    /// Stops the body: the connection is closed and `next()` answers `cancelled`.
    public func cancel() {
        condition.lock()
        guard !cancelled else {
            condition.unlock()
            return
        }
        cancelled = true
        queue = []
        let waiter = waiting
        waiting = nil
        let handler = onCancel
        onCancel = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: .failure(.cancelled))
        handler?()
    }

    public var isCancelled: Bool { condition.withLock { cancelled } }

    // MARK: The transport's side

    /// What stops the transfer when the stream is cancelled (runs at once if it already was).
    func whenCancelled(_ handler: @escaping @Sendable () -> Void) {
        let already = condition.withLock {
            if !cancelled { onCancel = handler }
            return cancelled
        }
        if already { handler() }
    }

    /// Hands a chunk over. With `waitingForRoom` the caller blocks (in short steps) while the queue
    /// is full; false once the stream is cancelled, so the reader stops.
    @discardableResult
    func push(_ chunk: [UInt8], waitingForRoom: Bool) -> Bool {
        guard !chunk.isEmpty else { return !isCancelled }
        condition.lock()
        while waitingForRoom, !cancelled, waiting == nil, queue.count >= capacity {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.025))
        }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        if let waiter = waiting {
            waiting = nil
            condition.unlock()
            waiter.resume(returning: .success(chunk))
            return true
        }
        queue.append(chunk)
        condition.unlock()
        return true
    }

    /// The body ended: at its end (`nil`) or with a failure.
    func finish(_ failure: TransportError?) {
        condition.lock()
        guard ending == nil, !cancelled else {
            condition.unlock()
            return
        }
        ending = .some(failure)
        // A waiting reader means nothing is queued: it gets the ending now.
        let waiter = waiting
        waiting = nil
        let outcome = waiter == nil ? nil : takeLocked()
        condition.unlock()
        if let waiter, let outcome { waiter.resume(returning: outcome) }
    }

    /// A queued chunk, else the ending; `nil` while the body goes on. Called with the lock held.
    private func takeLocked() -> Result<[UInt8]?, TransportError>? {
        if cancelled { return .failure(.cancelled) }
        if !queue.isEmpty {
            let chunk = queue.removeFirst()
            condition.broadcast()
            return .success(chunk)
        }
        guard let ending else { return nil }
        if let failure = ending { return .failure(failure) }
        return .success(nil)
    }
}
