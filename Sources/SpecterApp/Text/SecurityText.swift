import SpecterSpec

/// A security scheme in a few words, the same in the documentation, the overview and the form.
enum SecurityText {
    static func describe(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .apiKey(let name, let location): return "API key in \(location.rawValue) \(name)"
        case .http(let scheme, _): return scheme.lowercased() == "basic" ? "HTTP basic (user:password)" : "HTTP \(scheme.lowercased()) token"
        case .oauth2(let flows): return "OAuth2 " + flows.map(\.grant.rawValue).joined(separator: ", ")
        case .openIDConnect: return "OpenID Connect"
        case .mutualTLS: return "mutual TLS"
        }
    }
}
