import Foundation

/// A URL as an imported request wrote it, cut where matching needs it: what comes before the path
/// (`https://api.example.com`, or a `{{baseUrl}}` placeholder), the path as written, and the query's
/// fields, decoded. Placeholders are kept whole wherever they are.
struct URLParts: Equatable {
    var origin: String
    var path: String
    var query: [FormField]

    init(_ text: String) {
        var front = Substring(text)
        if let hash = front.firstIndex(of: "#") { front = front[..<hash] }
        var queryText: Substring = ""
        if let mark = front.firstIndex(of: "?") {
            queryText = front[front.index(after: mark)...]
            front = front[..<mark]
        }
        let pathStart: Substring.Index
        if let scheme = front.range(of: "://") {
            pathStart = front[scheme.upperBound...].firstIndex(of: "/") ?? front.endIndex
        } else if front.hasPrefix("{{"), let close = front.range(of: "}}") {
            pathStart = front[close.upperBound...].firstIndex(of: "/") ?? front.endIndex
        } else if front.hasPrefix("/") {
            pathStart = front.startIndex
        } else {
            pathStart = front.firstIndex(of: "/") ?? front.endIndex
        }
        origin = String(front[..<pathStart])
        path = String(front[pathStart...])
        query = queryText.isEmpty ? [] : queryText.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return FormField(name: Self.decoded(parts[0]), value: parts.count > 1 ? Self.decoded(parts[1]) : "")
        }
    }

    /// Percent escapes and `+` (a space, as servers read a query) decoded; text that does not decode is kept.
    static func decoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The path's segments, each decoded (`/pets/Rex%20II` gives `pets`, `Rex II`).
    var segments: [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
    }
}
