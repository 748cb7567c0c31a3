import Foundation

/// Where exchanges over Specter's own transport run: they block while they wait for the server or
/// the disk, so each needs a thread of its own for as long as it lasts. Threads are kept here: one
/// is started whenever all are busy, and each waits up to 30 s for the next exchange before it ends.
/// (A replay runs its exchanges in place on `ExchangeLane`s instead.)
///
/// Never on the global dispatch queue: on Linux Swift's tasks run on its threads too, and they grow
/// slowly when those block. Under the full test suite on two cores, exchanges blocking there stalled
/// every task for 20 s — the sign-in listener one of those exchanges was waiting for among them.
final class ExchangeThreads: @unchecked Sendable {
    static let shared = ExchangeThreads()

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var waiting = 0
    private let idleTime: TimeInterval

    init(idleTime: TimeInterval = 30) {
        self.idleTime = idleTime
    }

    /// Runs `job` on a thread at once.
    func run(_ job: @escaping @Sendable () -> Void) {
        let startThread: Bool = condition.withLock {
            jobs.append(job)
            condition.signal()
            return jobs.count > waiting
        }
        if startThread {
            let thread = Thread { [self] in work() }
            thread.name = "specter.http.exchange"
            thread.start()
        }
    }

    /// Runs `job` on a thread of its own, for work that may last as long as the user wants (a
    /// stream): on the shared threads it would keep other exchanges waiting behind it.
    func runAlone(_ job: @escaping @Sendable () -> Void) {
        let thread = Thread(block: job)
        thread.name = "specter.http.stream"
        thread.start()
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
