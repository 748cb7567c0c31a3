import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// How a response compares with what the description says it should be.
public struct ResponseVerdict: Sendable, Equatable {
    /// The response the description documents for the status (`200`, `2XX`, `default`), if any.
    public var documentedStatus: String?
    /// The documented media type the body was checked as.
    public var documentedMediaType: String?
    /// Schema mismatches in the body, with their paths.
    public var mismatches: [ValidationError]
    /// Values that do not have their documented `format` (a date without its time-zone offset):
    /// `format` is an annotation in JSON Schema, so these are warnings unless formats are strict.
    public var formatWarnings: [ValidationError] = []
    /// Other ways the response differs (undocumented status or media type, a body that does not parse).
    public var problems: [String]
    /// Whether a schema was there to check the body against.
    public var checkedAgainstSchema: Bool
    /// Why the body's check ended before its end (cancelled, or too costly), if it did.
    public var stopped: ValidationStop?

    public init(documentedStatus: String? = nil, documentedMediaType: String? = nil, mismatches: [ValidationError] = [], problems: [String] = [],
                checkedAgainstSchema: Bool = false, stopped: ValidationStop? = nil) {
        self.documentedStatus = documentedStatus
        self.documentedMediaType = documentedMediaType
        self.mismatches = mismatches
        self.problems = problems
        self.checkedAgainstSchema = checkedAgainstSchema
        self.stopped = stopped
    }

    public var conforms: Bool { mismatches.isEmpty && problems.isEmpty && stopped == nil }

    /// One line: `matches the schema of 200 (application/json)` or what is wrong.
    public var summary: String {
        if conforms {
            guard checkedAgainstSchema, let status = documentedStatus else {
                return documentedStatus.map { "status \($0) is documented (no body schema to check)" } ?? "not checked"
            }
            let matches = "matches the schema of \(status)" + (documentedMediaType.map { " (\($0))" } ?? "")
            guard let first = formatWarnings.first else { return matches }
            let count = formatWarnings.count
            return matches + " · \(count) format warning\(count == 1 ? "" : "s"): " + (first.readablePath.isEmpty ? "" : first.readablePath + " ") + first.message
                + (count > 1 ? " …" : "")
        }
        var parts = problems
        switch stopped {
        case .cancelled?: parts.append("not checked to the end: the check was stopped")
        case .budget(let steps)?: parts.append("not checked to the end: the check took more than \(steps) steps")
        case nil: break
        }
        if !mismatches.isEmpty {
            parts.append("\(mismatches.count) schema mismatch\(mismatches.count == 1 ? "" : "es") against \(documentedStatus ?? "?")"
                + (documentedMediaType.map { " (\($0))" } ?? ""))
        }
        return parts.joined(separator: "; ")
    }
}

/// Judges responses against the operation's documented responses with the schema engine.
public struct ResponseJudge: Sendable {
    public let validator: SchemaValidator
    /// Whether a value without its documented `format` is a mismatch (otherwise it is a warning).
    public var strictFormats: Bool

    /// `validator` checks in the response direction (write-only properties must not come back).
    public init(validator: SchemaValidator, strictFormats: Bool = false) {
        self.validator = validator
        self.strictFormats = strictFormats
    }

    public func judge(_ response: HTTPResponse, body: ResponseBody, for operation: APIOperation) -> ResponseVerdict {
        var verdict = ResponseVerdict()
        guard let documented = operation.response(for: response.status) else {
            if !operation.responses.isEmpty {
                verdict.problems.append("status \(response.status) is not documented (documented: \(operation.responses.map(\.status).joined(separator: ", ")))")
            }
            return verdict
        }
        verdict.documentedStatus = documented.status
        // OpenAPI ignores a documented Content-Type header: the media types say it.
        for header in documented.headers where header.required && header.name.lowercased() != "content-type" && !response.headers.contains(header.name) {
            verdict.problems.append("the required header \(header.name) is missing (documented for \(documented.status))")
        }
        guard !documented.content.isEmpty else { return verdict }
        guard body.size > 0 else {
            if documented.content.contains(where: { $0.schema != nil }) && response.status != 204 && response.status != 304 {
                verdict.problems.append("the body is empty, but \(documented.status) documents one")
            }
            return verdict
        }
        guard let media = documented.mediaType(matching: response.headers["Content-Type"]) else {
            verdict.problems.append("media type \(response.mediaType ?? "(none)") is not documented for \(documented.status) "
                + "(documented: \(documented.content.map(\.name).joined(separator: ", ")))")
            return verdict
        }
        verdict.documentedMediaType = media.name
        guard let schema = media.schema else { return verdict }
        let structured = MediaType.isJSON(media.name) || MediaType.isYAML(media.name) || media.name == "*/*"
        guard structured else { return verdict }
        if case .large = body.content {
            verdict.problems.append("the body (\(ByteCount.text(body.size))) is larger than \(ByteCount.text(ResponseBody.inspectionLimit)), so it was not checked")
            return verdict
        }
        guard let json = body.json else {
            if let problem = body.parseProblem {
                verdict.problems.append("the body was not checked: it is \(problem.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? problem)")
            } else {
                verdict.problems.append("the body is not valid \(MediaType.isYAML(media.name) ? "YAML" : "JSON")")
            }
            return verdict
        }
        verdict.checkedAgainstSchema = true
        var judging = validator
        judging.options.assertFormats = strictFormats
        let compiled = judging.compile(schema)
        let report = judging.report(json, against: compiled)
        verdict.mismatches = report.mismatches
        verdict.stopped = report.stop
        if !strictFormats, report.stop == nil {
            // Checked again with formats asserted: what that adds is what the formats say. (Not the
            // other way round: under `not` or `oneOf`, asserting formats can also take errors away.)
            var formats = validator
            formats.options.assertFormats = true
            let strict = formats.report(json, against: compiled)
            let known = Set(report.mismatches)
            verdict.formatWarnings = strict.mismatches.filter { !known.contains($0) }
        }
        return verdict
    }
}
