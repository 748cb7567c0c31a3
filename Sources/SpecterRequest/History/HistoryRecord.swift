import Foundation
import SpecterHTTP
import SpecterJSON

/// One sent request as the history keeps it across runs: when, the draft (credentials only as
/// references), the request line with secret values masked, and the outcome — the status, the
/// time, whether the body matched its schema, and the body itself when it is small text (secret
/// values masked there too, since servers echo them), otherwise a one-line summary.
public struct HistoryRecord: Sendable, Equatable {
    public var sentAt: Date
    public var draft: RequestDraft
    /// The values its `{{placeholders}}` had (`--var`, the environment's, the collection's), so it can
    /// be sent again as it was; those only credentials use are left out.
    public var variables: [String: String]
    public var method: String
    public var url: String
    public var status: Int?
    /// Why no response came, when none did.
    public var failure: String?
    public var milliseconds: Int?
    /// Whether the body matched its schema (nil when it was not checked).
    public var matched: Bool?
    public var body: String?
    /// `12.3 MB application/json`, for a body that is not kept.
    public var bodySummary: String?

    /// Bodies up to this size are kept whole.
    public static let bodyLimit = 64 << 10

    public init(draft: RequestDraft, exchange: Exchange, sentAt: Date, variables: [String: String] = [:]) {
        let redactor = exchange.built.redactor
        self.sentAt = sentAt
        self.draft = draft
        var plain = draft
        plain.credentials = []
        plain.headers.removeAll(where: \.isCredential)
        let used = Set(Placeholders.names(in: JSONWriter.compact.string(plain.json)))
        self.variables = variables.filter { used.contains($0.key) }
        method = exchange.built.request.method
        url = redactor.redact(exchange.built.request.url.absoluteString)
        switch exchange.result {
        case .success(let response):
            status = response.status
            milliseconds = Int(response.duration.components.seconds * 1000 + response.duration.components.attoseconds / 1_000_000_000_000_000)
            matched = exchange.verdict.flatMap { $0.checkedAgainstSchema ? $0.conforms : nil }
            if case .text(let text)? = exchange.body?.content, text.utf8.count <= Self.bodyLimit {
                body = redactor.redact(text)
            } else if let size = exchange.body?.size, size > 0 {
                bodySummary = ByteCount.text(size) + (exchange.body?.mediaType.map { " " + $0 } ?? "")
            }
        case .failure(let error):
            failure = redactor.redact(error.description)
        }
    }

    /// As one line of the history file.
    public var json: JSONValue {
        var object: JSONObject = ["sentAt": .string(Self.clock.format(sentAt)), "method": .string(method), "url": .string(url), "draft": draft.json]
        object["variables"] = variables.isEmpty ? nil : .object(JSONObject(variables.keys.sorted().map { JSONObject.Member(key: $0, value: .string(variables[$0] ?? "")) }))
        object["status"] = status.map(JSONValue.int)
        object["failure"] = failure.map(JSONValue.string)
        object["ms"] = milliseconds.map(JSONValue.int)
        object["matched"] = matched.map(JSONValue.bool)
        object["body"] = body.map(JSONValue.string)
        object["bodySummary"] = bodySummary.map(JSONValue.string)
        return .object(object)
    }

    public init(json: JSONValue) throws(DraftFormatError) {
        guard let time = json["sentAt"]?.stringValue, let sentAt = try? Self.clock.parse(time),
              let method = json["method"]?.stringValue, let url = json["url"]?.stringValue, let draft = json["draft"] else {
            throw DraftFormatError(at: "", "a history record has sentAt, method, url and draft")
        }
        self.sentAt = sentAt
        self.method = method
        self.url = url
        self.draft = try RequestDraft(json: draft)
        variables = (json["variables"]?.objectValue?.members ?? []).reduce(into: [:]) { result, member in result[member.key] = member.value.stringValue }
        status = json["status"]?.intValue
        failure = json["failure"]?.stringValue
        milliseconds = json["ms"]?.intValue
        matched = json["matched"]?.boolValue
        body = json["body"]?.stringValue
        bodySummary = json["bodySummary"]?.stringValue
    }

    private static let clock = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
