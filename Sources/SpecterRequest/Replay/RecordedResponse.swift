import Foundation
import SpecterHTTP
import SpecterJSON

/// A response kept beside its request by `replay --record` (`get-a-pet.yaml` →
/// `get-a-pet.recorded.json`) and compared with later by `--compare`: the status, the headers that
/// describe the content (not those that change with every exchange, such as `Date`), and the body.
/// Secrets are masked before it is written, as everywhere else Specter writes.
public struct RecordedResponse: Sendable, Equatable {
    public var status: Int
    /// Lower-cased names, in the order they came.
    public var headers: JSONObject
    /// The body when it is JSON, else its text (nil when empty or binary).
    public var body: JSONValue?
    public var text: String?

    /// Headers that differ on every exchange, describe the connection rather than the content, or
    /// carry session state (`Set-Cookie`: a session id must not be committed).
    static let unrecordedHeaders: Set<String> = ["date", "connection", "keep-alive", "transfer-encoding", "content-length", "age", "expires", "set-cookie"]

    public init(_ facts: ResponseFacts, redactor: Redactor) {
        status = facts.status
        headers = JSONObject()
        for field in facts.headers where !Self.unrecordedHeaders.contains(field.name.lowercased()) {
            headers[field.name.lowercased()] = .string(redactor.redact(field.value))
        }
        if let json = facts.bodyJSON {
            body = redactor.redact(json)
        } else {
            text = facts.bodyText.map(redactor.redact)
        }
    }

    /// The recording's file for a request file.
    public static func path(for requestPath: String) -> String {
        Collection.stem(of: requestPath) + ".recorded.json"
    }

    public var json: JSONValue {
        var object: JSONObject = ["status": .int(status), "headers": .object(headers)]
        if let body { object["body"] = body }
        if let text { object["text"] = .string(text) }
        return .object(object)
    }

    public init(json: JSONValue) throws(ReplaySyntaxError) {
        guard case .object(let object) = json, case .int(let status)? = object["status"] else {
            throw ReplaySyntaxError("a recording is {\"status\": …, \"headers\": {…}, \"body\": …}")
        }
        self.status = status
        headers = object["headers"]?.objectValue ?? JSONObject()
        body = object["body"]
        text = object["text"]?.stringValue
    }

    /// How `current` differs from this recording, one line each; empty when they agree.
    public func differences(to current: RecordedResponse, ignoring ignore: CompareIgnore) -> [String] {
        var lines: [String] = []
        if status != current.status { lines.append("status: \(status) → \(current.status)") }
        for member in headers.members where !ignore.headers.contains(member.key) {
            let now = current.headers[member.key]
            if now != member.value { lines.append("header \(member.key): \(member.value.shownAsIs) → \(now?.shownAsIs ?? "(absent)")") }
        }
        for member in current.headers.members where headers[member.key] == nil && !ignore.headers.contains(member.key) {
            lines.append("header \(member.key): added \(member.value.shownAsIs)")
        }
        switch (body, current.body) {
        case let (old?, new?):
            // The rules are the user's, the bodies the server's: each query within a work budget (one that runs out ignores nothing).
            let ignored = Set(ignore.paths.flatMap { query in
                ((try? query.select(in: old, budget: .interactive)) ?? []).map(\.path) + ((try? query.select(in: new, budget: .interactive)) ?? []).map(\.path)
            })
            lines += JSONDiff(ignored: ignored).lines(from: old, to: new)
        case (nil, nil):
            if text != current.text { lines.append("body: \((text ?? "").abbreviated(to: 80).quotedForMessage) → \((current.text ?? "").abbreviated(to: 80).quotedForMessage)") }
        default:
            lines.append("body: " + (body == nil ? "was not JSON, now is" : "was JSON, now is not"))
        }
        return lines
    }
}
