import Foundation

/// Maps one Hurl entry's request part (request line, headers, request sections, body) to a
/// `ForeignRequest`; `[Options]` variables go to the collection.
struct HurlRequestMapping {
    let source: HurlSource
    /// `variable: name=value` options, first definition kept.
    private(set) var variables: [ForeignVariable] = []

    init(source: HurlSource) {
        self.source = source
    }

    mutating func request(_ entry: HurlEntry) throws(HurlSyntaxError) -> ForeignRequest {
        var request = ForeignRequest(method: entry.method, url: entry.url, place: source.place(ofLine: entry.line))
        for header in entry.headers {
            request.headers.append(ForeignHeader(name: header.key, value: try value(header)))
        }
        for section in entry.sections {
            try apply(section, to: &request)
        }
        if let body = entry.body { apply(body, to: &request) }
        return request
    }

    func value(_ entry: HurlKeyValue) throws(HurlSyntaxError) -> String {
        try HurlStrings.read(.value, in: source, from: entry.valueOffset, to: source.contentEnd(ofLine: entry.line)).text
    }

    private func note(_ line: Int, _ message: String) -> ImportNote { ImportNote(place: source.place(ofLine: line), message) }

    // MARK: Sections

    private mutating func apply(_ section: HurlSection, to request: inout ForeignRequest) throws(HurlSyntaxError) {
        switch section.name {
        case "Query", "QueryStringParams":
            var parameters: [(name: String, value: String)] = []
            for entry in section.entries { parameters.append((entry.key, try value(entry))) }
            request.url = HurlQueryString.appending(parameters, to: request.url)
        case "Form", "FormParams":
            var fields: [FormField] = []
            for entry in section.entries { fields.append(FormField(name: entry.key, value: try value(entry))) }
            request.body = .form(fields)
        case "Multipart", "MultipartFormData":
            var parts: [MultipartPart] = []
            for entry in section.entries { parts.append(try multipartPart(entry)) }
            request.body = .multipart(parts)
        case "Cookies":
            var cookies: [String] = []
            for entry in section.entries { cookies.append("\(entry.key)=\(try value(entry))") }
            if !cookies.isEmpty { request.headers.append(ForeignHeader(name: "Cookie", value: cookies.joined(separator: "; "))) }
        case "BasicAuth":
            for entry in section.entries { request.auth = .basic(user: entry.key, password: try value(entry)) }
            if section.entries.count > 1 { request.notes.append(note(section.line, "[BasicAuth] has several users; the last one is kept")) }
        default:
            for entry in section.entries { try applyOption(entry, to: &request) }
        }
    }

    /// `upload: file,data.txt; text/html` or `key: value`.
    private func multipartPart(_ entry: HurlKeyValue) throws(HurlSyntaxError) -> MultipartPart {
        let end = source.contentEnd(ofLine: entry.line)
        guard let (token, next) = try HurlBytes.read(in: source, at: entry.valueOffset, to: end), case .file(let path) = token else {
            return MultipartPart(name: entry.key, content: .text(try value(entry)))
        }
        let mediaType = try HurlStrings.read(.value, in: source, from: source.skipSpaces(from: next, to: end), to: end).text
        return MultipartPart(name: entry.key, content: .file(path: path, filename: nil), mediaType: mediaType.isEmpty ? nil : mediaType)
    }

    /// `variable:`, `user:` and `location: true` have a Specter meaning; every other option is reported.
    private mutating func applyOption(_ entry: HurlKeyValue, to request: inout ForeignRequest) throws(HurlSyntaxError) {
        let text = try value(entry)
        switch entry.key {
        case "variable":
            guard let equals = text.firstIndex(of: "=") else { throw source.error("variable: takes name=value", at: entry.valueOffset) }
            let name = String(text[..<equals]).trimmingSpaces
            var value = String(text[text.index(after: equals)...]).trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            define(ForeignVariable(name: name, value: value), line: entry.line, request: &request)
        case "location" where text == "true":
            break  // Specter follows redirects too.
        case "location":
            request.notes.append(note(entry.line, "option location: \(text): Specter always follows redirects"))
        case "location-trusted" where text == "true":
            request.notes.append(note(entry.line, "option location-trusted: Specter follows redirects but sends no credentials to another host"))
        case "user":
            guard let colon = text.firstIndex(of: ":") else { throw source.error("user: takes user:password", at: entry.valueOffset) }
            request.auth = .basic(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
        default:
            request.notes.append(note(entry.line, "option \(entry.key): \(text) has no Specter equivalent; not carried over"))
        }
    }

    private mutating func define(_ variable: ForeignVariable, line: Int, request: inout ForeignRequest) {
        guard let known = variables.first(where: { $0.name == variable.name }) else {
            variables.append(variable)
            return
        }
        if known.value != variable.value {
            request.notes.append(note(line, "variable \(variable.name) is set again (\(variable.value)); a collection keeps its first value (\(known.value))"))
        }
    }

    // MARK: Body

    private func apply(_ placed: HurlPlacedBody, to request: inout ForeignRequest) {
        if request.body != nil {
            request.notes.append(note(placed.line, "a body after [Form] or [Multipart]: the body is kept, the section's fields are not"))
        }
        let declared = request.header("Content-Type")
        switch placed.body {
        case .json(let text):
            request.body = .text(text, mediaType: declared ?? "application/json")
        case .xml(let text):
            request.body = .text(text, mediaType: declared ?? "application/xml")
        case .text(let text, let language):
            request.body = textBody(text, language: language, declared: declared)
            if let language, !["json", "xml", "graphql"].contains(language) {
                request.notes.append(note(placed.line, "the ```\(language) hint has no meaning to Hurl or Specter; the text is sent as written"))
            }
        case .bytes(let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                request.body = nil
                request.notes.append(note(placed.line, "a binary body (\(bytes.count) bytes that are not UTF-8 text) is not carried over"))
                return
            }
            request.body = .text(text, mediaType: declared ?? "application/octet-stream")
        case .file(let path):
            request.body = .file(path: path, mediaType: declared)
        }
    }

    private func textBody(_ text: String, language: String?, declared: String?) -> ForeignBody {
        switch language {
        case "json": .text(text, mediaType: declared ?? "application/json")
        case "xml": .text(text, mediaType: declared ?? "application/xml")
        case "graphql": .text(HurlGraphQL.requestJSON(text), mediaType: declared ?? "application/json")
        default: .text(text, mediaType: declared)
        }
    }
}
