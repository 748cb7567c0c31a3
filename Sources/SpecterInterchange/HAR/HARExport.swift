import Foundation
import SpecterJSON

/// Writes requests as a HAR 1.2 log, for tools that read HAR (browsers' developer tools, proxies,
/// load testers). Requests were not sent, so each entry's response and timings are the empty
/// values the format requires.
public enum HARExport {
    /// The log's text (pretty JSON) and what could not be written (digest credentials, bodies read from files).
    public struct Exported: Sendable, Equatable {
        public var text: String
        public var notes: [ImportNote]
    }

    /// `creatorVersion` is Specter's version, written as the log's creator.
    public static func export(_ requests: [ForeignRequest], creatorVersion: String) -> Exported {
        var notes: [ImportNote] = []
        let entries = requests.map { entry($0, notes: &notes) }
        let log: JSONValue = ["log": [
            "version": "1.2",
            "creator": ["name": "Specter", "version": .string(creatorVersion)],
            "entries": .array(entries),
        ]]
        return Exported(text: JSONWriter.pretty.string(log), notes: notes)
    }

    private static func entry(_ request: ForeignRequest, notes: inout [ImportNote]) -> JSONValue {
        var sent = request
        applyAuth(&sent, notes: &notes)
        var harRequest: [JSONObject.Member] = [
            .init(key: "method", value: .string(sent.method)),
            .init(key: "url", value: .string(sent.url)),
            .init(key: "httpVersion", value: "HTTP/1.1"),
            .init(key: "cookies", value: .array(cookies(sent))),
            .init(key: "headers", value: .array(sent.headers.map { ["name": .string($0.name), "value": .string($0.value)] })),
            .init(key: "queryString", value: .array(URLParts(sent.url).query.map { ["name": .string($0.name), "value": .string($0.value)] })),
        ]
        if let body = sent.body { harRequest.append(.init(key: "postData", value: postData(body, request: sent, notes: &notes))) }
        harRequest += [.init(key: "headersSize", value: -1), .init(key: "bodySize", value: -1)]
        var members: [JSONObject.Member] = [
            .init(key: "startedDateTime", value: "1970-01-01T00:00:00.000Z"),
            .init(key: "time", value: 0),
            .init(key: "request", value: .object(JSONObject(harRequest))),
            .init(key: "response", value: emptyResponse),
            .init(key: "cache", value: .object(JSONObject())),
            .init(key: "timings", value: ["send": 0, "wait": 0, "receive": 0]),
        ]
        if let name = request.name { members.append(.init(key: "comment", value: .string(name))) }
        return .object(JSONObject(members))
    }

    private static let emptyResponse: JSONValue = [
        "status": 0, "statusText": "", "httpVersion": "", "cookies": [], "headers": [],
        "content": ["size": 0, "mimeType": ""], "redirectURL": "", "headersSize": -1, "bodySize": -1,
    ]

    /// HAR has no credentials of its own: they are written as the header or query parameter they send.
    private static func applyAuth(_ request: inout ForeignRequest, notes: inout [ImportNote]) {
        switch request.auth {
        case .basic(let user, let password):
            request.headers.append(ForeignHeader(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()))
            if (user + password).contains("{{") {
                notes.append(ImportNote(place: request.place, "basic credentials with placeholders were encoded as written: the HAR holds no values for them"))
            }
        case .bearer(let token):
            request.headers.append(ForeignHeader(name: "Authorization", value: "Bearer " + token))
        case .apiKey(let name, let value, let inQuery):
            if inQuery {
                let hash = request.url.firstIndex(of: "#") ?? request.url.endIndex
                let pair = PercentEncoding.encode(name, keeping: PercentEncoding.unreserved) + "=" + PercentEncoding.encode(value, keeping: PercentEncoding.unreserved)
                request.url = request.url[..<hash] + (request.url[..<hash].contains("?") ? "&" : "?") + pair + request.url[hash...]
            } else {
                request.headers.append(ForeignHeader(name: name, value: value))
            }
        case .digest:
            notes.append(ImportNote(place: request.place, "digest credentials answer the server's challenge, which HAR cannot hold: left out"))
        case nil:
            break
        }
    }

    /// The `Cookie` header's pairs, which HAR lists apart as well.
    private static func cookies(_ request: ForeignRequest) -> [JSONValue] {
        (request.header("Cookie") ?? "").split(separator: ";").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : ["name": .string(name), "value": .string(parts.count > 1 ? String(parts[1]) : "")]
        }
    }

    private static func postData(_ body: ForeignBody, request: ForeignRequest, notes: inout [ImportNote]) -> JSONValue {
        switch body {
        case .text(let text, let mediaType):
            return ["mimeType": .string(mediaType ?? request.header("Content-Type") ?? ""), "text": .string(text)]
        case .form(let fields):
            let text = fields.map { encodedFormPart($0.name) + "=" + encodedFormPart($0.value) }.joined(separator: "&")
            return ["mimeType": "application/x-www-form-urlencoded",
                    "params": .array(fields.map { ["name": .string($0.name), "value": .string($0.value)] }), "text": .string(text)]
        case .multipart(let parts):
            return ["mimeType": "multipart/form-data", "params": .array(parts.map(param)), "text": ""]
        case .file(let path, let mediaType):
            notes.append(ImportNote(place: request.place, "the body is read from \(path) when sent: the HAR holds no text for it"))
            return ["mimeType": .string(mediaType ?? request.header("Content-Type") ?? ""), "text": "", "comment": .string("body read from \(path)")]
        }
    }

    private static func param(_ part: MultipartPart) -> JSONValue {
        var members: [JSONObject.Member] = [.init(key: "name", value: .string(part.name))]
        switch part.content {
        case .text(let text): members.append(.init(key: "value", value: .string(text)))
        case .file(let path, _): members.append(.init(key: "fileName", value: .string(path)))
        }
        if let mediaType = part.mediaType { members.append(.init(key: "contentType", value: .string(mediaType))) }
        return .object(JSONObject(members))
    }

    private static func encodedFormPart(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
    }
}
