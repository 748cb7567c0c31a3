import Foundation

/// A thread of its own that runs the tasks preferring it (`withTaskExecutorPreference`), on which
/// an exchange over Specter's own transport runs in place, blocking the lane while it waits for the
/// server, instead of moving to an `ExchangeThreads` thread and back. A replay runs each of its
/// jobs on a lane: the exchange then costs one wake-up (its response arriving) rather than three
/// (the hop out, the response, the hop back to the cooperative pool), which on a 2-core machine
/// shared with the server is CPU the server needs.
///
/// Only tasks that may block for as long as an exchange lasts belong on a lane: nothing else waits
/// for its thread. `close()` ends the thread once the jobs queued before it have run, so a lane is
/// closed only when no task prefers it any more (a replay closes its lanes after their task group).
public final class ExchangeLane: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var closed = false

    public init(name: String) {
        let thread = Thread { [self] in work() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Lets the thread end once it has run what was queued.
    public func close() {
        condition.withLock {
            closed = true
            condition.signal()
        }
    }

    /// Whether the calling thread is a lane's, where blocking for an exchange is what it is for.
    static var isCurrentThreadALane: Bool { pthread_getspecific(laneKey) != nil }

    private static let laneKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    private func work() {
        pthread_setspecific(Self.laneKey, Unmanaged.passUnretained(self).toOpaque())
        let executor = asUnownedTaskExecutor()
        while let job = nextJob() {
            job.runSynchronously(on: executor)
        }
    }

    private func nextJob() -> UnownedJob? {
        condition.withLock {
            while jobs.isEmpty, !closed { condition.wait() }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
