import Foundation
import SpecterJSON

/// The device authorization grant (RFC 8628): the user approves on any device, with a code shown
/// here, while Specter polls the token endpoint. Nothing has to reach this machine, so it works over SSH.
struct DeviceAuthorizationGrant: Sendable {
    var deviceEndpoint: OAuthEndpoint
    var tokenEndpoint: OAuthEndpoint
    var scope: String?

    /// RFC 8628 §3.5: each `slow_down` adds five seconds to the interval.
    static let slowDownStep = Duration.seconds(5)
    /// The interval when the server gives none (§3.2).
    static let defaultInterval = Duration.seconds(5)
    /// Polls at most, whatever the times say.
    static let pollLimit = 2_000

    func run(_ signIn: OAuthSignIn) async throws(OAuthFailure) -> IssuedTokens {
        let issued = try await deviceEndpoint.post(scope.map { [("scope", $0)] } ?? [])
        let endpoint = deviceEndpoint.url.absoluteString
        guard let deviceCode = issued["device_code"]?.stringValue, let userCode = issued["user_code"]?.stringValue,
              let verification = issued["verification_uri"]?.stringValue ?? issued["verification_url"]?.stringValue,
              let expiresIn = issued["expires_in"]?.doubleValue, expiresIn > 0 else {
            throw .malformed(endpoint: endpoint, reason: "no device_code, user_code, verification_uri or expires_in")
        }
        let lifetime = Duration.milliseconds(Int64(min(expiresIn, 86_400) * 1000))
        await signIn.prompt(.enterCode(DeviceCode(userCode: userCode, verificationURL: verification,
                                                  verificationURLComplete: issued["verification_uri_complete"]?.stringValue, expiresIn: lifetime)))
        // At least a second apart, whatever the server says: an interval of 0 must not become a flood.
        var interval = issued["interval"]?.doubleValue.map { Duration.milliseconds(Int64(min(max($0, 1), 3_600) * 1000)) } ?? Self.defaultInterval
        let start = ContinuousClock.now
        for _ in 0..<Self.pollLimit {
            do {
                try await signIn.sleep(interval)
            } catch {
                throw .cancelled
            }
            let waited = ContinuousClock.now - start
            guard waited < lifetime else { throw .expired }
            guard waited < signIn.deviceLimit else { throw .gaveUp(after: signIn.deviceLimit) }
            do {
                return try await tokenEndpoint.tokens([("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("device_code", deviceCode)])
            } catch {
                guard case .refused(_, let code, _) = error else { throw error }
                switch code {
                case "authorization_pending": continue
                case "slow_down": interval += Self.slowDownStep
                case "access_denied": throw .denied
                case "expired_token": throw .expired
                default: throw error
                }
            }
        }
        throw .gaveUp(after: ContinuousClock.now - start)
    }
}
