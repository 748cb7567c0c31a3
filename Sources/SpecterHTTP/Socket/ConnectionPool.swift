import Foundation

/// Idle keep-alive connections, per origin, shared by every exchange in the process: a second
/// request to the same server skips the TCP handshake (and the server's accept).
///
/// At most `maxIdlePerOrigin` wait per origin (extra ones are closed); a connection idle longer
/// than `maxIdleTime`, or one the server has closed or written to meanwhile, is dropped when taken.
final class ConnectionPool: @unchecked Sendable {
    static let shared = ConnectionPool()

    let maxIdlePerOrigin: Int
    let maxIdleTime: Duration
    private let lock = NSLock()
    private var idle: [String: [HTTPConnection]] = [:]

    init(maxIdlePerOrigin: Int = 8, maxIdleTime: Duration = .seconds(60)) {
        self.maxIdlePerOrigin = maxIdlePerOrigin
        self.maxIdleTime = maxIdleTime
    }

    /// The most recently used idle connection to `origin` that can still carry a request, if any.
    func take(_ origin: String) -> HTTPConnection? {
        while true {
            let candidate: HTTPConnection? = lock.withLock {
                guard var list = idle[origin], let last = list.popLast() else { return nil }
                idle[origin] = list.isEmpty ? nil : list
                return last
            }
            guard let candidate else { return nil }
            if ContinuousClock.now - candidate.idleSince < maxIdleTime, candidate.isReusable { return candidate }
            candidate.close()
        }
    }

    /// Keeps a connection whose last response was read completely, for the next request to its origin.
    func put(_ connection: HTTPConnection) {
        connection.idleSince = .now
        let kept: Bool = lock.withLock {
            var list = idle[connection.origin] ?? []
            guard list.count < maxIdlePerOrigin else { return false }
            list.append(connection)
            idle[connection.origin] = list
            return true
        }
        if !kept { connection.close() }
    }

    /// How many idle connections wait for `origin` (for tests and `--verbose`).
    func idleCount(_ origin: String) -> Int {
        lock.withLock { idle[origin]?.count ?? 0 }
    }

    /// Closes every idle connection.
    func removeAll() {
        let all = lock.withLock {
            defer { idle = [:] }
            return idle.values.flatMap { $0 }
        }
        all.forEach { $0.close() }
    }
}
