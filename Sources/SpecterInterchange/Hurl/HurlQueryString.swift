import Foundation
import SpecterJSON

/// `[Query]` parameters appended to the URL, percent-encoded as Hurl sends them: a value keeps
/// only unreserved characters (and braces, as Hurl does), a name also keeps the sub-delimiters a
/// query allows unencoded (`$top`, `values[0]`). Templates stay `{{name}}`.
enum HurlQueryString {
    static let valueSafe = PercentEncoding.unreserved.union(Set("{}".utf8))
    static let nameSafe = valueSafe.union(Set("!$'()*,;:@/?[]".utf8))

    static func appending(_ parameters: [(name: String, value: String)], to url: String) -> String {
        guard !parameters.isEmpty else { return url }
        let query = parameters.map { encoded($0.name, keeping: nameSafe) + "=" + encoded($0.value, keeping: valueSafe) }
        return url + (url.contains("?") ? "&" : "?") + query.joined(separator: "&")
    }

    /// The text encoded outside its `{{templates}}`.
    static func encoded(_ text: String, keeping safe: Set<UInt8>) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += PercentEncoding.encode(String(rest[..<open.lowerBound]), keeping: safe)
            output += rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return output + PercentEncoding.encode(String(rest), keeping: safe)
    }
}
