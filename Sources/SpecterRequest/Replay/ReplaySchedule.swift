import Foundation

/// Which step of a replay runs next, shared by the run's lanes: each lane claims the first step,
/// in collection order, whose chain and variables are ready (in order, with one job: only the first
/// step not started), runs it, and its outcome is settled. A lane with nothing ready waits for a
/// settle (another lane's, or the check running beside a single lane). After a failure under `--fail-fast`,
/// or once the run is cancelled, what has not started is settled as skipped.
final class ReplaySchedule: @unchecked Sendable {
    /// A step to run now, with the values its chain captured for the variables it needs.
    struct Claim {
        var index: Int
        var step: ReplayStep
        var captured: [String: String]
    }

    private let condition = NSCondition()
    private let steps: [ReplayStep]
    private let previousInChain: [Int?]
    private let failFast: Bool
    /// Hears of every settled step (any order, outside the lock).
    private let finished: @Sendable (StepOutcome) -> Void
    /// Only the first step not started may start (one job: collection order, whatever is ready).
    private let inOrder: Bool
    private var outcomes: [StepOutcome?]
    /// Steps not started, in collection order (a slice: the first is taken in O(1), the usual case).
    private var waiting: ArraySlice<Int>
    private var stopped = false

    init(plan: ReplayPlan, failFast: Bool, inOrder: Bool, finished: @escaping @Sendable (StepOutcome) -> Void) {
        steps = plan.steps
        previousInChain = plan.previousInChain
        self.finished = finished
        self.failFast = failFast
        self.inOrder = inOrder
        outcomes = Array(repeating: nil, count: plan.steps.count)
        waiting = Array(plan.steps.indices)[...]
    }

    /// The next step to run, or `nil` when none is left to start. Steps settled on the way (skipped:
    /// a variable not captured, fail-fast, the calling task cancelled) are reported too.
    func next() -> Claim? {
        var skipped: [StepOutcome] = []
        defer { skipped.forEach(finished) }
        condition.lock()
        defer { condition.unlock() }
        while !waiting.isEmpty {
            let cancelled = Task.isCancelled
            if stopped || cancelled {
                let reason = cancelled ? ReplayRunner.interrupted : "not run: --fail-fast stopped the replay after a failure"
                skipped += waiting.map { StepOutcome(index: $0, step: steps[$0], verdict: .skipped(reason)) }
                skipped.forEach { outcomes[$0.index] = $0 }
                waiting = []
                break
            }
            if let claim = claimReady(skipping: &skipped) { return claim }
            // Nothing ready: a chain waits for a step another lane runs. Look at cancellation now and then.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        return nil
    }

    /// Records a step's outcome, so the steps that wait for it can start, and reports it.
    func settle(_ outcome: StepOutcome) {
        condition.withLock {
            outcomes[outcome.index] = outcome
            if outcome.verdict == .failed, failFast { stopped = true }
            condition.broadcast()
        }
        finished(outcome)
    }

    /// Every step's outcome, in collection order (a step never reached is reported as not run).
    var results: [StepOutcome] {
        condition.withLock {
            outcomes.enumerated().map { index, outcome in
                outcome ?? StepOutcome(index: index, step: steps[index], verdict: .skipped("not run"))
            }
        }
    }

    /// The first waiting step whose chain and providers have finished; one whose needed variable
    /// was not captured is skipped on the way. Called with the lock held.
    private func claimReady(skipping skipped: inout [StepOutcome]) -> Claim? {
        var position = waiting.startIndex
        while position < waiting.endIndex {
            let index = waiting[position]
            let step = steps[index]
            let ready = previousInChain[index].map { outcomes[$0] != nil } ?? true
            guard ready, step.needs.allSatisfy({ outcomes[$0.step] != nil }) else {
                if inOrder { return nil }
                position += 1
                continue
            }
            // Either way `position` is then the next waiting step's.
            if position == waiting.startIndex {
                waiting.removeFirst()
                position = waiting.startIndex
            } else {
                waiting.remove(at: position)
            }
            var captured: [String: String] = [:]
            for need in step.needs {
                guard let value = outcomes[need.step]?.captured.last(where: { $0.name == need.variable })?.value else {
                    let provider = steps[need.step]
                    let outcome = StepOutcome(index: index, step: step, verdict: .skipped("needs \(need.variable), which \(provider.name) (\(provider.path)) did not capture"))
                    outcomes[index] = outcome
                    skipped.append(outcome)
                    // Steps chained to this one may wait for it on other lanes.
                    condition.broadcast()
                    captured = [:]
                    break
                }
                captured[need.variable] = value
            }
            guard outcomes[index] == nil else { continue }
            return Claim(index: index, step: step, captured: captured)
        }
        return nil
    }
}
