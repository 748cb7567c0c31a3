import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// An OAuth2 authorization server's own account of its endpoints (RFC 8414), read from a security
/// scheme's `oauth2MetadataUrl` (OpenAPI 3.2). It supplies the endpoints a flow leaves out, the flows
/// of a scheme that lists none, and whether PKCE with S256 is offered. Its endpoints receive client
/// secrets and codes, so they (and the metadata itself) must use https unless they are on this machine.
public struct AuthorizationServerMetadata: Sendable, Equatable {
    /// Who the server says it is, checked against the address the metadata came from (mix-up defence).
    public var issuer: String
    /// Where the authorization code grant sends the browser.
    public var authorizationEndpoint: URL?
    /// Where codes, passwords and client secrets are exchanged for tokens.
    public var tokenEndpoint: URL?
    /// Where the device grant asks for its codes (RFC 8628).
    public var deviceAuthorizationEndpoint: URL?
    /// The grants the server says it supports (RFC 8414's default when it says nothing: authorization code and implicit).
    public var grantTypesSupported: [String]
    /// The PKCE methods it offers, when it lists them.
    public var codeChallengeMethodsSupported: [String]?

    /// The grant type RFC 8628 registers for the device grant.
    static let deviceGrantType = "urn:ietf:params:oauth:grant-type:device_code"

    /// Reads a metadata document fetched from `source`: its issuer must be the one `source` names
    /// (RFC 8414 §3.3: the well-known path inserted into the issuer), or at least of its origin.
    public init(json: JSONValue, from source: URL) throws(OAuthFailure) {
        let place = source.absoluteString
        guard json.objectValue != nil else { throw .malformed(endpoint: place, reason: "no JSON object") }
        guard let issuer = json["issuer"]?.stringValue, let issuerURL = URL(string: issuer), issuerURL.host != nil else {
            throw .malformed(endpoint: place, reason: "no issuer URL")
        }
        let expected = Self.expectedIssuer(from: source)
        guard expected.map({ $0 == issuer.trimmingSuffix("/") }) ?? (issuerURL.origin == source.origin) else {
            throw .malformed(endpoint: place, reason: "the issuer \(issuer), which is not the server it was asked of (\(expected ?? Self.origin(source)))")
        }
        func endpoint(_ name: String) throws(OAuthFailure) -> URL? {
            guard let text = json[name]?.stringValue else { return nil }
            guard let url = URL(string: text), url.host != nil else { throw .malformed(endpoint: place, reason: "\(name) that is not an absolute URL") }
            // Plain http only between servers on this machine: https metadata must not send secrets to a local port in clear.
            guard Self.isSafe(url), Self.isHTTPS(url) || !Self.isHTTPS(source) else {
                throw .malformed(endpoint: place, reason: "\(name) \(text), which is not https")
            }
            return url
        }
        self.issuer = issuer
        authorizationEndpoint = try endpoint("authorization_endpoint")
        tokenEndpoint = try endpoint("token_endpoint")
        deviceAuthorizationEndpoint = try endpoint("device_authorization_endpoint")
        grantTypesSupported = json["grant_types_supported"]?.arrayValue?.compactMap(\.stringValue) ?? ["authorization_code", "implicit"]
        codeChallengeMethodsSupported = json["code_challenge_methods_supported"]?.arrayValue?.compactMap(\.stringValue)
    }

    /// Fetches and reads the metadata at `url` (https, or a server on this machine).
    static func fetch(_ url: URL, client: any HTTPClient) async throws(OAuthFailure) -> AuthorizationServerMetadata {
        guard isSafe(url) else { throw .malformed(endpoint: url.absoluteString, reason: "an address that is not https (oauth2MetadataUrl must use TLS)") }
        let response: HTTPResponse
        do {
            // Not redirected: the issuer is checked against the address asked, so the answer must come from it.
            response = try await client.send(HTTPRequest(url: url, headers: ["Accept": "application/json"]),
                                             options: HTTPOptions(totalTimeout: .seconds(30), followRedirects: false, body: BodyLimits(maxBytes: 1 << 20)))
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .unreachable(endpoint: url.absoluteString, reason: error.description)
        }
        guard response.status == 200 else { throw .malformed(endpoint: url.absoluteString, reason: "HTTP \(response.status) instead of its metadata") }
        guard let json = try? JSONParser.parse(response.body.inMemory ?? []) else { throw .malformed(endpoint: url.absoluteString, reason: "no JSON") }
        return try AuthorizationServerMetadata(json: json, from: url)
    }

    /// The flow with the endpoints it leaves out taken from the server's metadata.
    public func completing(_ flow: OAuthFlow) -> OAuthFlow {
        var flow = flow
        flow.authorizationURL = flow.authorizationURL ?? authorizationEndpoint?.absoluteString
        flow.deviceAuthorizationURL = flow.deviceAuthorizationURL ?? deviceAuthorizationEndpoint?.absoluteString
        flow.tokenURL = flow.tokenURL ?? tokenEndpoint?.absoluteString
        return flow
    }

    /// Flows for a scheme that lists none: one for each grant the server supports and has the endpoints for.
    public var flows: [OAuthFlow] {
        var flows: [OAuthFlow] = []
        let grants: [(String, OAuthFlow.Grant, Bool)] = [
            ("authorization_code", .authorizationCode, authorizationEndpoint != nil),
            (Self.deviceGrantType, .deviceAuthorization, deviceAuthorizationEndpoint != nil),
            ("client_credentials", .clientCredentials, true),
            ("password", .password, true),
        ]
        for (name, grant, hasEndpoints) in grants where grantTypesSupported.contains(name) && hasEndpoints && tokenEndpoint != nil {
            flows.append(completing(OAuthFlow(grant: grant)))
        }
        return flows
    }

    /// Whether PKCE with S256, which Specter always uses, is offered (a server that lists no methods is given the benefit of the doubt).
    public var offersS256: Bool { codeChallengeMethodsSupported?.contains("S256") ?? true }

    /// `https://auth.example.com/.well-known/oauth-authorization-server/tenant` → `https://auth.example.com/tenant`;
    /// nil for an address of another shape (only its origin is then checked).
    static func expectedIssuer(from source: URL) -> String? {
        let path = source.path
        for wellKnown in ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"] where path.hasPrefix(wellKnown) {
            return origin(source) + String(path.dropFirst(wellKnown.count)).trimmingSuffix("/")
        }
        // OpenID Connect's own form: the well-known path appended to the issuer.
        let appended = "/.well-known/openid-configuration"
        return path.hasSuffix(appended) ? origin(source) + String(path.dropLast(appended.count)) : nil
    }

    /// `scheme://host[:port]` as written (an issuer is compared as text, so no default port is added).
    static func origin(_ url: URL) -> String {
        "\(url.scheme ?? "")://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "")
    }

    /// https, or plain http to this machine (a development server).
    static func isSafe(_ url: URL) -> Bool {
        if isHTTPS(url) { return true }
        return url.scheme?.lowercased() == "http" && ["127.0.0.1", "::1", "[::1]", "localhost"].contains(url.host?.lowercased() ?? "")
    }

    static func isHTTPS(_ url: URL) -> Bool { url.scheme?.lowercased() == "https" }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) && count > suffix.count ? String(dropLast(suffix.count)) : self
    }
}
