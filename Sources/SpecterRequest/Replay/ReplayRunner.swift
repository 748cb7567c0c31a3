import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// Runs a replay plan: each step built from its draft with the variables it needs, sent, and judged
/// (captures, assertions, the description, the recording). Steps start in collection order, up to
/// `jobs` at a time; a step of a chain starts once the chain's previous step has finished, and is
/// skipped when a variable it needs was not captured.
/// Outcomes come back in collection order whatever order they finished in.
public struct ReplayRunner: Sendable {
    public var requests: RequestRunner
    public var service: DescriptionService
    /// The variables every step starts from (collection, environment, `--var`, secrets).
    public var scope: VariableScope
    public var workingDirectory: URL
    public var settings: ReplaySettings
    public var recordings: ReplayRecordings?
    let secrets = SecretBook()

    public init(requests: RequestRunner, service: DescriptionService, scope: VariableScope, workingDirectory: URL, settings: ReplaySettings,
                recordings: ReplayRecordings? = nil) {
        self.requests = requests
        self.service = service
        self.scope = scope
        self.workingDirectory = workingDirectory
        self.settings = settings
        self.recordings = recordings
    }

    /// Masks every secret the run has met: for reports, recordings and messages.
    public var redactor: Redactor { secrets.redactor }

    /// Runs every step; `finished` hears of each outcome as soon as it is known (any order).
    /// Each job is a lane (`ExchangeLane`, a thread of its own) that claims the next ready step and
    /// sends it, the exchange in place on the lane; the response is checked there too, or, with one
    /// job, beside the next request (`checksBesideNextRequest`).
    public func run(_ plan: ReplayPlan, started: @escaping @Sendable (Int) -> Void = { _ in },
                    finished: @escaping @Sendable (StepOutcome) -> Void = { _ in }) async -> [StepOutcome] {
        // Known before anything is sent, so no message, comparison or line can show them.
        secrets.add(scope.secrets.values)
        secrets.add(plan.steps.flatMap { $0.environmentNames.compactMap { scope.environment[$0] } })
        // One job takes the steps strictly in collection order; more take whichever is ready first.
        let schedule = ReplaySchedule(plan: plan, failFast: settings.failFast, inOrder: settings.jobs <= 1, finished: finished)
        let lanes = (0..<min(max(1, settings.jobs), max(1, plan.steps.count))).map { ExchangeLane(name: "specter.replay.\($0 + 1)") }
        defer { lanes.forEach { $0.close() } }
        await withTaskGroup(of: Void.self) { group in
            for lane in lanes {
                group.addTask(executorPreference: lane) {
                    if checksBesideNextRequest {
                        await runChecksBesideNextRequest(schedule, secretVariables: plan.secretVariables, started: started)
                        return
                    }
                    while let claim = schedule.next() {
                        started(claim.index)
                        schedule.settle(await perform(claim.step, index: claim.index, scope: scope(for: claim), secretVariables: plan.secretVariables))
                    }
                }
            }
        }
        return schedule.results
    }

    /// The run's variables with the values the step's chain captured.
    func scope(for claim: ReplaySchedule.Claim) -> VariableScope {
        var stepScope = scope
        stepScope.values.merge(claim.captured) { _, captured in captured }
        return stepScope
    }

    /// Why a step was not run when the replay was interrupted (Ctrl-C).
    public static let interrupted = "not run: the replay was interrupted"

    /// Every step of a plan reported as not run, and why (a replay interrupted before reaching it).
    public func notRun(_ plan: ReplayPlan, reason: String) -> [StepOutcome] {
        plan.steps.enumerated().map { StepOutcome(index: $0.offset, step: $0.element, verdict: .skipped(reason)) }
    }

    /// A step with its retries: the last attempt's outcome.
    private func perform(_ step: ReplayStep, index: Int, scope: VariableScope, secretVariables: Set<String>) async -> StepOutcome {
        var outcome = StepOutcome(index: index, step: step, verdict: .skipped(Self.interrupted))
        for attempt in 1...(max(0, settings.retries) + 1) {
            if settings.delay > .zero { try? await Task.sleep(for: settings.delay) }
            // Interrupted before (another) attempt: what was last known stands.
            if Task.isCancelled { break }
            outcome = await attemptOnce(step, index: index, scope: scope, secretVariables: secretVariables)
            outcome.attempts = attempt
            Self.noteInterruption(&outcome, interrupted: Task.isCancelled)
            if outcome.verdict != .failed || Task.isCancelled { break }
        }
        return outcome
    }

    /// A request, or the check of its response, cut off by Ctrl-C is not a failure of the API.
    static func noteInterruption(_ outcome: inout StepOutcome, interrupted: Bool) {
        guard interrupted else { return }
        if outcome.failures.contains(.transport(.cancelled)) {
            outcome.verdict = .skipped("interrupted while it ran")
            outcome.failures = []
        } else if outcome.exchange?.verdict?.stopped == .cancelled {
            outcome.verdict = .skipped("interrupted while its response was checked")
            outcome.failures = []
        }
    }

    /// One attempt: the request sent `repeatCount` times (stopping at a failure), the last response judged.
    private func attemptOnce(_ step: ReplayStep, index: Int, scope: VariableScope, secretVariables: Set<String>) async -> StepOutcome {
        var outcome = StepOutcome(index: index, step: step, verdict: .failed)
        for _ in 0..<max(1, settings.repeatCount) {
            guard let prepared = await prepare(step, scope: scope, into: &outcome) else { return outcome }
            let exchange = await requests.send(prepared.built, for: prepared.operation, service: service)
            judge(exchange, step: step, scope: scope, secretVariables: secretVariables, into: &outcome)
            if outcome.verdict != .passed { break }
        }
        return outcome
    }

    /// The step's request built and its secrets noted, or `nil` with why it cannot be sent in `outcome`.
    func prepare(_ step: ReplayStep, scope: VariableScope, into outcome: inout StepOutcome) async -> (built: BuiltRequest, operation: APIOperation)? {
        do {
            let prepared = try await requests.prepare(step.draft, service: service, scope: scope, workingDirectory: workingDirectory)
            secrets.add(prepared.built.redactor.secrets + step.environmentNames.compactMap { scope.environment[$0] })
            outcome.built = prepared.built
            return prepared
        } catch {
            let leftOut = step.capturedOutside.filter { scope.values[$0.key] == nil && scope.references[$0.key] == nil }.sorted { $0.key < $1.key }
                .map { "{{\($0.key)}} is captured by \($0.value), which this run leaves out" }
            outcome.failures = [.notSent(([String(describing: error)] + leftOut).joined(separator: "; "))]
            return nil
        }
    }
}
