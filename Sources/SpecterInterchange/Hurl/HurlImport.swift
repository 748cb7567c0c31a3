/// Reads Hurl files (https://hurl.dev) into the requests every importer produces. Each entry
/// becomes a `ForeignRequest`; its response checks become Specter captures and assertions, and
/// whatever Specter cannot do exactly (XPath, most filters, options such as `retry`) becomes a
/// note with its line, never silently dropped. Pure: file bodies stay paths, read when sent.
public enum HurlImport {
    /// The requests of one `.hurl` file; `file` names it in places, notes and errors.
    /// `[Options]` `variable:` definitions become the collection's variables.
    public static func collection(from text: String, file: String) throws(HurlSyntaxError) -> ForeignCollection {
        let source = HurlSource(text: text, file: file)
        var parser = HurlParser(source: source)
        let entries = try parser.entries()
        var requests = HurlRequestMapping(source: source)
        let responses = HurlResponseMapping(source: source)
        var collection = ForeignCollection()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let writtenBySpecter = SpecterExportComments.isWrittenBySpecter(text)
        for entry in entries {
            var request = try requests.request(entry)
            let comments = self.comments(above: request.place.line, in: lines)
            if writtenBySpecter, let (name, folder) = comments.last.flatMap(SpecterExportComments.heading(parsing:)) {
                request.name = request.name ?? name
                request.folder = folder
            } else {
                request.name = request.name ?? comments.last.flatMap(name)
            }
            if let response = entry.response { try responses.apply(response, to: &request) }
            if writtenBySpecter {
                let reads = comments.compactMap(SpecterExportComments.environmentRead(parsing:))
                request = request.renamingPlaceholders(Dictionary(reads.map { ($0.variable, "$env " + $0.environment) }) { first, _ in first })
            }
            collection.requests.append(request)
        }
        collection.variables = requests.variables
        return collection
    }

    /// The comment lines just above an entry, in order (the last one is on the line above it).
    private static func comments(above line: Int?, in lines: [Substring]) -> [String] {
        guard let line else { return [] }
        var comments: [String] = []
        var index = line - 2
        while index >= 0, case let text = lines[index].trimmingCharacters(in: .whitespaces), text.hasPrefix("#") {
            comments.insert(text, at: 0)
            index -= 1
        }
        return comments
    }

    /// A comment on the line just above an entry names it (`# Create a pet`), as an export writes it.
    private static func name(_ comment: String) -> String? {
        let name = comment.dropFirst().trimmingCharacters(in: .whitespaces)
        // A title, not a paragraph of explanation.
        return name.isEmpty || name.count > 60 ? nil : name
    }
}
