/// Maps one Hurl entry's response part to Specter captures and assertions: the status line,
/// the headers and the body written there (Hurl's implicit checks), `[Captures]` and `[Asserts]`.
struct HurlResponseMapping {
    let source: HurlSource

    func apply(_ response: HurlResponse, to request: inout ForeignRequest) throws(HurlSyntaxError) {
        if let status = Int(response.status) {
            request.asserts.append("status == \(status)")
            if (300..<400).contains(status) {
                request.notes.append(note(response.line, "Specter follows redirects, so it sees \(status) only when the redirect cannot be followed (Hurl does not follow unless told to)"))
            }
        }
        if response.version != "HTTP", response.version != "HTTP/*" {
            request.notes.append(note(response.line, "\(response.version): Specter does not check the protocol version"))
        }
        try applyHeaders(response.headers, to: &request)
        for section in response.sections {
            for statement in section.statements {
                if section.name == "Captures" {
                    try applyCapture(statement, to: &request)
                } else {
                    try applyAssertion(statement, to: &request)
                }
            }
        }
        if let body = response.body { applyBody(body, to: &request) }
    }

    private func note(_ line: Int, _ message: String) -> ImportNote { ImportNote(place: source.place(ofLine: line), message) }

    /// `Content-Type: text/html` under the status line: the response has that header. A name
    /// written several times must have each value among the response's.
    private func applyHeaders(_ headers: [HurlKeyValue], to request: inout ForeignRequest) throws(HurlSyntaxError) {
        for header in headers {
            let value = try HurlStrings.read(.value, in: source, from: header.valueOffset, to: source.contentEnd(ofLine: header.line)).text
            let repeated = headers.filter { $0.key.lowercased() == header.key.lowercased() }.count > 1
            guard !header.key.contains(" ") else {
                request.notes.append(note(header.line, "the response header \(header.key) has a name Specter cannot query"))
                continue
            }
            request.asserts.append("header \(header.key) \(repeated ? "contains" : "==") \(HurlCheckTranslation.jsonString(value))")
            if repeated {
                request.notes.append(note(header.line, "\(header.key) is expected several times: checked with contains, which for a single \(header.key) header also accepts a part of its value"))
            }
        }
    }

    private func applyCapture(_ statement: HurlStatement, to request: inout ForeignRequest) throws(HurlSyntaxError) {
        let check = try read(statement, isCapture: true)
        guard let name = statement.name, !name.contains("{{") else {
            request.notes.append(note(statement.line, "\(statement.text): a capture into a variable named by a template is not carried over"))
            return
        }
        do {
            request.captures.append(ForeignCapture(variable: name, query: try HurlCheckTranslation.capture(check)))
            if check.redacted {
                request.notes.append(note(statement.line, "\(name) is redacted in Hurl; Specter masks a captured value only once it is used as a credential"))
            }
        } catch {
            request.notes.append(note(statement.line, "\(statement.text): \(error.reason); not carried over"))
        }
    }

    private func applyAssertion(_ statement: HurlStatement, to request: inout ForeignRequest) throws(HurlSyntaxError) {
        let check = try read(statement, isCapture: false)
        do {
            request.asserts.append(try HurlCheckTranslation.assertion(check))
        } catch {
            request.notes.append(note(statement.line, "\(statement.text): \(error.reason); not carried over"))
        }
    }

    private func read(_ statement: HurlStatement, isCapture: Bool) throws(HurlSyntaxError) -> HurlCheck {
        do {
            return try HurlCheckReader.read(statement.tokens, isCapture: isCapture)
        } catch {
            throw source.error(error.message, at: statement.offset)
        }
    }

    /// A text written as the response body: the body must be exactly that text.
    private func applyBody(_ placed: HurlPlacedBody, to request: inout ForeignRequest) {
        switch placed.body {
        case .text(let text, let language):
            let expected = language == "graphql" ? HurlGraphQL.requestJSON(text) : text
            request.asserts.append("body == \(HurlCheckTranslation.jsonString(expected))")
        case .json:
            request.notes.append(note(placed.line, "the expected JSON body is not carried over (Hurl compares it as JSON; write a JSONPath assertion)"))
        case .xml:
            request.notes.append(note(placed.line, "the expected XML body is not carried over"))
        case .bytes, .file:
            request.notes.append(note(placed.line, "the expected body bytes (base64, hex or file) are not carried over"))
        }
    }
}
