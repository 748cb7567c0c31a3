import Foundation
import SpecterSpec

/// A secret for one security scheme, and where it came from.
public struct Credential: Sendable, Equatable {
    public var value: String
    /// The environment variable it was read from (`env:API_TOKEN`), shown instead of the value in exports.
    public var environmentVariable: String?
    /// OAuth2 flow settings (`client_id`, `client_secret`, `username`, `password`, `scope`,
    /// `refresh_token`, `flow` to choose among the scheme's flows); empty
    /// when the credential is a plain token, key or `user:password`.
    public var fields: [String: String]

    /// A token, a key or `user:password`; the older `client_id=…,client_secret=…` text is read as OAuth2 settings.
    public init(value: String, environmentVariable: String? = nil) {
        self.value = value
        self.environmentVariable = environmentVariable
        fields = Self.legacyFields(value)
    }

    /// OAuth2 settings given one by one (nothing in them needs escaping: a comma in a password is fine).
    public init(fields: [String: String]) {
        self.fields = fields
        value = fields.keys.sorted().map { "\($0)=\(fields[$0] ?? "")" }.joined(separator: ",")
        environmentVariable = nil
    }

    /// `client_id=…,client_secret=…,username=…,password=…,scope=…` as written on a command line.
    private static func legacyFields(_ value: String) -> [String: String] {
        guard value.contains("client_id=") || value.contains("username=") else { return [:] }
        var fields: [String: String] = [:]
        for pair in value.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[parts[0].trimmingCharacters(in: .whitespaces)] = String(parts[1]) }
        }
        return fields
    }

    /// The values in it that are secret, for redaction.
    var secrets: [String] {
        [value] + fields.filter { CredentialReference.secretFields.contains($0.key) || $0.key.contains("secret") }.map(\.value)
    }
}

/// Why credentials cannot be used.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// The OAuth2 grant Specter cannot run to get a token, when that is the reason.
    public var unsupportedGrant: OAuthFlow.Grant?
    /// What went wrong getting an OAuth2 token, when that is the reason.
    public var oauthFailure: OAuthFailure?

    public init(description: String, unsupportedGrant: OAuthFlow.Grant? = nil, oauthFailure: OAuthFailure? = nil) {
        self.description = description
        self.unsupportedGrant = unsupportedGrant
        self.oauthFailure = oauthFailure
    }

    /// A grant Specter cannot run here: the implicit grant (never), or an interactive one where the
    /// front end gives no way to sign in; the user gives the access token itself.
    public static func unsupported(_ grant: OAuthFlow.Grant) -> CredentialError {
        let name: String
        switch grant {
        case .deviceAuthorization: name = "device authorization"
        case .authorizationCode: name = "authorization code"
        case .implicit: name = "implicit"
        case .password: name = "password"
        case .clientCredentials: name = "client credentials"
        }
        return CredentialError(description: "the \(name) grant is not supported yet: give an access token instead", unsupportedGrant: grant)
    }
}

/// The credentials a user gave, by security scheme name. Values may reference environment variables
/// (`env:NAME`), so secrets need not appear on command lines or in saved files.
public struct CredentialStore: Sendable, Equatable {
    public private(set) var credentials: [String: Credential] = [:]

    public init(_ credentials: [String: Credential] = [:]) {
        self.credentials = credentials
    }

    /// Parses `NAME=VALUE` arguments; `VALUE` may be `env:VARIABLE`.
    public static func parse(_ arguments: [String], environment: [String: String]) throws(CredentialError) -> CredentialStore {
        var values: [String: String] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else {
                // The argument is a secret: say what is wrong without repeating it.
                throw CredentialError(description: "--auth takes NAME=VALUE (the scheme name from the description, then the secret or env:VARIABLE); "
                                      + "one of them has no NAME= before its value")
            }
            values[String(parts[0])] = String(parts[1])
        }
        return try resolving(values, environment: environment)
    }

    /// Credentials by scheme name as the user wrote them; `env:VARIABLE` values are read from the environment.
    public static func resolving(_ values: [String: String], environment: [String: String]) throws(CredentialError) -> CredentialStore {
        var store = CredentialStore()
        for (scheme, value) in values.sorted(by: { $0.key < $1.key }) { store.credentials[scheme] = try resolve(value, environment: environment) }
        return store
    }

    static func resolve(_ value: String, environment: [String: String]) throws(CredentialError) -> Credential {
        guard value.hasPrefix("env:") else { return Credential(value: value) }
        let name = String(value.dropFirst(4))
        guard let resolved = environment[name], !resolved.isEmpty else {
            throw CredentialError(description: "the environment variable \(name) is not set")
        }
        return Credential(value: resolved, environmentVariable: name)
    }

    public subscript(scheme: String) -> Credential? { credentials[scheme] }

    /// Every secret value, for redaction.
    public var secrets: [String] { credentials.values.flatMap(\.secrets) }
}
