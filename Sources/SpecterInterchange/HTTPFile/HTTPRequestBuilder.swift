import Foundation
import SpecterJSON

/// Turns a parsed request into a `ForeignRequest`: placeholders in Specter's spelling, credentials out
/// of the headers, the body read, GraphQL sent as HTTP, and directives and handlers carried over or noted.
struct HTTPRequestBuilder {
    let file: String
    /// A script file's text by its path as written (relative to the `.http` file); nil when unread.
    let readScript: (String) -> String?

    func build(_ draft: HTTPRequestDraft, earlierNames: Set<String>) -> ForeignRequest {
        var notes = draft.notes
        let url = mapped(draft.requestLine.target, line: draft.line, notes: &notes)
        var headers = draft.headers.map { ForeignHeader(name: mapped($0.name, line: $0.line, notes: &notes), value: mapped($0.value, line: $0.line, notes: &notes)) }
        let auth = HTTPAuthorization.extract(from: &headers)
        var request = ForeignRequest(name: draft.name, method: draft.requestLine.method, url: url, headers: headers, auth: auth, place: place(draft.line))
        request.body = HTTPBodyReader(file: file).body(draft.bodyLines, contentType: request.header("Content-Type"), notes: &notes)
        if let version = draft.requestLine.version, version != "HTTP/1.1" {
            notes.append(note(draft.line, "the request asks for \(version); Specter chooses the protocol itself"))
        }
        sendGraphQLOverHTTP(&request, notes: &notes)
        if request.method == "WEBSOCKET" { notes.append(note(draft.line, "a WebSocket request: Specter sends HTTP requests only; kept as written")) }
        for directive in draft.directives where !((directive.name == "ref" || directive.name == "forceRef") && earlierNames.contains(directive.argument)) {
            notes.append(note(directive.line, "the directive @\(directive.name)\(directive.argument.isEmpty ? "" : " " + directive.argument) is not carried over"))
        }
        for handler in draft.handlers { carryOver(handler, into: &request, notes: &notes) }
        request.notes = notes
        return request
    }

    private func mapped(_ text: String, line: Int, notes: inout [ImportNote]) -> String {
        let result = HTTPDynamicVariables.toSpecter(text)
        notes += result.unsupported.map { note(line, HTTPBodyReader.unsupportedMessage($0)) }
        return result.text
    }

    /// A JetBrains `GRAPHQL` request is a POST of `{"query": …, "variables": …}`: the query, and the
    /// JSON object after its last blank line, if there is one.
    private func sendGraphQLOverHTTP(_ request: inout ForeignRequest, notes: inout [ImportNote]) {
        guard request.method == "GRAPHQL" else { return }
        guard case .text(let text, _)? = request.body else {
            notes.append(note(request.place.line, "a GRAPHQL request without a query written in place is kept as written"))
            return
        }
        var query = text
        var variables: String?
        if let gap = text.range(of: "\n\n", options: .backwards), text[gap.upperBound...].trimmingHTTPWhitespace().hasPrefix("{") {
            query = String(text[..<gap.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            variables = text[gap.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var json = "{\"query\": "
        JSONWriter.writeString(query, into: &json)
        if let variables { json += ", \"variables\": \(variables)" }
        request.method = "POST"
        request.body = .text(json + "}", mediaType: "application/json")
        if request.header("Content-Type") == nil { request.headers.append(ForeignHeader(name: "Content-Type", value: "application/json")) }
        notes.append(note(request.place.line, "a GRAPHQL request: sent as a POST of {\"query\", \"variables\"} in JSON, as JetBrains sends it over HTTP"))
    }

    private func carryOver(_ handler: HTTPRequestDraft.Handler, into request: inout ForeignRequest, notes: inout [ImportNote]) {
        let script: String
        let line: Int
        let what: String
        switch handler {
        case .inline(let text, let start):
            (script, line) = (text, start)
            what = "the response handler (lines \(start)–\(start + text.filter { $0 == "\n" }.count))"
        case .file(let path, let start):
            guard let text = readScript(path) else {
                notes.append(note(start, "the response handler file ‘\(path)’ is not read: what it checks and sets is not carried over"))
                return
            }
            (script, line) = (text, start)
            what = "the response handler file ‘\(path)’"
        }
        guard let read = HTTPHandlerScript.read(script) else {
            notes.append(note(line, "\(what) is JavaScript beyond client.global.set and client.test/client.assert on the response; Specter does not run it"))
            return
        }
        request.captures += read.captures
        request.asserts += read.asserts
    }

    private func place(_ line: Int?) -> SourcePlace { SourcePlace(file: file, line: line) }
    private func note(_ line: Int?, _ message: String) -> ImportNote { ImportNote(place: place(line), message) }
}
