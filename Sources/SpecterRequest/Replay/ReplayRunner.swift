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
    public func run(_ plan: ReplayPlan, started: @escaping @Sendable (Int) -> Void = { _ in },
                    finished: @escaping @Sendable (StepOutcome) -> Void = { _ in }) async -> [StepOutcome] {
        // Known before anything is sent, so no message, comparison or line can show them.
        secrets.add(scope.secrets.values)
        secrets.add(plan.steps.flatMap { $0.environmentNames.compactMap { scope.environment[$0] } })
        var outcomes: [StepOutcome?] = Array(repeating: nil, count: plan.steps.count)
        // What each step captured, known as soon as its response came (before its checks end).
        var captured: [[CapturedValue]?] = Array(repeating: nil, count: plan.steps.count)
        var waiting = Array(plan.steps.indices)
        var sending = 0, checking = 0
        var stopped = false
        let overlaps = settings.overlapsChecks
        await withTaskGroup(of: StepEvent.self) { group in
            func settle(_ outcome: StepOutcome) {
                outcomes[outcome.index] = outcome
                captured[outcome.index] = captured[outcome.index] ?? outcome.captured
                finished(outcome)
                if outcome.verdict == .failed, settings.failFast { stopped = true }
            }
            while !waiting.isEmpty || sending > 0 || checking > 0 {
                let interrupted = Task.isCancelled
                if stopped || interrupted {
                    let reason = interrupted ? Self.interrupted : "not run: --fail-fast stopped the replay after a failure"
                    for index in waiting { settle(StepOutcome(index: index, step: plan.steps[index], verdict: .skipped(reason))) }
                    waiting = []
                }
                // Start, in collection order, every step whose chain and variables are ready.
                var position = 0
                while position < waiting.count, sending < max(1, settings.jobs) {
                    let index = waiting[position]
                    let step = plan.steps[index]
                    let ready = step.follows.map { captured[$0] != nil } ?? true
                    guard ready, step.needs.allSatisfy({ captured[$0.step] != nil }) else {
                        position += 1
                        continue
                    }
                    waiting.remove(at: position)
                    if let missing = step.needs.first(where: { need in !(captured[need.step]?.contains { $0.name == need.variable } ?? false) }) {
                        let provider = plan.steps[missing.step]
                        settle(StepOutcome(index: index, step: step, verdict: .skipped("needs \(missing.variable), which \(provider.name) (\(provider.path)) did not capture")))
                        continue
                    }
                    let stepScope = variables(for: step, captured: captured)
                    started(index)
                    let secretVariables = plan.secretVariables
                    group.addTask {
                        guard overlaps else { return .performed(await self.perform(step, index: index, scope: stepScope, secretVariables: secretVariables)) }
                        return await self.sendAlone(step, index: index, scope: stepScope, secretVariables: secretVariables)
                    }
                    sending += 1
                }
                guard let event = await group.next() else {
                    if waiting.isEmpty { break } else { continue }
                }
                switch event {
                case .performed(let outcome):
                    sending -= 1
                    settle(outcome)
                case .received(let outcome, let operation, let scope):
                    sending -= 1
                    captured[outcome.index] = outcome.captured
                    guard let operation else {
                        settle(outcome)
                        continue
                    }
                    // The next request goes out while this one's checks run.
                    checking += 1
                    let step = plan.steps[outcome.index]
                    group.addTask { .checked(await self.check(outcome, step: step, operation: operation, scope: scope)) }
                case .checked(let outcome):
                    checking -= 1
                    settle(outcome)
                }
            }
        }
        return outcomes.enumerated().map { index, outcome in
            outcome ?? StepOutcome(index: index, step: plan.steps[index], verdict: .skipped("not run"))
        }
    }

    /// Why a step was not run when the replay was interrupted (Ctrl-C).
    public static let interrupted = "not run: the replay was interrupted"

    /// Every step of a plan reported as not run, and why (a replay interrupted before reaching it).
    public func notRun(_ plan: ReplayPlan, reason: String) -> [StepOutcome] {
        plan.steps.enumerated().map { StepOutcome(index: $0.offset, step: $0.element, verdict: .skipped(reason)) }
    }

    /// The run's variables with the captured values this step needs.
    private func variables(for step: ReplayStep, captured: [[CapturedValue]?]) -> VariableScope {
        var stepScope = scope
        for need in step.needs {
            if let value = captured[need.step]?.last(where: { $0.name == need.variable })?.value { stepScope.values[need.variable] = value }
        }
        return stepScope
    }

    /// What a step's task reports: its whole outcome, or (when checks overlap the next request) its
    /// response with what it captured, then later its checked outcome.
    enum StepEvent: Sendable {
        case performed(StepOutcome)
        /// `operation` is nil when nothing is left to check.
        case received(StepOutcome, operation: APIOperation?, scope: VariableScope)
        case checked(StepOutcome)
    }

    /// One attempt, sent and received without its checks (which the caller starts beside the next request).
    private func sendAlone(_ step: ReplayStep, index: Int, scope: VariableScope, secretVariables: Set<String>) async -> StepEvent {
        var (outcome, operation) = await exchange(step, scope: scope, secretVariables: secretVariables, into: StepOutcome(index: index, step: step, verdict: .failed))
        outcome.attempts = 1
        if Task.isCancelled, outcome.failures.contains(.transport(.cancelled)) {
            outcome.verdict = .skipped("interrupted while it ran")
            outcome.failures = []
        }
        return .received(outcome, operation: operation, scope: scope)
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
            if Task.isCancelled, outcome.failures.contains(.transport(.cancelled)) {
                outcome.verdict = .skipped("interrupted while it ran")
                outcome.failures = []
            }
            if outcome.verdict != .failed || Task.isCancelled { break }
        }
        return outcome
    }

    /// One attempt: the request sent `repeatCount` times (stopping at a failure), the last response judged.
    private func attemptOnce(_ step: ReplayStep, index: Int, scope: VariableScope, secretVariables: Set<String>) async -> StepOutcome {
        var outcome = StepOutcome(index: index, step: step, verdict: .failed)
        for _ in 0..<max(1, settings.repeatCount) {
            let sent = await exchange(step, scope: scope, secretVariables: secretVariables, into: outcome)
            outcome = sent.outcome
            guard let operation = sent.operation else { return outcome }
            outcome = await check(outcome, step: step, operation: operation, scope: scope)
            if outcome.verdict != .passed { break }
        }
        return outcome
    }

    /// The request built and sent, and what its response gives at once (its captures); `operation` is
    /// nil when there is nothing more to check (it was not sent, or no response came).
    func exchange(_ step: ReplayStep, scope: VariableScope, secretVariables: Set<String>, into previous: StepOutcome) async -> (outcome: StepOutcome, operation: APIOperation?) {
        var outcome = previous
        let prepared: (built: BuiltRequest, operation: APIOperation)
        do {
            prepared = try await requests.prepare(step.draft, service: service, scope: scope, workingDirectory: workingDirectory)
        } catch {
            outcome.failures = [.notSent(String(describing: error))]
            outcome.verdict = .failed
            return (outcome, nil)
        }
        secrets.add(prepared.built.redactor.secrets + step.environmentNames.compactMap { scope.environment[$0] })
        outcome.built = prepared.built
        let exchange = await requests.send(prepared.built, for: prepared.operation, service: service, judging: false)
        outcome = received(exchange, step: step, secretVariables: secretVariables, into: outcome)
        guard case .success = exchange.result else { return (outcome, nil) }
        return (outcome, prepared.operation)
    }

    /// A received response's checks: the description's verdict (within the total timeout), assertions, the recording.
    func check(_ received: StepOutcome, step: ReplayStep, operation: APIOperation, scope: VariableScope) async -> StepOutcome {
        var outcome = received
        if settings.checksDescription, let exchange = outcome.exchange {
            outcome.exchange = await requests.judged(exchange, for: operation, service: service, within: requests.options.totalTimeout)
        }
        return checked(outcome, step: step, scope: scope)
    }
}
