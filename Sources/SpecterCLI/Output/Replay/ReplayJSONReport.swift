import SpecterHTTP
import SpecterJSON
import SpecterRequest

/// `--report json`: one record per request — the request, the response, timings, assertion results,
/// captures, failures and warnings — with every secret the run met masked.
enum ReplayJSONReport {
    static func render(_ runs: [ReplayRun]) -> String {
        let outcomes = runs.lazy.flatMap(\.outcomes)
        let summary: JSONObject = [
            "total": .int(outcomes.count),
            "passed": .int(outcomes.filter { $0.verdict == .passed }.count),
            "failed": .int(outcomes.filter { $0.verdict == .failed }.count),
            "skipped": .int(outcomes.filter { $0.skipReason != nil }.count),
            "timeMs": .double(ReplayLatency.milliseconds(runs.reduce(Duration.zero) { $0 + $1.duration })),
        ]
        let collections: [JSONValue] = runs.map { run in
            [
                "collection": .string(run.collection.root.path), "environment": run.environmentName.map(JSONValue.string) ?? .null,
                "requests": .array(run.outcomes.map { record($0, redactor: run.runner.redactor) }),
            ]
        }
        return JSONWriter.pretty.string(["summary": .object(summary), "collections": .array(collections)]) + "\n"
    }

    private static func record(_ outcome: StepOutcome, redactor runRedactor: Redactor) -> JSONValue {
        let redactor = Redactor(secrets: runRedactor.secrets + (outcome.built?.redactor.secrets ?? []),
                                credentialHeaders: Array(outcome.built?.redactor.credentialHeaders ?? []))
        var record: JSONObject = [
            "file": .string(outcome.step.path), "name": .string(outcome.step.name), "operation": .string(outcome.step.draft.operation.description),
            "result": .string(outcome.verdictName),
        ]
        if let reason = outcome.skipReason { record["skipReason"] = .string(reason) }
        if outcome.attempts > 0 { record["attempts"] = .int(outcome.attempts) }
        let printer = CallPrinter(style: TextStyle(enabled: false), redactor: redactor)
        if let exchange = outcome.exchange, case .success(let response) = exchange.result {
            for member in printer.record(exchange, response: response).objectValue?.members ?? [] { record[member.key] = member.value }
        } else if let built = outcome.built {
            record["request"] = printer.requestRecord(built)
        }
        if !outcome.durations.isEmpty { record["timesMs"] = .array(outcome.durations.map { .double(ReplayLatency.milliseconds($0)) }) }
        record["asserts"] = .array(outcome.assertions.map { result in
            ["assert": .string(result.text), "passed": .bool(result.passed), "message": result.message.map { .string(redactor.redact($0)) } ?? .null]
        })
        var captures = JSONObject()
        for captured in outcome.captured { captures[captured.name] = .string(redactor.redact(captured.value)) }
        record["captures"] = .object(captures)
        record["failures"] = .array(outcome.failureLines(redactor).map(JSONValue.string))
        record["warnings"] = .array(outcome.warnings.map { .string(redactor.redact($0)) })
        return .object(record)
    }
}
