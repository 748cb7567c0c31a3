import SpecterHTTP
import SpecterSpec

/// One lane's work: claim the next ready step, run it, settle it, until none is left.
///
/// In the plain mode (no retries, repeats, delay or `--fail-fast`) a lane overlaps its steps: while
/// a request is with the server it prepares the next ready step, writes that step's request as soon
/// as the response is in, and judges the response while the server works on the next one. Each
/// lane still has one request on the wire at a time, in the order it claimed them, and a step that
/// uses a variable the step in flight captures is not ready until that step is settled, so chains
/// keep their order. With `--fail-fast` nothing is written before the last response is judged.
extension ReplayRunner {
    /// A claimed step ready to send: its request built with the variables of its chain.
    struct ReadyStep {
        var index: Int
        var step: ReplayStep
        var scope: VariableScope
        var built: BuiltRequest
        var operation: APIOperation
    }

    enum PreparedStep {
        case ready(ReadyStep)
        /// The request could not be built (a variable or a parameter missing …).
        case notSent(StepOutcome)
    }

    /// A step whose request is on the wire.
    private struct StepInFlight {
        var ready: ReadyStep
        var sent: RequestRunner.SentRequest
    }

    private var overlapsSteps: Bool {
        settings.retries == 0 && settings.repeatCount <= 1 && settings.delay == .zero && !settings.failFast
    }

    func drive(_ schedule: ReplaySchedule, secretVariables: Set<String>, started: @Sendable (Int) -> Void,
               finished: @escaping @Sendable (StepOutcome) -> Void) async {
        let isCancelled = { Task.isCancelled }
        func settle(_ outcome: StepOutcome) {
            schedule.settle(outcome)
            finished(outcome)
        }
        var inFlight: StepInFlight?
        while true {
            if let current = inFlight {
                // Only a step ready now: one that waits may be waiting for the step in flight.
                var next: PreparedStep?
                if let claim = schedule.next(waits: false, isCancelled: isCancelled, settled: finished) {
                    started(claim.index)
                    next = await prepare(claim.step, index: claim.index, scope: scope(for: claim))
                }
                let received = await current.sent.response()
                inFlight = nil
                switch next {
                case .ready(let ready)? where Task.isCancelled:
                    // Interrupted while the last request ran: nothing new is sent.
                    settle(StepOutcome(index: ready.index, step: ready.step, verdict: .skipped(Self.interrupted)))
                case .ready(let ready)?: inFlight = StepInFlight(ready: ready, sent: await requests.begin(ready.built))
                case .notSent(let failed)?: settle(failed)
                case nil: break
                }
                var outcome = StepOutcome(index: current.ready.index, step: current.ready.step, verdict: .failed)
                outcome.built = current.ready.built
                outcome.attempts = 1
                finish(current.sent, received: received, of: current.ready, secretVariables: secretVariables, into: &outcome)
                Self.noteInterruption(&outcome)
                settle(outcome)
                continue
            }
            guard let claim = schedule.next(waits: true, isCancelled: isCancelled, settled: finished) else { return }
            started(claim.index)
            guard overlapsSteps else {
                settle(await perform(claim.step, index: claim.index, scope: scope(for: claim), secretVariables: secretVariables))
                continue
            }
            switch await prepare(claim.step, index: claim.index, scope: scope(for: claim)) {
            case .ready(let ready): inFlight = StepInFlight(ready: ready, sent: await requests.begin(ready.built))
            case .notSent(let failed): settle(failed)
            }
        }
    }

    /// The run's variables with the values the step's chain captured.
    private func scope(for claim: ReplaySchedule.Claim) -> VariableScope {
        var stepScope = scope
        stepScope.values.merge(claim.captured) { _, captured in captured }
        return stepScope
    }

    /// The step's request built, its secrets noted so no report shows them.
    func prepare(_ step: ReplayStep, index: Int, scope: VariableScope) async -> PreparedStep {
        do {
            let prepared = try await requests.prepare(step.draft, service: service, scope: scope, workingDirectory: workingDirectory)
            secrets.add(prepared.built.redactor.secrets + step.environmentNames.compactMap { scope.environment[$0] })
            return .ready(ReadyStep(index: index, step: step, scope: scope, built: prepared.built, operation: prepared.operation))
        } catch {
            var outcome = StepOutcome(index: index, step: step, verdict: .failed)
            outcome.failures = [.notSent(String(describing: error))]
            return .notSent(outcome)
        }
    }

    /// The response judged: by the description, then the step's captures and assertions.
    func finish(_ sent: RequestRunner.SentRequest, received: Result<HTTPResponse, TransportError>, of ready: ReadyStep,
                secretVariables: Set<String>, into outcome: inout StepOutcome) {
        let exchange = requests.exchange(sent, received: received, for: ready.operation, service: service)
        judge(exchange, step: ready.step, scope: ready.scope, secretVariables: secretVariables, into: &outcome)
    }
}
