import Foundation
import SpecterJSON
import SpecterRequest

/// `--report junit`: JUnit XML as GitLab and Jenkins read it — a suite per collection, a test case per
/// request (its folder as class name), failures with their message and every line, skips, timings.
enum ReplayJUnitReport {
    static func render(_ runs: [ReplayRun]) -> String {
        let outcomes = runs.flatMap(\.outcomes)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"specter replay\"" + counts(outcomes, time: runs.reduce(Duration.zero) { $0 + $1.duration }) + ">\n"
        for run in runs {
            let suite = run.collection.root.lastPathComponent
            xml += "  <testsuite name=\"\(escaped(suite))\"" + counts(run.outcomes, time: run.duration) + ">\n"
            for outcome in run.outcomes { xml += testCase(outcome, suite: suite, redactor: run.runner.redactor) }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func counts(_ outcomes: [StepOutcome], time: Duration) -> String {
        let errors = outcomes.filter { $0.verdict == .failed && $0.failures.first.map(\.isTransport) == true }.count
        return " tests=\"\(outcomes.count)\" failures=\"\(outcomes.filter { $0.verdict == .failed }.count - errors)\" errors=\"\(errors)\""
            + " skipped=\"\(outcomes.filter { $0.skipReason != nil }.count)\" time=\"\(seconds(time))\""
    }

    private static func testCase(_ outcome: StepOutcome, suite: String, redactor runRedactor: Redactor) -> String {
        let redactor = Redactor(secrets: runRedactor.secrets + (outcome.built?.redactor.secrets ?? []))
        let folder = Collection.folder(of: outcome.step.path)
        let className = folder.isEmpty ? suite : suite + "." + folder.replacingOccurrences(of: "/", with: ".")
        let time = outcome.durations.reduce(Duration.zero, +)
        var xml = "    <testcase classname=\"\(escaped(className))\" name=\"\(escaped(outcome.title))\" file=\"\(escaped(outcome.step.path))\""
            + " time=\"\(seconds(time))\""
        switch outcome.verdict {
        case .passed:
            return xml + "/>\n"
        case .skipped(let reason):
            xml += ">\n      <skipped message=\"\(escaped(reason))\"/>\n"
        case .failed:
            // No response at all is an error (the test could not run); anything else a failure.
            let element = outcome.failures.first.map(\.isTransport) == true ? "error" : "failure"
            let message = outcome.failures.first.map { redactor.redact($0.summary) } ?? "failed"
            xml += ">\n      <\(element) message=\"\(escaped(message))\" type=\"\(failureType(outcome.failures.first))\">"
                + escaped(outcome.failureDetails(redactor).joined(separator: "\n")) + "</\(element)>\n"
        }
        return xml + "    </testcase>\n"
    }

    private static func failureType(_ failure: StepFailure?) -> String {
        switch failure {
        case .notSent?: return "not-sent"
        case .transport?: return "transport"
        case .assertion?: return "assertion"
        case .capture?: return "capture"
        case .unexpectedStatus?: return "status"
        case .description?: return "description"
        case .comparison?, .uncompared?: return "comparison"
        case nil: return "failure"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.timeInterval)
    }

    /// Text for an XML attribute or element: markup escaped; characters XML 1.0 cannot hold, C1
    /// controls and bidirectional overrides (which could disguise text in a viewer) replaced.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case "\u{00}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}":
                output += "\u{FFFD}"
            case _ where scalar.canDisguiseText:
                output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
