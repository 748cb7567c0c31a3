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
        for entry in entries {
            var request = try requests.request(entry)
            if let response = entry.response { try responses.apply(response, to: &request) }
            collection.requests.append(request)
        }
        collection.variables = requests.variables
        return collection
    }
}
