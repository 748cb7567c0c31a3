import Foundation
import SpecterHTTP
import SpecterSpec

/// What authentication adds to a request.
public struct AppliedSecurity: Sendable, Equatable {
    public var headers: [(name: String, value: String)] = []
    public var query: [String] = []
    public var cookies: [String] = []
    /// The schemes used, by name.
    public var schemes: [String] = []
    /// Values to hide wherever the request is shown.
    public var secrets: [String] = []
    /// The requirements none of which could be met (each a list of schemes needing a credential),
    /// when the operation asks for authentication and nothing was attached.
    public var missing: [[String]]?
    /// Credentials given for schemes the operation never uses.
    public var unused: [String] = []
    /// The names of what was attached, so it never follows a redirect to another origin.
    public var placement = CredentialPlacement()

    public init() {}

    public static func == (lhs: AppliedSecurity, rhs: AppliedSecurity) -> Bool {
        lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" } && lhs.query == rhs.query
            && lhs.cookies == rhs.cookies && lhs.schemes == rhs.schemes && lhs.missing == rhs.missing && lhs.placement == rhs.placement
            && lhs.unused == rhs.unused
    }

    mutating func addHeader(_ name: String, _ value: String) {
        headers.append((name, value))
        placement.headers.append(name)
    }
}

/// Attaches credentials the way the operation's own security requirement says (else the document's):
/// the first requirement whose schemes all have credentials is used.
public struct SecurityApplier: Sendable {
    public var tokens: OAuthTokens
    /// Whether OAuth2 tokens may be fetched; when not (a dry run sends nothing), a placeholder stands in.
    public var fetchesTokens: Bool

    public init(tokens: OAuthTokens, fetchesTokens: Bool = true) {
        self.tokens = tokens
        self.fetchesTokens = fetchesTokens
    }

    public func apply(for operation: APIOperation, in document: APIDocument, credentials: CredentialStore, baseURL: URL?) async throws(CredentialError) -> AppliedSecurity {
        let requirements = operation.security ?? document.security
        var applied = AppliedSecurity()
        let used = Set(requirements.flatMap { $0.entries.map(\.scheme) })
        applied.unused = credentials.credentials.keys.filter { !used.contains($0) }.sorted()
        guard !requirements.isEmpty, !requirements.contains(where: \.isAnonymous) || !credentials.credentials.isEmpty else { return applied }
        guard let requirement = requirements.first(where: { requirement in
            !requirement.isAnonymous && requirement.entries.allSatisfy { credentials[$0.scheme] != nil }
        }) else {
            if !requirements.contains(where: \.isAnonymous) {
                applied.missing = requirements.map { $0.entries.map(\.scheme) }
            }
            return applied
        }
        for entry in requirement.entries {
            guard let scheme = document.securitySchemes.first(where: { $0.name == entry.scheme }), let credential = credentials[entry.scheme] else {
                throw CredentialError(description: "the security scheme \"\(entry.scheme)\" is not defined in the description")
            }
            applied.schemes.append(scheme.name)
            switch scheme.kind {
            case .apiKey(let name, let location):
                applied.secrets.append(credential.value)
                switch location {
                case .header:
                    applied.addHeader(name, credential.value)
                case .query:
                    applied.query.append(URLEncoding.queryComponent(name) + "=" + URLEncoding.queryComponent(credential.value))
                    applied.placement.queryParameters.append(name)
                case .cookie:
                    applied.cookies.append(name + "=" + URLEncoding.cookieValue(credential.value))
                    applied.placement.cookies.append(name)
                }
            case .http(let kind, _):
                if kind.lowercased() == "basic" {
                    // `user:password`, or a user and a password given apart (`{username: bob, password: secret:BOB}`).
                    let pair = credential.fields["username"].map { $0 + ":" + (credential.fields["password"] ?? "") } ?? credential.value
                    let encoded = Data(pair.utf8).base64EncodedString()
                    applied.addHeader("Authorization", "Basic " + encoded)
                    applied.secrets += [pair, encoded] + (credential.fields["password"].map { [$0] } ?? [])
                } else {
                    applied.addHeader("Authorization", "Bearer " + credential.value)
                    applied.secrets.append(credential.value)
                }
            case .oauth2(let flows):
                let token = try await oauthToken(flows: flows, metadataAddress: scheme.oauth2MetadataURL, credential: credential, scopes: entry.scopes, baseURL: baseURL)
                applied.addHeader("Authorization", "Bearer " + token)
                applied.secrets += [token] + credentials.secrets
            case .openIDConnect, .mutualTLS:
                applied.addHeader("Authorization", "Bearer " + credential.value)
                applied.secrets.append(credential.value)
            }
        }
        return applied
    }

