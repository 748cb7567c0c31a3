import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// OAuth2 access tokens for the client-credentials and password flows: fetched from the token URL,
/// cached until shortly before they expire, then refreshed (with the refresh token when one was given).
public actor OAuthTokens {
    private struct Key: Hashable {
        var tokenURL: String
        /// The whole credential: a changed password or secret must not reuse a token issued for the old one.
        var credential: String
        var scopes: [String]
    }

    private struct Token {
        var accessToken: String
        var refreshToken: String?
        var expires: ContinuousClock.Instant?
    }

    private var cache: [Key: Token] = [:]
    private let client: any HTTPClient
    /// How long before expiry a token is renewed.
    private let margin: Duration

    public init(client: any HTTPClient, margin: Duration = .seconds(30)) {
        self.client = client
        self.margin = margin
    }

    public func token(flow: OAuthFlow, credential: Credential, scopes: [String], tokenURL: URL) async throws(CredentialError) -> String {
        let fields = credential.fields
        let key = Key(tokenURL: tokenURL.absoluteString, credential: credential.value, scopes: scopes)
        if let cached = cache[key], cached.expires.map({ ContinuousClock.now + margin < $0 }) ?? true {
            return cached.accessToken
        }
        var form: [(String, String)]
        if let refresh = cache[key]?.refreshToken {
            form = [("grant_type", "refresh_token"), ("refresh_token", refresh)]
        } else {
            form = try Self.grantForm(flow.grant, fields: fields)
        }
        let requested = fields["scope"].map { [$0] } ?? (scopes.isEmpty ? [] : [scopes.joined(separator: " ")])
        if let scope = requested.first { form.append(("scope", scope)) }
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        if let clientID = fields["client_id"] {
            if let secret = fields["client_secret"] {
                headers.add("Authorization", "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString())
            } else {
                form.append(("client_id", clientID))
            }
        }
        let body = form.map { URLEncoding.formComponent($0.0) + "=" + URLEncoding.formComponent($0.1) }.joined(separator: "&")
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(method: "POST", url: tokenURL, headers: headers, body: Array(body.utf8)), options: HTTPOptions(totalTimeout: .seconds(30), body: BodyLimits(maxBytes: 1 << 20)))
        } catch {
            throw CredentialError(description: "could not get an OAuth2 token: \(error.description)")
        }
        let parsed = try? JSONParser.parse(response.body.inMemory ?? [])
        guard (200..<300).contains(response.status), let json = parsed, let accessToken = json["access_token"]?.stringValue else {
            let reason = parsed?["error"]?.stringValue ?? "HTTP \(response.status)"
            cache[key] = nil
            throw CredentialError(description: "the token endpoint \(tokenURL.absoluteString) refused the request: \(reason)")
        }
        let expires = json["expires_in"]?.doubleValue.map { ContinuousClock.now + .seconds($0) }
        cache[key] = Token(accessToken: accessToken, refreshToken: json["refresh_token"]?.stringValue, expires: expires)
        return accessToken
    }

    /// The token request's own fields for a grant Specter can run without a browser or a second device.
    private static func grantForm(_ grant: OAuthFlow.Grant, fields: [String: String]) throws(CredentialError) -> [(String, String)] {
        switch grant {
        case .password:
            guard let username = fields["username"], let password = fields["password"] else {
                throw CredentialError(description: "the password flow needs username=…,password=… in --auth")
            }
            return [("grant_type", "password"), ("username", username), ("password", password)]
        case .clientCredentials:
            return [("grant_type", "client_credentials")]
        case .deviceAuthorization, .authorizationCode, .implicit:
            throw .unsupported(grant)
        }
    }
}
