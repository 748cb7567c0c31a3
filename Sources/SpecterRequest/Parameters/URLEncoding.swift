import SpecterJSON

/// Percent-encoding for each place in a request: each allows different characters unencoded.
public enum URLEncoding {
    private static let subDelimiters = Set("!$&'()*+,;=".utf8)

    /// A path segment value: only unreserved characters stay (so `/`, `;`, `,`, `?` in a value are encoded).
    public static func pathValue(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
    }

    /// A query name or value: unreserved characters only (`+` and `&` become %2B and %26, space %20).
    public static func queryComponent(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
    }

    /// A query value with `allowReserved`: RFC 3986 reserved characters are sent as they are, except `&`
    /// and `#` which would end the value or the query.
    public static func queryComponentKeepingReserved(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved.union(PercentEncoding.reserved).subtracting(Set("&#".utf8)))
    }

    /// A form body (`application/x-www-form-urlencoded`) name or value: space as `+`, the rest like a query.
    public static func formComponent(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved.union([UInt8(ascii: " ")])).replacingSpaces()
    }

    /// A cookie value: RFC 6265 cookie-octets stay; whitespace, `"`, `,`, `;` and `\` are encoded.
    public static func cookieValue(_ text: String) -> String {
        let allowed = Set((0x21...0x7E).map(UInt8.init)).subtracting(Set("\",;\\%".utf8))
        return PercentEncoding.encode(text, keeping: allowed)
    }
}

private extension String {
    func replacingSpaces() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: " ") ? UInt8(ascii: "+") : $0 }, as: UTF8.self)
    }
}
