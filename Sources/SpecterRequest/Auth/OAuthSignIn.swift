import Foundation

/// What a front end gives the core so a user can sign in: how to show what the user must do, and
/// where refresh tokens are kept between runs. The core itself never prints or opens anything.
public struct OAuthSignIn: Sendable {
    /// Shows the user what to do next; the grant goes on (listening or polling) once it returns.
    public var prompt: @Sendable (OAuthPrompt) async -> Void
    /// Whether a browser can be opened here: the authorization code grant is then preferred when a
    /// scheme offers both it and the device grant (which works over SSH, with no local browser).
    public var prefersBrowser: Bool
    /// Where refresh tokens outlive the process; nil keeps them in memory only.
    public var keeper: OAuthTokenKeeper?
    /// Longest wait for the browser's redirect.
    public var redirectTimeout: Duration
    /// Longest the device grant polls, whatever `expires_in` the server gives.
    public var deviceLimit: Duration
    /// How the device grant waits between polls (tests shorten it; the intervals asked for stay the same).
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(prefersBrowser: Bool, keeper: OAuthTokenKeeper? = nil, redirectTimeout: Duration = .seconds(300),
                deviceLimit: Duration = .seconds(1800), sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                prompt: @escaping @Sendable (OAuthPrompt) async -> Void) {
        self.prompt = prompt
        self.prefersBrowser = prefersBrowser
        self.keeper = keeper
        self.redirectTimeout = redirectTimeout
        self.deviceLimit = deviceLimit
        self.sleep = sleep
    }
}

/// What the user must do to sign in. Texts in it come from the authorization server: sanitise them before showing.
public enum OAuthPrompt: Sendable, Equatable {
    /// Open this URL in a browser and approve; Specter waits for the redirect to come back.
    case authorize(URL)
    /// On any device, open the verification URL and enter the user code (RFC 8628).
    case enterCode(DeviceCode)
}

/// The part of a device authorization answer meant for the user.
public struct DeviceCode: Sendable, Equatable {
    public var userCode: String
    public var verificationURL: String
    /// The verification URL with the code already in it, when the server gives one.
    public var verificationURLComplete: String?
    public var expiresIn: Duration

    public init(userCode: String, verificationURL: String, verificationURLComplete: String? = nil, expiresIn: Duration) {
        self.userCode = userCode
        self.verificationURL = verificationURL
        self.verificationURLComplete = verificationURLComplete
        self.expiresIn = expiresIn
    }
}

/// Keeps refresh tokens between runs, by a name that says which server and client they are for.
public struct OAuthTokenKeeper: Sendable {
    public var load: @Sendable (_ name: String) throws(CredentialError) -> String?
    public var save: @Sendable (_ name: String, _ refreshToken: String) throws(CredentialError) -> Void

    public init(load: @escaping @Sendable (String) throws(CredentialError) -> String?,
                save: @escaping @Sendable (String, String) throws(CredentialError) -> Void) {
        self.load = load
        self.save = save
    }

    /// The user's secrets file: a kept token is always read; a new one is written when `saves`
    /// (the user asked), or to replace one kept before (a rotated refresh token must not go stale).
    public static func secretsFile(_ file: SecretsFile, saves: Bool) -> OAuthTokenKeeper {
        OAuthTokenKeeper(
            load: { name throws(CredentialError) in
                do throws(SecretsFile.Problem) {
                    return try file.load()[name]
                } catch {
                    throw CredentialError(description: error.description)
                }
            },
            save: { name, token throws(CredentialError) in
                do throws(SecretsFile.Problem) {
                    let keptBefore = try file.load()[name] != nil
                    guard saves || keptBefore else { return }
                    try file.store(token, named: name)
                } catch {
                    throw CredentialError(description: error.description)
                }
            })
    }

    /// The secrets-file name of the refresh token for one client at one token endpoint.
    public static func name(tokenURL: URL, clientID: String) -> String {
        "oauth2-refresh:\(clientID)@\(tokenURL.host ?? "")\(tokenURL.port.map { ":\($0)" } ?? "")\(tokenURL.path)"
    }
}
