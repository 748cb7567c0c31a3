/// Placeholders in a server URL (`{{baseUrl}}`, `https://{{host}}/v1`) replaced by hosts that are
/// valid in a URL, so an export can build the request, and put back in what it wrote.
struct PlaceholderStandIns {
    private var pairs: [(placeholder: String, standIn: String)] = []

    /// A placeholder that starts the URL stands for a scheme and host (`http://placeholder-1.specter.invalid`);
    /// elsewhere, for a host or a segment (`placeholder-2.specter.invalid`).
    mutating func replacing(_ url: String) -> String {
        var result = ""
        var rest = Substring(url)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let placeholder = String(rest[open.lowerBound..<close.upperBound])
            let host = "placeholder-\(pairs.count + 1).specter.invalid"
            let standIn = result.isEmpty ? "http://" + host : host
            pairs.append((placeholder, standIn))
            result += standIn
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    func restoring(_ text: String) -> String {
        // The longest stand-in first: `http://placeholder-1…` before the bare host it contains.
        pairs.sorted { $0.standIn.count > $1.standIn.count }.reduce(text) { $0.replacingOccurrences(of: $1.standIn, with: $1.placeholder) }
    }
}
