/// The credentials shorthand of REST Client, JetBrains and kulala: `Authorization: Basic user password`
/// (or `Basic user:password`), `Authorization: Digest user password`, and `Authorization: Bearer token`,
/// which the tools turn into the real header. A `Basic` value in base64 is a real header already and stays one.
enum HTTPAuthorization {
    /// The credentials of the first `Authorization` header, which is then taken out of the headers.
    static func extract(from headers: inout [ForeignHeader]) -> ForeignAuth? {
        guard let index = headers.firstIndex(where: { $0.name.lowercased() == "authorization" }), let auth = credentials(headers[index].value) else { return nil }
        headers.remove(at: index)
        return auth
    }

    private static func credentials(_ value: String) -> ForeignAuth? {
        let words = HTTPWords.split(value).map(String.init)
        guard let scheme = words.first?.lowercased() else { return nil }
        switch (scheme, words.count) {
        case ("bearer", 2): return .bearer(token: words[1])
        case ("basic", 3): return .basic(user: words[1], password: words[2])
        case ("basic", 2):
            guard let colon = colonOutsidePlaceholders(words[1]) else { return nil }
            return .basic(user: String(words[1][..<colon]), password: String(words[1][words[1].index(after: colon)...]))
        case ("digest", 3) where !words[1].contains("="): return .digest(user: words[1], password: words[2])
        default: return nil
        }
    }

    private static func colonOutsidePlaceholders(_ text: String) -> String.Index? {
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{") { depth += 1 } else if rest.hasPrefix("}}") { depth = max(0, depth - 1) } else if text[index] == ":" && depth == 0 { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// The header line that says the credentials in the shorthand, or nil when the shorthand cannot
    /// hold them (a user or password with white space, an API key: see `HTTPFileExport`).
    static func header(for auth: ForeignAuth) -> ForeignHeader? {
        switch auth {
        case .basic(let user, let password): return twoWords("Basic", user, password)
        case .digest(let user, let password): return twoWords("Digest", user, password)
        case .bearer(let token):
            return HTTPWords.split(token).count == 1 ? ForeignHeader(name: "Authorization", value: "Bearer \(token)") : nil
        case .apiKey: return nil
        }
    }

    private static func twoWords(_ scheme: String, _ user: String, _ password: String) -> ForeignHeader? {
        guard HTTPWords.split(user).count == 1, HTTPWords.split(password).count == 1, HTTPWords.split(user).first?.count == user.count,
              HTTPWords.split(password).first?.count == password.count else { return nil }
        return ForeignHeader(name: "Authorization", value: "\(scheme) \(user) \(password)")
    }
}
