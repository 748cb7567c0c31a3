/// A request's body lines as a `ForeignBody`: comment lines left out and blank lines around the body
/// trimmed (as the JetBrains format says: send a file to keep them), a lone `< ./file` as a file,
/// `multipart/form-data` as parts, anything else as the text written.
struct HTTPBodyReader {
    let file: String

    func body(_ lines: [HTTPLine], contentType: String?, notes: inout [ImportNote]) -> ForeignBody? {
        let comments = lines.filter(\.isComment)
        if let first = comments.first {
            notes.append(note(first.number, "comment lines inside the body (\(comments.count)) are left out, as the JetBrains format reads them"))
        }
        var content = lines.filter { !$0.isComment }.map { line in
            let mapped = HTTPDynamicVariables.toSpecter(line.text)
            notes += mapped.unsupported.map { note(line.number, HTTPBodyReader.unsupportedMessage($0)) }
            return HTTPLine(number: line.number, text: mapped.text)
        }
        while content.first?.isBlank == true { content.removeFirst() }
        while content.last?.isBlank == true { content.removeLast() }
        guard let first = content.first else { return nil }
        if content.count == 1, let include = HTTPFileInclude(first.text) {
            if include.replacesVariables { notes.append(note(first.number, include.variablesNote)) }
            return .file(path: include.path, mediaType: contentType)
        }
        if let contentType, let boundary = HTTPMultipart.boundary(in: contentType) {
            var partNotes: [ImportNote] = []
            switch HTTPMultipart.parts(content, boundary: boundary, file: file, notes: &partNotes) {
            case .success(let parts):
                notes += partNotes
                return .multipart(parts)
            case .failure(let problem):
                notes.append(note(first.number, "the multipart body is kept as text: \(problem.reason)"))
            }
        }
        for line in content where HTTPFileInclude(line.text) != nil {
            notes.append(note(line.number, "‘\(line.trimmed.abbreviatedForMessage)’ inside a body is sent as written: Specter includes a file only as the whole body or a part"))
        }
        return .text(content.map(\.text).joined(separator: "\n"), mediaType: contentType)
    }

    static func unsupportedMessage(_ placeholder: String) -> String {
        "\(placeholder) has no Specter equivalent (there are $uuid, $timestamp, $isoTimestamp, $randomInt MIN MAX, $env NAME); kept as written"
    }

    private func note(_ line: Int, _ message: String) -> ImportNote { ImportNote(place: SourcePlace(file: file, line: line), message) }
}
