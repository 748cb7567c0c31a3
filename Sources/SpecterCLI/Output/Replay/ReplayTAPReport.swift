import Foundation
import SpecterJSON
import SpecterRequest

/// `--report tap`: TAP version 13, one test point per request, a YAML block with the failure lines.
enum ReplayTAPReport {
    static func render(_ runs: [ReplayRun]) -> String {
        let outcomes = runs.flatMap { run in run.outcomes.map { ($0, run.runner.redactor) } }
        var text = "TAP version 13\n1..\(outcomes.count)\n"
        for (number, (outcome, runRedactor)) in zip(1..., outcomes) {
            let redactor = Redactor(secrets: runRedactor.secrets + (outcome.built?.redactor.secrets ?? []))
            let title = description(outcome.title)
            switch outcome.verdict {
            case .passed:
                text += "ok \(number) - \(title)\n"
            case .skipped(let reason):
                text += "ok \(number) - \(title) # SKIP \(description(reason))\n"
            case .failed:
                text += "not ok \(number) - \(title)\n  ---\n"
                text += "  file: \(quoted(outcome.step.path))\n"
                text += "  message: \(quoted(outcome.failures.first.map { redactor.redact($0.summary) } ?? "failed"))\n"
                text += "  failures:\n" + outcome.failureLines(redactor).map { "    - \(quoted($0))\n" }.joined()
                text += "  ...\n"
            }
        }
        return text
    }

    /// A test point's description: one line, safe for a terminal, and `#` escaped (it starts a directive).
    private static func description(_ text: String) -> String {
        TextStyle.safe(text.split(whereSeparator: \.isNewline).joined(separator: " ")).replacingOccurrences(of: "#", with: "\\#")
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    private static func quoted(_ text: String) -> String {
        JSONWriter.compact.string(.string(text))
    }
}
