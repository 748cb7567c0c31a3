import SpecterRequest

/// The reports `replay --report` writes.
enum ReplayReportFormat: String, CaseIterable {
    case text, json, junit, tap

    func render(_ runs: [ReplayRun], environment: CLIEnvironment) -> String {
        switch self {
        case .json: return ReplayJSONReport.render(runs)
        case .junit: return ReplayJUnitReport.render(runs)
        case .tap: return ReplayTAPReport.render(runs)
        case .text:
            let buffer = BufferSink()
            let plain = CLIEnvironment(stdout: buffer, stderr: buffer, variables: ["NO_COLOR": "1"], httpClient: environment.httpClient)
            let output = ReplayTextOutput(environment: plain, toStandardError: false)
            for run in runs {
                output.begin(run)
                for outcome in run.outcomes { output.finished(outcome) }
            }
            output.finish(runs)
            return buffer.text
        }
    }
}

extension StepOutcome {
    /// `passed`, `failed` or `skipped`, as reports name verdicts.
    var verdictName: String {
        switch verdict {
        case .passed: return "passed"
        case .failed: return "failed"
        case .skipped: return "skipped"
        }
    }

    /// `Create a pet (POST /pets)`: the name people gave the request and what it sends.
    var title: String {
        let method = built?.request.method ?? step.operation.method.uppercased()
        return "\(step.name) (\(method) \(step.operation.path))"
    }

    var skipReason: String? {
        if case .skipped(let reason) = verdict { return reason }
        return nil
    }

    /// Every failure line, secrets masked.
    func failureLines(_ redactor: Redactor) -> [String] {
        failures.flatMap(\.lines).map(redactor.redact)
    }

    /// The request as sent (`GET http://…/pets/2 → 404`, with the attempts when retried), secrets masked.
    func requestLine(_ redactor: Redactor) -> String? {
        guard let request = built?.request else { return nil }
        return request.method + " " + redactor.redact(request.url.absoluteString) + (exchange?.result.status.map { " → \($0)" } ?? "")
            + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }

    /// The response's body when it explains a failure (a 422's `detail`, a problem document), shortened, secrets masked.
    func explainingBody(_ redactor: Redactor) -> String? {
        guard failures.contains(where: Self.bodyExplains), let body = facts?.bodyText, !body.isEmpty else { return nil }
        return redactor.redact(body).abbreviated(to: 300)
    }

    /// A failure's whole story as the text output tells it: the request line, every failure line, `← body`.
    func failureDetails(_ redactor: Redactor) -> [String] {
        [requestLine(redactor)].compactMap { $0 } + failureLines(redactor) + [explainingBody(redactor).map { "← " + $0 }].compactMap { $0 }
    }

    private static func bodyExplains(_ failure: StepFailure) -> Bool {
        switch failure {
        case .unexpectedStatus, .assertion: return true
        default: return false
        }
    }
}
