/// `multipart/form-data` bodies as the `.http` tools write them: parts between `--boundary` lines,
/// each with its headers, a blank line, and its text or `< ./file`. They are read into parts (not
/// kept as text) because Specter frames parts itself (CR LF line ends, the file's bytes); what a part
/// says that a `MultipartPart` cannot hold is noted.
enum HTTPMultipart {
    /// The `boundary` parameter of a Content-Type, unquoted.
    static func boundary(in contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameters(contentType).first { $0.key == "boundary" }?.value
    }

    /// The parts, or why the body does not read as parts.
    static func parts(_ lines: [HTTPLine], boundary: String, file: String, notes: inout [ImportNote]) -> Result<[MultipartPart], MultipartProblem> {
        let delimiter = "--" + boundary
        guard let first = lines.first, first.trimmed == delimiter else { return .failure(MultipartProblem("it does not start with \(delimiter)")) }
        var sections: [[HTTPLine]] = [[]]
        var closed = false
        for line in lines.dropFirst() {
            if closed {
                guard line.isBlank else { return .failure(MultipartProblem("line \(line.number) follows the closing \(delimiter)--")) }
            } else if line.trimmed == delimiter {
                sections.append([])
            } else if line.trimmed == delimiter + "--" {
                closed = true
            } else {
                sections[sections.count - 1].append(line)
            }
        }
        if !closed {
            if sections.count > 1, sections.last?.isEmpty == true { sections.removeLast() }
            notes.append(ImportNote(place: SourcePlace(file: file, line: lines.last?.number), "the multipart body is not closed with \(delimiter)--"))
        }
        var parts: [MultipartPart] = []
        for section in sections {
            switch part(section, file: file, notes: &notes) {
            case .success(let part): parts.append(part)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(parts)
    }

    /// One part: headers, a blank line, then its content (trailing blank lines are not part of it).
    private static func part(_ lines: [HTTPLine], file: String, notes: inout [ImportNote]) -> Result<MultipartPart, MultipartProblem> {
        guard let blank = lines.firstIndex(where: \.isBlank) else {
            return .failure(MultipartProblem("a part\(lines.first.map { " (line \($0.number))" } ?? "") has no blank line after its headers"))
        }
        var name: String?
        var filename: String?
        var mediaType: String?
        for line in lines[..<blank] {
            let pair = line.text.split(separator: ":", maxSplits: 1).map { $0.trimmingHTTPWhitespace() }
            switch pair.first?.lowercased() {
            case "content-disposition"? where pair.count == 2:
                let parameters = Dictionary(parameters(pair[1]).map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                name = parameters["name"]
                filename = parameters["filename"]
            case "content-type"? where pair.count == 2:
                mediaType = pair[1]
            default:
                notes.append(ImportNote(place: SourcePlace(file: file, line: line.number), "the part header ‘\(line.trimmed.abbreviatedForMessage)’ is not carried over"))
            }
        }
        guard let partName = name else { return .failure(MultipartProblem("the part at line \(lines[0].number) has no Content-Disposition with a name")) }
        var content = Array(lines[(blank + 1)...])
        while content.last?.isBlank == true { content.removeLast() }
        return .success(MultipartPart(name: partName, content: partContent(content, filename: filename, name: partName, file: file, notes: &notes), mediaType: mediaType))
    }

    private static func partContent(_ content: [HTTPLine], filename: String?, name: String, file: String, notes: inout [ImportNote]) -> MultipartPart.Content {
        let place = SourcePlace(file: file, line: content.first?.number)
        if content.count == 1, let include = HTTPFileInclude(content[0].text) {
            if include.replacesVariables { notes.append(ImportNote(place: place, include.variablesNote)) }
            if filename == nil { notes.append(ImportNote(place: place, "the part ‘\(name)’ gives no filename; Specter sends ‘\(include.path)’ with the file's own name")) }
            return .file(path: include.path, filename: filename == lastPathComponent(include.path) ? nil : filename)
        }
        if let filename { notes.append(ImportNote(place: place, "the text part ‘\(name)’ announces filename=\"\(filename)\", which Specter does not send for a text part")) }
        return .text(content.map(\.text).joined(separator: "\n"))
    }

    /// `key=value` and `key="quoted value"` parameters after the first `;` of a header value, keys in lower case.
    static func parameters(_ value: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var characters = Substring(value).drop { $0 != ";" }
        while characters.first == ";" {  // each pass takes the `;` and what follows it
            characters = characters.dropFirst().drop { $0.isHTTPWhitespace }
            let key = characters.prefix { $0 != "=" && $0 != ";" }
            characters = characters.dropFirst(key.count)
            guard characters.first == "=" else { continue }
            characters = characters.dropFirst()
            var parameter = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                while let character = characters.first, character != "\"" {
                    if character == "\\", characters.count > 1 { characters = characters.dropFirst() }
                    parameter.append(characters.removeFirst())
                }
                characters = characters.dropFirst().drop { $0 != ";" }
            } else {
                parameter = String(characters.prefix { $0 != ";" }).trimmingHTTPWhitespace()
                characters = characters.drop { $0 != ";" }
            }
            result.append((key.trimmingHTTPWhitespace().lowercased(), parameter))
        }
        return result
    }

    /// The body's lines for the parts (export), closed with `--boundary--`.
    static func lines(for parts: [MultipartPart], boundary: String) -> [String] {
        var lines: [String] = []
        for part in parts {
            lines.append("--" + boundary)
            var disposition = "Content-Disposition: form-data; name=\(quoted(part.name))"
            var content: String
            switch part.content {
            case .text(let text):
                content = text
            case .file(let path, let filename):
                disposition += "; filename=\(quoted(filename ?? lastPathComponent(path)))"
                content = "< " + path
            }
            lines.append(disposition)
            if let mediaType = part.mediaType { lines.append("Content-Type: \(mediaType)") }
            lines += ["", content]
        }
        return lines + ["--\(boundary)--"]
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func lastPathComponent(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}

/// Why a multipart body is kept as text.
struct MultipartProblem: Error, Sendable, Equatable {
    var reason: String

    init(_ reason: String) { self.reason = reason }
}

/// `< ./file` (the file's bytes) or `<@ ./file` (the file with its `{{variables}}` replaced; httpyac
/// also writes an encoding after the `@`).
struct HTTPFileInclude: Sendable, Equatable {
    var path: String
    var replacesVariables: Bool

    init?(_ text: String) {
        guard text.hasPrefix("<"), !text.hasPrefix("<>") else { return nil }
        var rest = text.dropFirst()
        replacesVariables = rest.first == "@"
        if replacesVariables { rest = rest.drop { !$0.isHTTPWhitespace } }
        guard rest.first?.isHTTPWhitespace == true else { return nil }
        path = rest.trimmingHTTPWhitespace()
        if path.isEmpty { return nil }
    }

    var variablesNote: String { "‘<@ \(path)’ asks for the {{variables}} in the file to be replaced; Specter sends the file as it is" }
}
