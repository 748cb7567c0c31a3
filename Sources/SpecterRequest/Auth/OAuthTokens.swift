import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// Where an OAuth2 flow's endpoints are, resolved against the server's URL.
public struct OAuthEndpoints: Sendable, Equatable {
    public var token: URL
    public var authorization: URL?
    public var deviceAuthorization: URL?
    /// Where refresh tokens are redeemed, when not the token URL.
    public var refresh: URL?

    public init(token: URL, authorization: URL? = nil, deviceAuthorization: URL? = nil, refresh: URL? = nil) {
        self.token = token
        self.authorization = authorization
        self.deviceAuthorization = deviceAuthorization
        self.refresh = refresh
    }
}

/// OAuth2 access tokens, held in memory only: fetched by the flow's grant, cached until shortly
/// before they expire, then renewed with the refresh token (running the grant again when that is
/// refused). The interactive grants (authorization code, device) need an `OAuthSignIn`; a refresh
/// token its keeper kept is tried before asking the user again.
public actor OAuthTokens {
    private struct Key: Hashable {
        var tokenURL: String
        /// The whole credential: a changed password or secret must not reuse a token issued for the old one.
        var credential: String
        var scopes: [String]
        var grant: String
    }

    private struct Token {
        var accessToken: String
        var refreshToken: String?
        var expires: ContinuousClock.Instant?
    }

    private var cache: [Key: Token] = [:]
    /// Token requests under way: requests sent at once (a replay's jobs) share one sign-in.
    private var pending: [Key: Task<Result<String, CredentialError>, Never>] = [:]
    /// Authorization server metadata by address, read once per process (requests at once share one read).
    private var metadata: [URL: Task<Result<AuthorizationServerMetadata, OAuthFailure>, Never>] = [:]
    private let client: any HTTPClient
    /// How long before expiry a token is renewed.
    private let margin: Duration
    /// How a user signs in; without it the interactive grants are refused as unsupported.
    public nonisolated let signIn: OAuthSignIn?

    public init(client: any HTTPClient, margin: Duration = .seconds(30), signIn: OAuthSignIn? = nil) {
        self.client = client
        self.margin = margin
        self.signIn = signIn
    }

    /// The metadata an `oauth2MetadataUrl` names (RFC 8414); a failed read is tried again next time.
    public func metadata(at url: URL) async throws(OAuthFailure) -> AuthorizationServerMetadata {
        let client = self.client
        let task = metadata[url] ?? Task {
            do throws(OAuthFailure) {
                return .success(try await AuthorizationServerMetadata.fetch(url, client: client))
            } catch {
                return .failure(error)
            }
        }
        metadata[url] = task
        let result = await task.value
        // A failed read is forgotten (only this one: another may have started since).
        if case .failure = result, let current = metadata[url], current == task { metadata[url] = nil }
        return try result.get()
    }

    public func token(flow: OAuthFlow, credential: Credential, scopes: [String], tokenURL: URL) async throws(CredentialError) -> String {
        try await token(flow: flow, credential: credential, scopes: scopes, endpoints: OAuthEndpoints(token: tokenURL))
    }

    public func token(flow: OAuthFlow, credential: Credential, scopes: [String], endpoints: OAuthEndpoints) async throws(CredentialError) -> String {
        if flow.grant == .password, credential.fields["username"] == nil || credential.fields["password"] == nil {
            throw CredentialError(description: "the password flow needs username=…,password=… in --auth")
        }
        let key = Key(tokenURL: endpoints.token.absoluteString, credential: credential.value, scopes: scopes, grant: flow.grant.rawValue)
        if let cached = cache[key], cached.expires.map({ ContinuousClock.now + margin < $0 }) ?? true {
            return cached.accessToken
        }
        let task = pending[key] ?? Task { await self.renew(key, flow: flow, credential: credential, scopes: scopes, endpoints: endpoints) }
        pending[key] = task
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        pending[key] = nil
        return try result.get()
    }

    /// A new access token: refreshed when there is a refresh token (in memory, given, or kept), else from the grant.
    private func renew(_ key: Key, flow: OAuthFlow, credential: Credential, scopes: [String], endpoints: OAuthEndpoints) async -> Result<String, CredentialError> {
        do throws(CredentialError) {
            return .success(try await fetch(key, flow: flow, credential: credential, scopes: scopes, endpoints: endpoints))
        } catch {
            return .failure(error)
        }
    }

    private func fetch(_ key: Key, flow: OAuthFlow, credential: Credential, scopes: [String], endpoints: OAuthEndpoints) async throws(CredentialError) -> String {
        let fields = credential.fields
        let cached = cache[key]
        let oauthClient = OAuthClient(id: fields["client_id"], secret: fields["client_secret"])
        let scope = fields["scope"] ?? (scopes.isEmpty ? nil : scopes.joined(separator: " "))
        let keptName = oauthClient.id.map { OAuthTokenKeeper.name(tokenURL: endpoints.token, clientID: $0) }
        let keeper = Self.isInteractive(flow.grant) ? signIn?.keeper : nil
        var refreshToken = cached?.refreshToken ?? fields["refresh_token"]
        if refreshToken == nil, let keeper, let keptName { refreshToken = try keeper.load(keptName) }
        cache[key] = nil
        var issued: IssuedTokens?
        if let refreshToken {
            let refresh = OAuthEndpoint(client: client, url: endpoints.refresh ?? endpoints.token, oauthClient: oauthClient)
            issued = try? await refresh.tokens([("grant_type", "refresh_token"), ("refresh_token", refreshToken)] + (scope.map { [("scope", $0)] } ?? []))
            // A server may keep the refresh token unchanged and not send it again.
            if issued != nil, issued?.refreshToken == nil { issued?.refreshToken = refreshToken }
        }
        if issued == nil {
            do throws(OAuthFailure) {
                issued = try await grant(flow.grant, endpoints: endpoints, oauthClient: oauthClient, fields: fields, scope: scope)
            } catch {
                throw CredentialError(description: "could not get an OAuth2 token: \(error.description)", oauthFailure: error)
            }
        }
        guard let issued else { throw .unsupported(flow.grant) }
        if let keeper, let keptName, let newRefresh = issued.refreshToken, newRefresh != refreshToken { try keeper.save(keptName, newRefresh) }
        cache[key] = Token(accessToken: issued.accessToken, refreshToken: issued.refreshToken, expires: issued.expiresIn.map { ContinuousClock.now + $0 })
        return issued.accessToken
    }

    /// Whether the grant needs the user (a browser or a second device).
    static func isInteractive(_ grant: OAuthFlow.Grant) -> Bool {
        grant == .authorizationCode || grant == .deviceAuthorization
    }

    /// Runs the flow's grant from the start.
    private func grant(_ grant: OAuthFlow.Grant, endpoints: OAuthEndpoints, oauthClient: OAuthClient, fields: [String: String],
                       scope: String?) async throws(OAuthFailure) -> IssuedTokens? {
        let tokenEndpoint = OAuthEndpoint(client: client, url: endpoints.token, oauthClient: oauthClient)
        var form: [(String, String)]
        switch grant {
        case .password:
            form = [("grant_type", "password"), ("username", fields["username"] ?? ""), ("password", fields["password"] ?? "")]
        case .clientCredentials:
            form = [("grant_type", "client_credentials")]
        case .authorizationCode:
            guard let signIn else { return nil }
            guard let authorization = endpoints.authorization else { throw .missingURL("authorizationUrl") }
            return try await AuthorizationCodeGrant(authorizationURL: authorization, tokenEndpoint: tokenEndpoint, scope: scope).run(signIn)
        case .deviceAuthorization:
            guard let signIn else { return nil }
            guard let device = endpoints.deviceAuthorization else { throw .missingURL("deviceAuthorizationUrl") }
            let deviceEndpoint = OAuthEndpoint(client: client, url: device, oauthClient: oauthClient)
            return try await DeviceAuthorizationGrant(deviceEndpoint: deviceEndpoint, tokenEndpoint: tokenEndpoint, scope: scope).run(signIn)
        case .implicit:
            return nil
        }
        if let scope { form.append(("scope", scope)) }
        return try await tokenEndpoint.tokens(form)
    }
}
