/// Sorts the lines of a `.http` file into requests, following the JetBrains format (requests between
/// `###` separators; request line, headers, a blank line, body, response handlers) and the leniencies
/// REST Client, httpyac and kulala files rely on: requests without `###` between them, a body right
/// after the headers, file variables, example responses kept after a request.
struct HTTPFileParser {
    private let file: String
    private let lines: [HTTPLine]
    private var syntax = HTTPFileSyntax()

    private init(file: String, lines: [HTTPLine]) {
        self.file = file
        self.lines = lines
    }

    static func parse(_ text: String, file: String) throws(HTTPFileError) -> HTTPFileSyntax {
        var parser = HTTPFileParser(file: file, lines: HTTPLine.split(text))
        try parser.readBlocks()
        return parser.syntax
    }

    /// What comes before a request line: its name, directives and notes on scripts that run before it.
    private struct Preamble {
        var name: String?
        var directives: [HTTPRequestDraft.Directive] = []
        var notes: [ImportNote] = []
    }

    private enum SectionEnd { case body, tail, nextRequest, end }

    private mutating func readBlocks() throws(HTTPFileError) {
        var start = 0
        var title: String?
        for (index, line) in lines.enumerated() where line.isSeparator {
            try readBlock(start..<index, title: title)
            title = line.text.dropFirst(3).trimmingHTTPWhitespace()
            start = index + 1
        }
        try readBlock(start..<lines.count, title: title)
    }

    /// The lines between two separators: usually one request, several in files without separators.
    private mutating func readBlock(_ range: Range<Int>, title: String?) throws(HTTPFileError) {
        var index = range.lowerBound
        let end = range.upperBound
        var title = title?.isEmpty == false ? title : nil
        while index < end {
            var preamble = Preamble(name: title)
            title = nil
            index = try readPreamble(from: index, to: end, into: &preamble)
            guard index < end else {
                syntax.notes += preamble.notes + preamble.directives.map { place($0.line, "the directive @\($0.name)\($0.argument.isEmpty ? "" : " " + $0.argument) is followed by no request") }
                return
            }
            var draft = try readRequestLine(at: &index, end: end, preamble: preamble)
            var section = readHeaders(from: &index, end: end, into: &draft)
            if section == .body { section = readBody(from: &index, end: end, into: &draft) }
            if section == .tail { try readTail(from: &index, end: end, into: &draft) }
            syntax.drafts.append(draft)
        }
    }

    // MARK: Before the request line

    private mutating func readPreamble(from start: Int, to end: Int, into preamble: inout Preamble) throws(HTTPFileError) -> Int {
        var index = start
        while index < end {
            let line = lines[index]
            let text = line.trimmed
            if line.isBlank || (line.isComment && line.directive == nil) {
                index += 1
            } else if let directive = line.directive {
                if directive.name == "name" { preamble.name = directive.argument } else { preamble.directives.append(.init(name: directive.name, argument: directive.argument, line: line.number)) }
                index += 1
            } else if let variable = line.variableDefinition {
                syntax.variables.append(.init(name: variable.name, value: variable.value, line: line.number))
                index += 1
            } else if text.hasPrefix("/*") {
                index = try skipBlockComment(from: index, to: end)
            } else if text.hasPrefix("<") {
                index = try readPreRequestScript(at: index, end: end, into: &preamble)
            } else if HTTPRequestLine.parse(line.text, strict: false) != nil {
                return index
            } else if text.hasPrefix("run ") || text.hasPrefix("import ") {
                preamble.notes.append(place(line.number, "the kulala command ‘\(text)’ is not carried over"))
                index += 1
            } else if text.hasPrefix("fragment ") && text.hasSuffix("{") {
                index = try skipGraphQLFragment(from: index, to: end, into: &preamble)
            } else {
                throw error(line, "expected a request line (METHOD URL), found ‘\(text.abbreviatedForMessage)’")
            }
        }
        return end
    }

    /// httpyac's `/* … */` comments (Markdown notes between requests).
    private func skipBlockComment(from start: Int, to end: Int) throws(HTTPFileError) -> Int {
        for index in start..<end where lines[index].text.contains("*/") && (index > start || lines[index].trimmed.dropFirst(2).contains("*/")) {
            return index + 1
        }
        throw error(lines[start], "the comment opened with /* is not closed with */")
    }

