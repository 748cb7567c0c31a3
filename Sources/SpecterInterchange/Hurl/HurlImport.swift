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
        for entry in entries {
            var request = try requests.request(entry)
            request.name = request.name ?? name(above: request.place.line, in: lines)
            if let response = entry.response { try responses.apply(response, to: &request) }
            collection.requests.append(request)
        }
        collection.variables = requests.variables
        return collection
    }

    /// A comment on the line just above an entry names it (`# Create a pet`), as an export writes it.
    private static func name(above line: Int?, in lines: [Substring]) -> String? {
        guard let line, line >= 2 else { return nil }
        let above = lines[line - 2].trimmingCharacters(in: .whitespaces)
        guard above.hasPrefix("#") else { return nil }
        let name = above.dropFirst().trimmingCharacters(in: .whitespaces)
        // A title, not a paragraph of explanation.
        return name.isEmpty || name.count > 60 ? nil : name
    }
}
