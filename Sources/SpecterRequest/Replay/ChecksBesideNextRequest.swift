import Foundation

/// One job, each request sent once, nothing stopping at a failure: a response is checked (the
/// description, captures, assertions, its line) on another thread while the next request is with the
/// server. Requests still go one at a time in collection order, each timed from its sending to its
/// response alone; a step whose chain's previous step is still being checked waits for that check,
/// and at most one response waits to be checked. Each check keeps its whole `--timeout` (a wait for
/// the check before it does not count), and Ctrl-C stops the check that runs.
extension ReplayRunner {
    var checksBesideNextRequest: Bool {
        settings.jobs <= 1 && settings.retries == 0 && settings.repeatCount <= 1 && settings.delay == .zero && !settings.failFast
    }

    func runChecksBesideNextRequest(_ schedule: ReplaySchedule, secretVariables: Set<String>, started: @Sendable (Int) -> Void) async {
        let checks = RunningCheck()
        await withTaskCancellationHandler {
            while let claim = schedule.next() {
                started(claim.index)
                let stepScope = scope(for: claim)
                var outcome = StepOutcome(index: claim.index, step: claim.step, verdict: .failed)
                outcome.attempts = 1
                guard let prepared = await prepare(claim.step, scope: stepScope, into: &outcome) else {
                    schedule.settle(outcome)
                    continue
                }
                let received = await requests.transfer(prepared.built)
                let interrupted = Task.isCancelled
                let waitedFrom = ContinuousClock.now
                await checks.finished()
                let postponed = received.postponed(by: ContinuousClock.now - waitedFrom)
                checks.start(Task(executorPreference: globalConcurrentExecutor) { [outcome] in
                    var outcome = outcome
                    let exchange = requests.exchange(prepared.built, received: postponed, for: prepared.operation, service: service)
                    judge(exchange, step: claim.step, scope: stepScope, secretVariables: secretVariables, into: &outcome)
                    Self.noteInterruption(&outcome, interrupted: interrupted || Task.isCancelled)
                    schedule.settle(outcome)
                })
            }
            await checks.finished()
        } onCancel: {
            checks.cancel()
        }
    }
}

/// The check running beside the lane, which Ctrl-C cancels: it is a task of its own, not a child
/// of the lane's, so the lane's cancellation does not reach it otherwise.
private final class RunningCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    func start(_ check: Task<Void, Never>) {
        let cancel = lock.withLock {
            task = check
            return cancelled
        }
        if cancel { check.cancel() }
    }

    /// Waits for the running check, if any.
    func finished() async {
        await lock.withLock { task }?.value
    }

    func cancel() {
        let running = lock.withLock {
            cancelled = true
            return task
        }
        running?.cancel()
    }
}
