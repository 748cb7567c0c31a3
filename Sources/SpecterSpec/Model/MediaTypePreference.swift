extension Array where Element == APIMediaType {
    /// The media type a request body is sent as: the one asked for (by essence, in any case), or
    /// without a wish the first JSON one (`+json` included) that has a schema, any JSON one, then the first.
    /// Every front end chooses through here, so the form, `call` and the builder agree.
    public func preferred(_ wanted: String? = nil) -> APIMediaType? {
        if let wanted {
            let essence = wanted.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            return first { $0.name.lowercased() == essence }
        }
        return first { Self.isJSON($0.name) && $0.schema != nil } ?? first { Self.isJSON($0.name) } ?? first
    }

    private static func isJSON(_ name: String) -> Bool {
        let essence = name.lowercased()
        return essence == "application/json" || essence.hasSuffix("+json") || essence == "text/json"
    }
}
