/// Reads a Hurl file into entries (a request and, optionally, its response), line by line.
/// Syntax errors name the place; what the file means is left to the mapping.
struct HurlParser {
    private let source: HurlSource
    private var line = 0

    static let requestSections: Set<String> = ["Query", "QueryStringParams", "Form", "FormParams", "Multipart", "MultipartFormData", "Cookies", "BasicAuth", "Options"]
    static let responseSections: Set<String> = ["Captures", "Asserts"]

    init(source: HurlSource) {
        self.source = source
    }

    /// What a line (its first non-space) starts.
    private enum LineKind {
        case request(method: String, urlOffset: Int)
        case response(version: String, status: String)
        case section(String)
        case keyValue(HurlKeyValue)
        case body
        case other
    }

    mutating func entries() throws(HurlSyntaxError) -> [HurlEntry] {
        var entries: [HurlEntry] = []
        while skipBlankLines() {
            entries.append(try entry())
        }
        return entries
    }

    // MARK: Entries

    private mutating func entry() throws(HurlSyntaxError) -> HurlEntry {
        guard case .request(let method, let urlOffset) = classify() else {
            throw source.error("expected a request: METHOD URL (GET https://example.org)", at: firstOffset)
        }
        let url = try HurlStrings.read(.value, in: source, from: urlOffset, to: lineEnd).text
        var entry = HurlEntry(method: method, url: url, line: line, headers: [], sections: [], body: nil, response: nil)
        line += 1
        entry.headers = keyValues()
        entry.sections = try sections(allowed: Self.requestSections, misplaced: Self.responseSections, where: "a response (after HTTP …)")
        entry.body = try bodyIfPresent()
        guard skipBlankLines() else { return entry }
        switch classify() {
        case .response(let version, let status):
            entry.response = try response(version: version, status: status)
        case .request:
            return entry
        default:
            throw source.error("expected the response (HTTP 200) or the next request (METHOD URL)", at: firstOffset)
        }
        if skipBlankLines(), case .request = classify() { return entry }
        guard line >= source.lineCount else { throw source.error("expected the next request (METHOD URL)", at: firstOffset) }
        return entry
    }

    private mutating func response(version: String, status: String) throws(HurlSyntaxError) -> HurlResponse {
        var response = HurlResponse(version: version, status: status, line: line, headers: [], sections: [], body: nil)
        line += 1
        response.headers = keyValues()
        response.sections = try sections(allowed: Self.responseSections, misplaced: Self.requestSections, where: "a request (before HTTP …)")
        response.body = try bodyIfPresent()
        return response
    }

    // MARK: Sections

    private mutating func sections(allowed: Set<String>, misplaced: Set<String>, where place: String) throws(HurlSyntaxError) -> [HurlSection] {
        var sections: [HurlSection] = []
        while skipBlankLines(), case .section(let name) = classify() {
            guard allowed.contains(name) else {
                let reason = misplaced.contains(name) ? "[\(name)] belongs to \(place)" : "[\(name)] is not a Hurl section"
                throw source.error(reason, at: firstOffset)
            }
            var section = HurlSection(name: name, line: line)
            line += 1
            switch name {
            case "Captures": section.statements = try captures()
            case "Asserts": section.statements = try asserts()
            default: section.entries = keyValues()
            }
            sections.append(section)
        }
        return sections
    }

    private mutating func keyValues() -> [HurlKeyValue] {
        var entries: [HurlKeyValue] = []
        while skipBlankLines(), case .keyValue(let entry) = classify() {
            entries.append(entry)
            line += 1
        }
        return entries
    }

    private mutating func captures() throws(HurlSyntaxError) -> [HurlStatement] {
        var statements: [HurlStatement] = []
        while skipBlankLines(), case .keyValue(let entry) = classify() {
            let (tokens, endLine, end) = try HurlTokenizer.tokens(in: source, from: entry.valueOffset)
            statements.append(HurlStatement(name: entry.key, tokens: tokens, line: line, offset: entry.valueOffset, text: statementText(from: firstOffset, to: end)))
            line = endLine + 1
        }
        return statements
    }

