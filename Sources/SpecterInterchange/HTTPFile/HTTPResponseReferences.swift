/// Placeholders that read an earlier response: REST Client's `{{login.response.body.$.token}}` and
/// `{{login.response.headers.Location}}`, kulala's `{{login.response.body.json.token}}` (no `$`), and
/// httpyac's `{{login.token}}` (the named response's parsed body). Each becomes a capture on the named
/// request (`login_token: $.token`) and the placeholder `{{login_token}}`: the same value, since
/// Specter runs requests in file order. A reference to a request that does not come earlier is noted.
enum HTTPResponseReferences {
    struct Reference: Equatable {
        var requestName: String
        var capture: ForeignCapture
    }

    static func resolve(_ requests: inout [ForeignRequest], fileVariables: Set<String>) {
        for index in requests.indices {
            var notes: [ImportNote] = []
            let place = requests[index].place
            var rewritten = HTTPRequestText.rewrite(requests[index]) { text in
                HTTPDynamicVariables.rewritePlaceholders(in: text) { inner in
                    replacement(for: inner, at: index, in: &requests, fileVariables: fileVariables, place: place, notes: &notes)
                }
            }
            rewritten.notes += notes
            requests[index] = rewritten  // the captures went to earlier requests only
        }
    }

    private static func replacement(for inner: String, at index: Int, in requests: inout [ForeignRequest], fileVariables: Set<String>,
                                    place: SourcePlace, notes: inout [ImportNote]) -> String? {
        let names = Set(requests[..<index].compactMap(\.name))
        guard let reference = reference(inner, isRequestName: { names.contains($0) }) else {
            if let name = inner.split(separator: ".").first, inner.dropFirst(name.count).hasPrefix(".response.") || inner.dropFirst(name.count).hasPrefix(".request.") {
                notes.append(ImportNote(place: place, "{{\(inner)}} reads a request or response that no earlier request named ‘\(name)’ has; kept as written"))
            }
            return nil
        }
        guard let source = requests[..<index].lastIndex(where: { $0.name == reference.requestName }) else { return nil }
        let capture = reference.capture
        if let existing = requests[source].captures.first(where: { $0.variable == capture.variable }) {
            guard existing == capture else { return conflict(inner, capture, place, &notes) }
        } else {
            guard !fileVariables.contains(capture.variable) else { return conflict(inner, capture, place, &notes) }
            requests[source].captures.append(capture)
        }
        return capture.variable
    }

    private static func conflict(_ inner: String, _ capture: ForeignCapture, _ place: SourcePlace, _ notes: inout [ImportNote]) -> String? {
        notes.append(ImportNote(place: place, "{{\(inner)}} would be captured as ‘\(capture.variable)’, a name already in use; kept as written"))
        return nil
    }

    /// The capture a placeholder's text stands for, when it names an earlier request.
    static func reference(_ inner: String, isRequestName: (String) -> Bool) -> Reference? {
        guard let dot = inner.firstIndex(of: "."), isRequestName(String(inner[..<dot])) else { return nil }
        let name = String(inner[..<dot])
        let path = inner[inner.index(after: dot)...]
        if path.hasPrefix("response.headers.") {
            let header = path.dropFirst("response.headers.".count)
            guard !header.isEmpty, header.allSatisfy(\.isTokenCharacter) else { return nil }
            return Reference(requestName: name, capture: ForeignCapture(variable: variableName(name, header), query: "header \(header)"))
        }
        var bodyPath = path
        if path.hasPrefix("response.body.") {
            bodyPath = path.dropFirst("response.body.".count)
            if bodyPath.hasPrefix("$.") { bodyPath = bodyPath.dropFirst(2) }
        } else if path.hasPrefix("response") || path.hasPrefix("request") {
            return nil
        }
        guard let query = jsonPath(bodyPath) else { return nil }
        return Reference(requestName: name, capture: ForeignCapture(variable: variableName(name, bodyPath), query: query))
    }

    /// `a.b[0].c` as `$.a.b[0].c`, when it is made only of names and indices.
    private static func jsonPath(_ path: Substring) -> String? {
        let isSimple = !path.isEmpty && path.allSatisfy { $0.isLetter || $0.isNumber || "_.[]".contains($0) } && !path.hasPrefix(".") && !path.contains("..")
        return isSimple ? "$." + path : nil
    }

    /// `login` and `json.access_token` as `login_json_access_token`.
    private static func variableName(_ request: String, _ path: Substring) -> String {
        let joined = (request + "_" + String(path)).map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" }
        return String(joined).split(separator: "_").joined(separator: "_")
    }
}