    /// `< {% … %}` or `< ./script.js` before a request: a script Specter does not run.
    private func readPreRequestScript(at index: Int, end: Int, into preamble: inout Preamble) throws(HTTPFileError) -> Int {
        let line = lines[index]
        let rest = line.text.dropFirst().trimmingHTTPWhitespace()
        guard rest.hasPrefix("{%") else {
            preamble.notes.append(place(line.number, "the pre-request script file ‘\(rest)’ is not run by Specter: variables it sets stay undefined"))
            return index + 1
        }
        let script = try readScript(at: index, end: end)
        preamble.notes.append(place(line.number, "the pre-request script (lines \(line.number)–\(lines[script.next - 1].number)) is not run by Specter: variables it sets stay undefined"))
        return script.next
    }

    /// httpyac's GraphQL `fragment Name on Type { … }` written before a request, which it appends to the query.
    private func skipGraphQLFragment(from start: Int, to end: Int, into preamble: inout Preamble) throws(HTTPFileError) -> Int {
        var depth = 0
        for index in start..<end {
            depth += lines[index].text.filter { $0 == "{" }.count - lines[index].text.filter { $0 == "}" }.count
            if depth <= 0 {
                preamble.notes.append(place(lines[start].number, "the httpyac GraphQL fragment (lines \(lines[start].number)–\(lines[index].number)) is not added to the query"))
                return index + 1
            }
        }
        throw error(lines[start], "the GraphQL fragment is not closed with }")
    }

    /// The text between `{%` and `%}`, over as many lines as it takes, and the index after it.
    private func readScript(at start: Int, end: Int) throws(HTTPFileError) -> (script: String, next: Int) {
        let first = lines[start]
        guard let open = first.text.range(of: "{%") else { return ("", start + 1) }
        var pieces: [String] = []
        var rest = first.text[open.upperBound...]
        var index = start
        while index < end {
            if let close = rest.range(of: "%}") {
                pieces.append(String(rest[..<close.lowerBound]))
                return (pieces.joined(separator: "\n"), index + 1)
            }
            pieces.append(String(rest))
            index += 1
            if index < end { rest = lines[index].text[...] }
        }
        let column = first.text.distance(from: first.text.startIndex, to: open.lowerBound) + 1
        throw error(first, column: column, "the script opened with {% is not closed with %} before the request ends")
    }

    // MARK: The request

    /// The request line and its indented continuation lines (a long URL split over lines).
    private func readRequestLine(at index: inout Int, end: Int, preamble: Preamble) throws(HTTPFileError) -> HTTPRequestDraft {
        let first = lines[index]
        var text = first.trimmed
        index += 1
        while index < end, lines[index].isIndented, !lines[index].isBlank, !lines[index].isComment {
            text += lines[index].trimmed
            index += 1
        }
        guard let requestLine = HTTPRequestLine.parse(text, strict: false) else {
            throw error(lines[index - 1], "the request line continued here does not read as METHOD URL [HTTP/VERSION]")
        }
        var draft = HTTPRequestDraft(name: preamble.name, requestLine: requestLine, line: first.number)
        draft.directives = preamble.directives
        draft.notes = preamble.notes
        return draft
    }

    private func readHeaders(from index: inout Int, end: Int, into draft: inout HTTPRequestDraft) -> SectionEnd {
        while index < end {
            let line = lines[index]
            if line.isBlank {
                index += 1
                return .body
            } else if let directive = line.directive {
                draft.directives.append(.init(name: directive.name, argument: directive.argument, line: line.number))
            } else if line.isComment {
                // comments may stand between headers
            } else if line.isIndented, !draft.headers.isEmpty {
                draft.headers[draft.headers.count - 1].value += " " + line.trimmed
            } else if HTTPRequestLine.parse(line.text, strict: true) != nil {
                return .nextRequest
            } else if line.isResponseHandler || line.isResponseFileLine {
                return .tail
            } else if let header = Self.header(line) {
                draft.headers.append(header)
            } else {
                return .body  // httpyac reads a body that follows the headers without a blank line
            }
            index += 1
        }
        return .end
    }

    /// `Name: value`; the name a token, white space before the colon allowed (kulala writes `content-type  :`).
    private static func header(_ line: HTTPLine) -> HTTPRequestDraft.Header? {
        guard !line.isIndented, let colon = line.text.firstIndex(of: ":") else { return nil }
        let name = line.text[..<colon].trimmingHTTPWhitespace()
        guard !name.isEmpty, name.allSatisfy(\.isTokenCharacter) else { return nil }
        return .init(name: name, value: line.text[line.text.index(after: colon)...].trimmingHTTPWhitespace(), line: line.number)
    }

