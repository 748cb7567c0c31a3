import Foundation
import SpecterRequest

/// One request as `.http` lines. The request is first given the shape the file will say
/// (credentials as an `Authorization` shorthand, a Content-Type header for the body's media type,
/// a form as its encoded text); then it is written and read back, and any difference is noted.
enum HTTPRequestWriter {
    static func write(_ request: ForeignRequest) -> (lines: [String], notes: [ImportNote]) {
        var notes: [ImportNote] = []
        var expected = shaped(request, notes: &notes)
        // A request line's method is read in upper case (`get` is GET; an unknown one must be written so).
        if expected.method != expected.method.uppercased() {
            notes.append(note(request, "the method \(expected.method) is written as \(expected.method.uppercased()): an .http request line says methods in upper case"))
            expected.method = expected.method.uppercased()
        }
        // A request line ends at a space or a line break: those in a URL (outside its placeholders) are written percent-encoded.
        let encoded = Self.encodingWhitespace(expected.url)
        if encoded != expected.url {
            notes.append(note(request, "the URL's spaces and line breaks are written percent-encoded"))
            expected.url = encoded
        }
        let handler = HTTPHandlerWriter.write(captures: expected.captures, asserts: expected.asserts)
        for capture in handler.unwrittenCaptures {
            notes.append(note(request, "the capture \(capture.variable): \(capture.query) has no JetBrains handler equivalent; not written"))
        }
        for assert in handler.unwrittenAsserts {
            notes.append(note(request, "the assertion ‘\(assert)’ has no JetBrains handler equivalent; not written"))
        }
        expected.captures.removeAll { handler.unwrittenCaptures.contains($0) }
        expected.asserts.removeAll { handler.unwrittenAsserts.contains($0) }
        let lines = lines(for: HTTPRequestText.rewrite(expected, HTTPDynamicVariables.toJetBrains), handler: handler.lines)
        switch difference(readingBack: lines, expected: expected) {
        case nil:
            return (lines, notes)
        case .unreadable(let reason)?:
            // Written, it would break the file for the requests after it too.
            return ([], notes + [note(request, "not written: as .http lines \(reason)")])
        case .differs(let fields)?:
            return (lines, notes + [note(request, "the request does not read back the same from the .http file (\(fields)); check it there")])
        }
    }

    private static func lines(for request: ForeignRequest, handler: [String]) -> [String] {
        var lines = [request.name.map { "### \($0)" } ?? "###", "\(request.method) \(request.url)"]
        lines += request.headers.map { "\($0.name): \($0.value)" }
        if let auth = request.auth, let header = HTTPAuthorization.header(for: auth) { lines.append("\(header.name): \(header.value)") }
        switch request.body {
        case .text(let text, _)?: lines += [""] + text.components(separatedBy: "\n")
        case .file(let path, _)?: lines += ["", "< \(path)"]
        case .multipart(let parts)?: lines += [""] + HTTPMultipart.lines(for: parts, boundary: request.header("Content-Type").flatMap(HTTPMultipart.boundary) ?? HTTPFileExport.defaultBoundary)
        case .form?, nil: break
        }
        if !handler.isEmpty { lines += ["", "> {%"] + handler.map { "    " + $0 } + ["%}"] }
        return lines
    }

