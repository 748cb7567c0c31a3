import Foundation

/// Where exchanges over Specter's own transport run: they block while they wait for the server or
/// the disk, so each needs a thread of its own for as long as it lasts.
///
/// As many as there are cores go to the global dispatch queue, whose threads hand work over fastest
/// (a sequence of requests, the common case: a `replay` of 1 000 requests took 0.76 s this way and
/// 0.9 s on threads of our own). Beyond that the global queue would make exchanges wait for each
/// other (on Linux it runs about one item per core), so the rest go to threads kept here: one is
/// started whenever all are busy, and each waits up to 30 s for the next exchange before it ends.
/// (A replay runs its exchanges in place on `ExchangeLane`s instead.)
final class ExchangeThreads: @unchecked Sendable {
    static let shared = ExchangeThreads()

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var waiting = 0
    private var inFlight = 0
    private let idleTime: TimeInterval
    private let shareable: Int

    init(idleTime: TimeInterval = 30, shareable: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.idleTime = idleTime
        self.shareable = max(1, shareable)
    }

    /// Runs `job` on a thread at once.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        inFlight += 1
        let onGlobalQueue = inFlight <= shareable
        var startThread = false
        let counted: @Sendable () -> Void = { [self] in
            job()
            condition.lock()
            inFlight -= 1
            condition.unlock()
        }
        if !onGlobalQueue {
            jobs.append(counted)
            startThread = jobs.count > waiting
            condition.signal()
        }
        condition.unlock()
        if onGlobalQueue {
            DispatchQueue.global().async(execute: counted)
        } else if startThread {
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
