import SpecterJSON

/// What a comparison with a recorded response leaves out: body values by JSONPath (`$.id`,
/// `$..created_at`) and headers by name (`Date`, `ETag`), from `ignore:` in a saved request or in
/// `collection.yaml` (which applies to every request).
public struct CompareIgnore: Sendable {
    public var paths: [JSONPathQuery] = []
    /// Lower-cased header names.
    public var headers: Set<String> = []

    public init() {}

    /// Why an `ignore:` list does not read, and where inside it.
    public struct FormatError: Error, Sendable {
        public var tokens: [String]
        public var message: String
    }

    public init(json: JSONValue?) throws(FormatError) {
        guard let json else { return }
        guard case .array(let entries) = json else { throw FormatError(tokens: [], message: "ignore is a list of JSONPath queries ($.id) and header names (Date)") }
        for (index, entry) in entries.enumerated() {
            guard case .string(let text) = entry, !text.isEmpty else {
                throw FormatError(tokens: [String(index)], message: "an ignore rule is a JSONPath query ($..created_at) or a header name")
            }
            if text.hasPrefix("$") {
                do {
                    paths.append(try JSONPathQuery(parsing: text))
                } catch {
                    throw FormatError(tokens: [String(index)], message: "\(text.abbreviated(to: 40)) is not a JSONPath query: \(error)")
                }
            } else {
                headers.insert(text.lowercased())
            }
        }
    }

    func adding(_ other: CompareIgnore) -> CompareIgnore {
        var merged = self
        merged.paths += other.paths
        merged.headers.formUnion(other.headers)
        return merged
    }
}