    /// The request as the written file will say it.
    private static func shaped(_ request: ForeignRequest, notes: inout [ImportNote]) -> ForeignRequest {
        var shaped = request
        shaped.notes = []
        let name = request.name?.components(separatedBy: .newlines).joined(separator: " ").trimmingHTTPWhitespace()
        shaped.name = name?.isEmpty == false ? name : nil
        switch request.auth {
        case .apiKey(let name, let value, let inQuery)?:
            shaped.auth = nil
            if inQuery { shaped.url += (shaped.url.contains("?") ? "&" : "?") + "\(name)=\(value)" } else { shaped.headers.append(ForeignHeader(name: name, value: value)) }
        case let auth? where HTTPAuthorization.header(for: auth) == nil:
            shaped.auth = nil
            notes.append(note(request, "the credentials hold white space, which the Authorization shorthand cannot say; not written"))
        case nil:
            // An Authorization header the file's shorthand reads as credentials is expected back as them.
            if let auth = HTTPAuthorization.extract(from: &shaped.headers) { shaped.auth = auth }
        default: break
        }
        switch request.body {
        case .text(_, let mediaType)?, .file(_, let mediaType)?:
            if let mediaType, shaped.header("Content-Type") == nil { shaped.headers.append(ForeignHeader(name: "Content-Type", value: mediaType)) }
        case .form(let fields)?:
            if shaped.header("Content-Type") == nil { shaped.headers.append(ForeignHeader(name: "Content-Type", value: "application/x-www-form-urlencoded")) }
            shaped.body = .text(fields.map { encoded($0.name) + "=" + encoded($0.value) }.joined(separator: "&"), mediaType: shaped.header("Content-Type"))
        case .multipart(let parts)?:
            if shaped.header("Content-Type").flatMap(HTTPMultipart.boundary) == nil {
                shaped.headers.removeAll { $0.name.lowercased() == "content-type" }
                shaped.headers.append(ForeignHeader(name: "Content-Type", value: "multipart/form-data; boundary=\(HTTPFileExport.defaultBoundary)"))
            }
            shaped.body = .multipart(parts.map(withoutRedundantFilename))
        case nil: break
        }
        return shaped
    }

    /// A file part's filename that is the file's own name says nothing more (and reads back as none).
    private static func withoutRedundantFilename(_ part: MultipartPart) -> MultipartPart {
        var part = part
        if case .file(let path, let filename?) = part.content, filename == HTTPMultipart.lastPathComponent(path) { part.content = .file(path: path, filename: nil) }
        return part
    }

    /// Percent-encoding for a form field, placeholders kept as they are.
    private static func encoded(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        var result = ""
        var rest = Substring(text)
        while !rest.isEmpty {  // each pass takes a placeholder or the text before the next one
            if rest.hasPrefix("{{"), let close = rest.range(of: "}}") {
                result += rest[..<close.upperBound]
                rest = rest[close.upperBound...]
            } else {
                let plain = rest[..<(rest.dropFirst().range(of: "{{")?.lowerBound ?? rest.endIndex)]
                result += plain.addingPercentEncoding(withAllowedCharacters: unreserved) ?? String(plain)
                rest = rest[plain.endIndex...]
            }
        }
        return result
    }

    /// What differs between the request the lines say and the one meant, if anything.
    private enum Difference {
        case unreadable(String)
        case differs(String)
    }

    private static func difference(readingBack lines: [String], expected: ForeignRequest) -> Difference? {
        let syntax: HTTPFileSyntax
        do {
            syntax = try HTTPFileParser.parse(lines.joined(separator: "\n"), file: expected.place.file)
        } catch {
            return .unreadable("it does not read: \(error.message)")
        }
        guard syntax.drafts.count == 1, let draft = syntax.drafts.first, syntax.variables.isEmpty else {
            return .unreadable("it reads as \(syntax.drafts.count) requests")
        }
        let read = HTTPRequestBuilder(file: expected.place.file) { _ in nil }.build(draft, earlierNames: [])
        let fields: [(String, Bool)] = [("name", read.name == expected.name), ("method", read.method == expected.method), ("URL", read.url == expected.url),
                                        ("headers", read.headers == expected.headers), ("body", read.body == expected.body), ("credentials", read.auth == expected.auth),
                                        ("captures", read.captures == expected.captures), ("assertions", read.asserts.map(ReplayAssertion.reading(of:)) == expected.asserts.map(ReplayAssertion.reading(of:)))]
        let differing = fields.filter { !$0.1 }.map(\.0)
        return differing.isEmpty ? nil : .differs(differing.joined(separator: ", ") + " differ")
    }

    private static func encodingWhitespace(_ url: String) -> String {
        var result = ""
        var rest = Substring(url)
        while !rest.isEmpty {
            if rest.hasPrefix("{{"), let close = rest.range(of: "}}") {
                result += rest[..<close.upperBound]
                rest = rest[close.upperBound...]
                continue
            }
            let character = rest.removeFirst()
            result += character.isWhitespace ? character.unicodeScalars.map { String(format: "%%%02X", $0.value) }.joined() : String(character)
        }
        return result
    }


    private static func note(_ request: ForeignRequest, _ message: String) -> ImportNote { ImportNote(place: request.place, message) }
}
