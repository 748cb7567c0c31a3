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
}
