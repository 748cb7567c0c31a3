import Foundation
import SpecterHTTP
import SpecterJSON

/// An OAuth2 client as the user configured it: a public client has no secret (PKCE protects it).
struct OAuthClient: Sendable, Equatable {
    var id: String?
    var secret: String?
}

/// What a token endpoint issued (RFC 6749 §5.1).
struct IssuedTokens: Sendable {
    var accessToken: String
    var refreshToken: String?
    var expiresIn: Duration?
}

/// Posts forms to an authorization server's endpoints (token, device authorization) and reads their
/// JSON answers; the client authenticates with HTTP Basic when it has a secret, else sends its id.
struct OAuthEndpoint: Sendable {
    var client: any HTTPClient
    var url: URL
    var oauthClient: OAuthClient

    /// Asks for tokens with the grant's own fields.
    func tokens(_ fields: [(String, String)]) async throws(OAuthFailure) -> IssuedTokens {
        let json = try await post(fields)
        guard let accessToken = json["access_token"]?.stringValue, !accessToken.isEmpty else {
            throw .malformed(endpoint: url.absoluteString, reason: "no access_token")
        }
        return IssuedTokens(accessToken: accessToken, refreshToken: json["refresh_token"]?.stringValue,
                            expiresIn: json["expires_in"]?.doubleValue.map { .milliseconds(Int64(max(0, $0) * 1000)) })
    }

    /// The JSON answer of a 2xx; an OAuth2 error answer (or any other status) is `.refused`.
    func post(_ fields: [(String, String)]) async throws(OAuthFailure) -> JSONValue {
        var form = fields
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        if let id = oauthClient.id {
            if let secret = oauthClient.secret {
                headers.add("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
            } else {
                form.append(("client_id", id))
            }
        }
        let body = form.map { URLEncoding.formComponent($0.0) + "=" + URLEncoding.formComponent($0.1) }.joined(separator: "&")
        let response: HTTPResponse
        do {
            response = try await client.send(HTTPRequest(method: "POST", url: url, headers: headers, body: Array(body.utf8)),
                                             options: HTTPOptions(totalTimeout: .seconds(30), body: BodyLimits(maxBytes: 1 << 20)))
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .unreachable(endpoint: url.absoluteString, reason: error.description)
        }
        let json = try? JSONParser.parse(response.body.inMemory ?? [])
        guard (200..<300).contains(response.status) else {
            throw .refused(endpoint: url.absoluteString, error: json?["error"]?.stringValue ?? "HTTP \(response.status)",
                           detail: json?["error_description"]?.stringValue)
        }
        guard let json, json.objectValue != nil else { throw .malformed(endpoint: url.absoluteString, reason: "no JSON object") }
        return json
    }
}
