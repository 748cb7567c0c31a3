import SpecterJSON

/// A Postman request's URL as one text: a string as written, or an object's parts put together the
/// way Postman sends them (its `raw` only when it has no parts). Path variables (`:id`) take the
/// value the file gave them, or become a `{{id}}` placeholder when it gave none.
enum PostmanURL {
    static func text(_ url: JSONValue) -> String? {
        if let written = url.stringValue { return written }
        guard url.objectValue != nil else { return nil }
        let assembled = url["host"] == nil ? url["raw"]?.stringValue : assembledText(url)
        return assembled.map { withPathVariables($0, url["variable"]?.arrayValue ?? []) }
    }

    private static func assembledText(_ url: JSONValue) -> String {
        var text = ""
        if let scheme = url["protocol"]?.scalarText, !scheme.isEmpty { text += scheme + "://" }
        text += joined(url["host"], separator: ".")
        if let port = url["port"]?.scalarText, !port.isEmpty { text += ":" + port }
        let path = joined(url["path"], separator: "/")
        if !path.isEmpty { text += path.hasPrefix("/") ? path : "/" + path }
        let query = (url["query"]?.arrayValue ?? []).filter { !$0.isSwitchedOff }.compactMap(queryPair)
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        if let hash = url["hash"]?.scalarText, !hash.isEmpty { text += "#" + hash }
        return text
    }

    /// A host or path: one text, or a list of segments (strings, or `{value}` objects in v2.1).
    private static func joined(_ value: JSONValue?, separator: String) -> String {
        guard let value else { return "" }
        if let text = value.scalarText { return text }
        return (value.arrayValue ?? []).compactMap { $0.scalarText ?? $0["value"]?.scalarText }.joined(separator: separator)
    }

    private static func queryPair(_ parameter: JSONValue) -> String? {
        let key = parameter["key"]?.scalarText ?? ""
        guard let value = parameter["value"]?.scalarText else { return key.isEmpty ? nil : key }
        return key + "=" + value
    }

    /// Replaces whole path segments `:name` named in the URL's `variable` list.
    private static func withPathVariables(_ url: String, _ variables: [JSONValue]) -> String {
        let values = variables.reduce(into: [String: String]()) { values, variable in
            guard let name = (variable["key"] ?? variable["id"])?.scalarText, values[name] == nil else { return }
            let value = variable["value"]?.scalarText ?? ""
            values[name] = value.isEmpty ? "{{\(name)}}" : value
        }
        guard !values.isEmpty else { return url }
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        let segments = url[..<end].split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix(":") ? values[String(segment.dropFirst())] ?? String(segment) : String(segment)
        }
        return segments.joined(separator: "/") + url[end...]
    }
}
