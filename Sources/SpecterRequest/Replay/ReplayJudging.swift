import SpecterHTTP
import SpecterJSON

extension ReplayRunner {
    /// Judges one exchange: captures, assertions, the status, the description and the recording.
    func judge(_ exchange: Exchange, step: ReplayStep, scope: VariableScope, secretVariables: Set<String>, into outcome: inout StepOutcome) {
        outcome.failures = []
        outcome.warnings = []
        outcome.assertions = []
        outcome.captured = []
        outcome.exchange = exchange
        let response: HTTPResponse
        switch exchange.result {
        case .failure(let error):
            outcome.failures = [.transport(error)]
            outcome.verdict = .failed
            return
        case .success(let received):
            response = received
        }
        let facts = ResponseFacts(response, body: exchange.body ?? ResponseBody(response))
        outcome.facts = facts
        outcome.durations.append(response.duration)
        capture(facts, step: step, secretVariables: secretVariables, into: &outcome)
        var filled = scope
        for captured in outcome.captured { filled.values[captured.name] = captured.value }
        for assertion in step.assertions {
            let result = assertion.check(facts, masking: secrets.redactor) { text in try Placeholders.fill(text, from: filled) }
            outcome.assertions.append(result)
            if !result.passed { outcome.failures.append(.assertion(result)) }
        }
        let assertsStatus = step.assertions.contains { if case .status = $0.query.source { return $0.query.reduction == nil } else { return false } }
        if !assertsStatus, response.status >= 400 { outcome.failures.append(.unexpectedStatus(response.status)) }
        if settings.checksDescription, let verdict = exchange.verdict { describe(verdict, into: &outcome) }
        if settings.recording == .compare { compare(facts, step: step, into: &outcome) }
        outcome.verdict = outcome.failures.isEmpty ? .passed : .failed
    }

    private func capture(_ facts: ResponseFacts, step: ReplayStep, secretVariables: Set<String>, into outcome: inout StepOutcome) {
        for capture in step.captures {
            switch capture.value(in: facts, masking: secrets.redactor) {
            case .success(let value):
                outcome.captured.append(CapturedValue(name: capture.name, value: value))
                if secretVariables.contains(capture.name) { secrets.add([value]) }
            case .failure(let failure):
                outcome.failures.append(.capture(failure))
            }
        }
    }

    private func describe(_ verdict: ResponseVerdict, into outcome: inout StepOutcome) {
        var lines = verdict.problems
        lines += verdict.mismatches.map { ($0.readablePath.isEmpty ? "$" : "$." + $0.readablePath) + ": " + $0.message }
        if let stop = verdict.stopped {
            switch stop {
            case .cancelled: lines.append("the check was stopped before its end")
            case .budget(let steps): lines.append("the check took more than \(steps) steps and was stopped")
            }
        }
        if !lines.isEmpty { outcome.failures.append(.description(lines)) }
        outcome.warnings += verdict.formatWarnings.map { "format: " + ($0.readablePath.isEmpty ? "$" : "$." + $0.readablePath) + ": " + $0.message }
    }

    private func compare(_ facts: ResponseFacts, step: ReplayStep, into outcome: inout StepOutcome) {
        guard let recordings else { return }
        do {
            guard let recorded = try recordings.load(for: step.path) else {
                outcome.failures.append(.uncompared("there is none yet (\(RecordedResponse.path(for: step.path))): run with --record first"))
                return
            }
            let current = RecordedResponse(facts, redactor: secrets.redactor)
            let differences = recorded.differences(to: current, ignoring: step.ignore)
            if !differences.isEmpty { outcome.failures.append(.comparison(differences)) }
        } catch {
            outcome.failures.append(.uncompared(error.description))
        }
    }
}
