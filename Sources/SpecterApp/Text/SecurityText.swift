import SpecterSpec

/// A security scheme in a few words, the same in the documentation, the overview and the form.
enum SecurityText {
    static func describe(_ scheme: SecurityScheme) -> String {
        switch scheme.kind {
        case .apiKey(let name, let location): return "API key in \(location.rawValue) \(name)"
        case .http(let scheme, _): return scheme.lowercased() == "basic" ? "HTTP basic (user:password)" : "HTTP \(scheme.lowercased()) token"
        case .oauth2(let flows):
            let grants = "OAuth2 " + flows.map(\.grant.rawValue).joined(separator: ", ")
            guard scheme.oauth2MetadataURL != nil else { return grants }
            // 3.2: the authorization server's metadata (RFC 8414) completes the flows, or gives them.
            return flows.isEmpty ? "OAuth2, flows from its server's metadata" : grants + " (server metadata)"
        case .openIDConnect: return "OpenID Connect"
        case .mutualTLS: return "mutual TLS"
        }
    }
}
