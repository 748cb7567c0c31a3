import Foundation

/// Threads that run exchanges over Specter's own transport, which block while they wait for the
/// server or the disk. A thread is kept for the next exchange once it is done (waiting at most 30 s),
/// and a new one is started whenever every thread is busy, so exchanges never wait for each other
/// (`replay --jobs 8` has eight on the wire) and a sequence of requests never pays for starting a
/// thread. (Work on the global dispatch queue is limited to one thread per core on Linux; a new
/// dispatch queue per exchange starts a thread each time.)
final class ExchangeThreads: @unchecked Sendable {
    static let shared = ExchangeThreads()

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var waiting = 0
    private let idleTime: TimeInterval

    init(idleTime: TimeInterval = 30) {
        self.idleTime = idleTime
    }

    /// Runs `job` on a thread of the pool, at once.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        let startThread = jobs.count > waiting
        condition.signal()
        condition.unlock()
        if startThread {
            let thread = Thread { [self] in work() }
            thread.name = "specter.http.exchange"
            thread.start()
        }
    }

    private func work() {
        condition.lock()
        while true {
            if !jobs.isEmpty {
                let job = jobs.removeFirst()
                condition.unlock()
                job()
                condition.lock()
                continue
            }
            waiting += 1
            let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleTime))
            waiting -= 1
            if !signalled, jobs.isEmpty {
                condition.unlock()
                return
            }
        }
    }
}