    private func oauthToken(flows: [OAuthFlow], metadataAddress: String?, credential: Credential, scopes: [String], baseURL: URL?) async throws(CredentialError) -> String {
        // A token the user got on their own is used as it is, whatever the flow.
        guard !credential.fields.isEmpty else { return credential.value }
        func resolved(_ text: String?) -> URL? {
            text.flatMap { URL(string: $0, relativeTo: baseURL)?.absoluteURL }
        }
        let metadata = MetadataAddress(text: metadataAddress, url: resolved(metadataAddress))
        let flow: OAuthFlow
        switch try await flowToRun(flows, metadata: metadata, fields: credential.fields) {
        case .ready(let ready): flow = ready
        case .needsMetadata(let url): return Self.placeholderToken(from: url)
        }
        guard let tokenURL = resolved(flow.tokenURL) else {
            throw CredentialError(description: "the OAuth2 flow has no token URL" + (metadataAddress == nil ? "" : " and its server's metadata names none"))
        }
        guard fetchesTokens else { return Self.placeholderToken(from: tokenURL) }
        let endpoints = OAuthEndpoints(token: tokenURL, authorization: resolved(flow.authorizationURL),
                                       deviceAuthorization: resolved(flow.deviceAuthorizationURL), refresh: resolved(flow.refreshURL))
        return try await tokens.token(flow: flow, credential: credential, scopes: scopes, endpoints: endpoints)
    }

    private enum FlowToRun {
        case ready(OAuthFlow)
        /// A dry run, where the flow needs the server's metadata, which is then not read.
        case needsMetadata(URL)
    }

    /// A scheme's `oauth2MetadataUrl` as written and resolved (nil when it is not a URL: an error only if it is needed).
    private struct MetadataAddress {
        var text: String?
        var url: URL?

        func resolved() throws(CredentialError) -> URL? {
            guard let text else { return nil }
            guard let url else { throw CredentialError(description: "the oauth2MetadataUrl \(text) is not a URL") }
            return url
        }
    }

    /// The flow to run with its endpoints. The server's metadata (3.2 `oauth2MetadataUrl`) is read
    /// only when the description leaves something out: it then gives the flows, or completes the
    /// chosen one, and must offer PKCE with S256 for the authorization code grant.
    private func flowToRun(_ flows: [OAuthFlow], metadata address: MetadataAddress, fields: [String: String]) async throws(CredentialError) -> FlowToRun {
        var metadata: AuthorizationServerMetadata?
        if flows.isEmpty, let url = try address.resolved() {
            guard fetchesTokens else { return .needsMetadata(url) }
            metadata = try await serverMetadata(url)
        }
        let chosen = try Self.flow(among: metadata?.flows ?? flows, for: fields, prefersBrowser: tokens.signIn?.prefersBrowser ?? false)
        if chosen.grant == .implicit || (OAuthTokens.isInteractive(chosen.grant) && tokens.signIn == nil) { throw .unsupported(chosen.grant) }
        if metadata == nil, !Self.hasEndpoints(chosen), let url = try address.resolved() {
            guard fetchesTokens else { return .needsMetadata(url) }
            metadata = try await serverMetadata(url)
        }
        guard let metadata, let url = address.url else { return .ready(chosen) }
        if chosen.grant == .authorizationCode, !metadata.offersS256 {
            let failure = OAuthFailure.malformed(endpoint: url.absoluteString, reason: "code_challenge_methods_supported without S256, which PKCE needs")
            throw CredentialError(description: "could not get an OAuth2 token: \(failure.description)", oauthFailure: failure)
        }
        return .ready(metadata.completing(chosen))
    }

    /// Whether a flow names every endpoint its grant uses.
    static func hasEndpoints(_ flow: OAuthFlow) -> Bool {
        switch flow.grant {
        case .authorizationCode: return flow.tokenURL != nil && flow.authorizationURL != nil
        case .deviceAuthorization: return flow.tokenURL != nil && flow.deviceAuthorizationURL != nil
        case .implicit: return flow.authorizationURL != nil
        case .password, .clientCredentials: return flow.tokenURL != nil
        }
    }

    /// The authorization server's metadata, when the scheme names where it is.
    private func serverMetadata(_ url: URL?) async throws(CredentialError) -> AuthorizationServerMetadata? {
        guard let url else { return nil }
        do throws(OAuthFailure) {
            return try await tokens.metadata(at: url)
        } catch {
            throw CredentialError(description: "could not read the OAuth2 server's metadata: \(error.description)", oauthFailure: error)
        }
    }

    /// The flow to run: the one the settings name (`flow`), else the one their fields fit (a user
    /// name: password; a secret: client credentials), else a sign-in, by browser where one opens
    /// (authorization code) and else on another device (device authorization).
    static func flow(among flows: [OAuthFlow], for fields: [String: String], prefersBrowser: Bool) throws(CredentialError) -> OAuthFlow {
        if let named = fields["flow"] {
            guard let flow = flows.first(where: { $0.grant.rawValue == named }) else {
                throw CredentialError(description: "the OAuth2 scheme has no \(named) flow; it has " + flows.map(\.grant.rawValue).joined(separator: ", "))
            }
            return flow
        }
        let signIn: [OAuthFlow.Grant] = prefersBrowser ? [.authorizationCode, .deviceAuthorization] : [.deviceAuthorization, .authorizationCode]
        let order: [OAuthFlow.Grant] = fields["username"] != nil ? [.password] + signIn + [.clientCredentials]
            : fields["client_secret"] != nil ? [.clientCredentials, .password] + signIn : signIn + [.clientCredentials, .password]
        guard let flow = order.lazy.compactMap({ grant in flows.first { $0.grant == grant } }).first ?? flows.first else {
            throw CredentialError(description: "the OAuth2 scheme has no flows")
        }
        return flow
    }

    /// What stands for an OAuth2 token that was not fetched.
    public static func placeholderToken(from tokenURL: URL) -> String {
        "<OAuth2 token from \(tokenURL.absoluteString)>"
    }
}
