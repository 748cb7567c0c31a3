import Foundation
import SpecterHTTP

/// The authorization code grant with PKCE for a native app (RFC 6749 §4.1, RFC 7636, RFC 8252):
/// the user approves in a browser, which brings the code back to a one-shot listener on 127.0.0.1.
struct AuthorizationCodeGrant: Sendable {
    var authorizationURL: URL
    var tokenEndpoint: OAuthEndpoint
    var scope: String?

    func run(_ signIn: OAuthSignIn) async throws(OAuthFailure) -> IssuedTokens {
        let listener: LoopbackListener
        do {
            listener = try LoopbackListener.open()
        } catch {
            throw .redirect(error)
        }
        let pkce = PKCE()
        let state = RandomText.unreserved(count: 32)
        let redirect = listener.redirectURL.absoluteString
        await signIn.prompt(.authorize(request(redirect: redirect, pkce: pkce, state: state)))
        let answer: [String: String]
        do {
            answer = try await listener.awaitRedirect(expectedState: state, timeout: signIn.redirectTimeout)
        } catch {
            throw error == .cancelled ? .cancelled : .redirect(error)
        }
        if let error = answer["error"] {
            if error == "access_denied" { throw .denied }
            throw .refused(endpoint: authorizationURL.absoluteString, error: error, detail: answer["error_description"])
        }
        guard let code = answer["code"], !code.isEmpty else {
            throw .malformed(endpoint: authorizationURL.absoluteString, reason: "a redirect with neither code nor error")
        }
        return try await tokenEndpoint.tokens([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", pkce.verifier),
        ])
    }

    /// The authorization request URL (RFC 6749 §4.1.1 with RFC 7636's challenge), the
    /// description's own query kept.
    func request(redirect: String, pkce: PKCE, state: String) -> URL {
        var items = [("response_type", "code")]
        if let id = tokenEndpoint.oauthClient.id { items.append(("client_id", id)) }
        items += [("redirect_uri", redirect)]
        if let scope { items.append(("scope", scope)) }
        items += [("state", state), ("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method)]
        let query = items.map { URLEncoding.queryComponent($0.0) + "=" + URLEncoding.queryComponent($0.1) }.joined(separator: "&")
        let base = authorizationURL.absoluteString
        return URL(string: base + (authorizationURL.query == nil ? "?" : "&") + query) ?? authorizationURL
    }
}
