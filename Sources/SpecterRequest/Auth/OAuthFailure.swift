import SpecterHTTP

/// Why an OAuth2 sign-in or token request failed, as a value a front end can word or test.
public enum OAuthFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The user, or the server for them, declined (`access_denied`).
    case denied
    /// The device code expired before the user approved it (`expired_token`, or `expires_in` passed).
    case expired
    /// The device grant went on longer than Specter waits, however long the code lives.
    case gaveUp(after: Duration)
    case cancelled
    /// An endpoint answered with an OAuth2 error (`invalid_grant` …), or a status without one.
    case refused(endpoint: String, error: String, detail: String?)
    case unreachable(endpoint: String, reason: String)
    /// An endpoint's answer was not what RFC 6749 or RFC 8628 describe.
    case malformed(endpoint: String, reason: String)
    /// The flow in the description lacks a URL the grant needs (`authorizationUrl` …).
    case missingURL(String)
    /// The redirect to the loopback listener did not come as it should (wrong state, timeout …).
    case redirect(LoopbackError)

    public var description: String {
        switch self {
        case .denied: return "the sign-in was denied"
        case .expired: return "the sign-in code expired before it was approved"
        case .gaveUp(let after): return "gave up waiting for the sign-in after \(after.components.seconds) s"
        case .cancelled: return "the sign-in was cancelled"
        case .refused(let endpoint, let error, let detail):
            return "\(endpoint) refused the request: \(error)" + (detail.map { " (\($0))" } ?? "")
        case .unreachable(let endpoint, let reason): return "could not reach \(endpoint): \(reason)"
        case .malformed(let endpoint, let reason): return "\(endpoint) answered with \(reason)"
        case .missingURL(let name): return "the OAuth2 flow has no \(name)"
        case .redirect(let error): return error.description
        }
    }
}