    private mutating func asserts() throws(HurlSyntaxError) -> [HurlStatement] {
        var statements: [HurlStatement] = []
        while skipBlankLines(), case .other = classify() {
            let start = firstOffset
            let (tokens, endLine, end) = try HurlTokenizer.tokens(in: source, from: start)
            statements.append(HurlStatement(name: nil, tokens: tokens, line: line, offset: start, text: statementText(from: start, to: end)))
            line = endLine + 1
        }
        return statements
    }

    /// The statement as written on its first line, without a comment after it.
    private func statementText(from start: Int, to end: Int) -> String {
        source.string(start..<min(max(end, start), lineEnd))
    }

    private mutating func bodyIfPresent() throws(HurlSyntaxError) -> HurlPlacedBody? {
        guard skipBlankLines(), case .body = classify() else { return nil }
        let start = line
        let (body, endLine) = try HurlBodyReader.read(in: source, at: firstOffset)
        line = endLine + 1
        return HurlPlacedBody(body: body, line: start)
    }

    // MARK: Lines

    private var lineEnd: Int { source.contentEnd(ofLine: line) }
    private var firstOffset: Int {
        line < source.lineCount ? source.skipSpaces(from: source.lineStarts[line], to: lineEnd) : source.scalars.count
    }

    /// Moves to the next line that holds more than spaces and a comment; false at the end.
    private mutating func skipBlankLines() -> Bool {
        while line < source.lineCount {
            if !source.isRestBlank(from: source.lineStarts[line], to: lineEnd) { return true }
            line += 1
        }
        return false
    }

    private func classify() -> LineKind {
        let start = firstOffset
        let end = lineEnd
        if let kind = responseLine(from: start, to: end) ?? sectionLine(from: start, to: end) ?? requestLine(from: start, to: end) {
            return kind
        }
        if let entry = keyValue(from: start, to: end) { return .keyValue(entry) }
        return HurlBodyReader.startsBody(in: source, at: start, lineEnd: end) ? .body : .other
    }

    private func word(from start: Int, to end: Int, while accepted: (Unicode.Scalar) -> Bool) -> Int {
        var index = start
        while index < end, accepted(source.scalars[index]) { index += 1 }
        return index
    }

    private func requestLine(from start: Int, to end: Int) -> LineKind? {
        let methodEnd = word(from: start, to: end) { ("A"..."Z").contains($0) }
        let urlStart = source.skipSpaces(from: methodEnd, to: end)
        guard methodEnd > start, urlStart > methodEnd, !source.isRestBlank(from: urlStart, to: end) else { return nil }
        return .request(method: source.string(start..<methodEnd), urlOffset: urlStart)
    }

    private func responseLine(from start: Int, to end: Int) -> LineKind? {
        guard source.hasPrefix("HTTP", at: start) else { return nil }
        let versionEnd = word(from: start, to: end) { $0 != " " && $0 != "\t" }
        let version = source.string(start..<versionEnd)
        guard ["HTTP", "HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3", "HTTP/*"].contains(version) else { return nil }
        let statusStart = source.skipSpaces(from: versionEnd, to: end)
        let statusEnd = word(from: statusStart, to: end) { ("0"..."9").contains($0) || $0 == "*" }
        guard statusStart > versionEnd, statusEnd > statusStart, source.isRestBlank(from: statusEnd, to: end) else { return nil }
        return .response(version: version, status: source.string(statusStart..<statusEnd))
    }

    private func sectionLine(from start: Int, to end: Int) -> LineKind? {
        guard start < end, source.scalars[start] == "[" else { return nil }
        let nameEnd = word(from: start + 1, to: end) { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        guard nameEnd > start + 1, nameEnd < end, source.scalars[nameEnd] == "]", source.isRestBlank(from: nameEnd + 1, to: end) else { return nil }
        return .section(source.string(start + 1..<nameEnd))
    }

    private func keyValue(from start: Int, to end: Int) -> HurlKeyValue? {
        guard let (key, next) = try? HurlStrings.read(.key, in: source, from: start, to: end), !key.isEmpty else { return nil }
        let colon = source.skipSpaces(from: next, to: end)
        guard colon < end, source.scalars[colon] == ":" else { return nil }
        return HurlKeyValue(key: key, valueOffset: source.skipSpaces(from: colon + 1, to: end), line: line)
    }
}