    private mutating func readBody(from index: inout Int, end: Int, into draft: inout HTTPRequestDraft) -> SectionEnd {
        // A multipart body's parts hold blank lines followed by anything; only `###` ends it.
        let mayEndEarly = !(draft.contentType?.lowercased().hasPrefix("multipart/") ?? false)
        var atParagraphStart = true
        while index < end {
            let line = lines[index]
            if line.isResponseHandler || line.isResponseFileLine { return .tail }
            if atParagraphStart && mayEndEarly {
                let next = firstSignificantLine(from: index, end: end)
                if next == end || HTTPRequestLine.parse(lines[next].text, strict: true) != nil { return .nextRequest }
                draft.bodyLines += lines[index..<next]
                index = next
                atParagraphStart = false
                continue
            }
            if line.isStatusLine && draft.bodyLines.allSatisfy({ $0.isBlank || $0.isComment }) {
                return skipResponseExample(from: &index, end: end, into: &draft)
            }
            draft.bodyLines.append(line)
            atParagraphStart = line.isBlank
            index += 1
        }
        return .end
    }

    /// An example response written after the request (httpyac, REST Client): left out, with a note.
    private mutating func skipResponseExample(from index: inout Int, end: Int, into draft: inout HTTPRequestDraft) -> SectionEnd {
        let first = lines[index].number
        draft.bodyLines.removeAll()
        index += 1
        while index < end {
            if lines[index].isBlank {
                let next = firstSignificantLine(from: index, end: end)
                if next == end || HTTPRequestLine.parse(lines[next].text, strict: true) != nil { break }
                index = next
            } else {
                index += 1
            }
        }
        draft.notes.append(place(first, "the example response (lines \(first)–\(lines[index - 1].number)) is left out"))
        return index < end ? .nextRequest : .end
    }

    /// Response handlers, response references and `>>` redirections, up to the next request.
    private mutating func readTail(from index: inout Int, end: Int, into draft: inout HTTPRequestDraft) throws(HTTPFileError) {
        while index < end {
            let line = lines[index]
            if line.isBlank || line.isComment || line.variableDefinition != nil {
                let next = firstSignificantLine(from: index, end: end)
                if next == end || HTTPRequestLine.parse(lines[next].text, strict: true) != nil { return }
                index = next
            } else if HTTPRequestLine.parse(line.text, strict: true) != nil {
                return
            } else if line.isResponseHandler {
                let rest = line.text.dropFirst().trimmingHTTPWhitespace()
                if rest.hasPrefix("{%") {
                    let script = try readScript(at: index, end: end)
                    draft.handlers.append(.inline(script.script, line: line.number))
                    index = script.next
                } else {
                    draft.handlers.append(.file(rest, line: line.number))
                    index += 1
                }
            } else if line.isResponseFileLine {
                draft.notes.append(place(line.number, line.text.hasPrefix("<>")
                    ? "the response reference ‘\(line.text.dropFirst(2).trimmingHTTPWhitespace())’ (a recorded response to compare with) is left out"
                    : "saving the response to ‘\(line.text.drop { $0 == ">" || $0 == "!" }.trimmingHTTPWhitespace())’ is not carried over"))
                index += 1
            } else {
                throw error(line, "‘\(line.trimmed.abbreviatedForMessage)’ after the response handler: the body goes before it, and a new request after ###")
            }
        }
    }

    /// The first line from `start` that is not blank, a comment or a file variable (or `end`).
    private func firstSignificantLine(from start: Int, end: Int) -> Int {
        var index = start
        while index < end, lines[index].isBlank || lines[index].isComment || lines[index].variableDefinition != nil { index += 1 }
        return index
    }

    private func place(_ line: Int, _ message: String) -> ImportNote { ImportNote(place: SourcePlace(file: file, line: line), message) }

    private func error(_ line: HTTPLine, column: Int? = nil, _ message: String) -> HTTPFileError {
        HTTPFileError(file: file, line: line.number, column: column ?? line.firstColumn, message)
    }
}

extension HTTPRequestDraft {
    var contentType: String? { headers.first { $0.name.lowercased() == "content-type" }?.value }
}

extension Character {
    /// RFC 9110 `tchar`: what a header name is made of.
    var isTokenCharacter: Bool { isASCII && (isLetter || isNumber || "!#$%&'*+-.^_`|~".contains(self)) }
}

extension String {
    /// The text cut to a length a message can quote.
    var abbreviatedForMessage: String { count > 60 ? prefix(57) + "…" : self }
}
