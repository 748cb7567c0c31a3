/// A Hurl file as written, entry by entry, before anything is mapped to Specter. Lines are 0-based.
struct HurlEntry {
    var method: String
    var url: String
    var line: Int
    var headers: [HurlKeyValue]
    var sections: [HurlSection]
    var body: HurlPlacedBody?
    var response: HurlResponse?
}

struct HurlResponse {
    /// `HTTP`, `HTTP/1.1`, `HTTP/2`, `HTTP/*`.
    var version: String
    /// Digits or `*`.
    var status: String
    var line: Int
    var headers: [HurlKeyValue]
    var sections: [HurlSection]
    var body: HurlPlacedBody?
}

/// A `key: value` line. The value is read later, by the rules of what it is (a header value, a
/// multipart file, a capture's query).
struct HurlKeyValue {
    var key: String
    var valueOffset: Int
    var line: Int
}

/// A capture (with its variable name) or an assertion, as tokens.
struct HurlStatement {
    var name: String?
    var tokens: [HurlToken]
    var line: Int
    /// Where the statement starts, for errors.
    var offset: Int
    /// The statement's first line as written, trimmed, for notes.
    var text: String
}

struct HurlSection {
    var name: String
    var line: Int
    var entries: [HurlKeyValue] = []
    var statements: [HurlStatement] = []
}

struct HurlPlacedBody {
    var body: HurlBody
    var line: Int
}
