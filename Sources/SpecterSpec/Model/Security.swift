/// A way an API authenticates requests (`components/securitySchemes`, 2.0 `securityDefinitions`).
public struct SecurityScheme: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case apiKey(name: String, location: APIKeyLocation)
        /// `basic`, `bearer`, or another HTTP authentication scheme.
        case http(scheme: String, bearerFormat: String?)
        case oauth2([OAuthFlow])
        case openIDConnect(url: String)
        case mutualTLS
    }

    public enum APIKeyLocation: String, Sendable, Equatable {
        case header, query, cookie
    }

    /// The key the document gives it; requirements refer to it by this name.
    public var name: String
    public var kind: Kind
    public var description: String?
    /// The scheme should no longer be used (3.2); it still works, so it is only flagged.
    public var deprecated: Bool
    /// Where an OAuth2 authorization server publishes its metadata (3.2, RFC 8414), for tools that
    /// discover endpoints rather than read them from `flows`.
    public var oauth2MetadataURL: String?

    public init(name: String, kind: Kind, description: String? = nil, deprecated: Bool = false, oauth2MetadataURL: String? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.deprecated = deprecated
        self.oauth2MetadataURL = oauth2MetadataURL
    }
}

public struct OAuthFlow: Sendable, Equatable {
    public enum Grant: String, Sendable, Equatable {
        case implicit, password, clientCredentials, authorizationCode
        /// RFC 8628's device authorization grant (3.2): the user approves on another device.
        case deviceAuthorization
    }

    public var grant: Grant
    public var authorizationURL: String?
    /// Where a device authorization flow asks for its device and user codes.
    public var deviceAuthorizationURL: String?
    public var tokenURL: String?
    public var refreshURL: String?
    public var scopes: [String: String]

    public init(grant: Grant, authorizationURL: String? = nil, deviceAuthorizationURL: String? = nil, tokenURL: String? = nil, refreshURL: String? = nil,
                scopes: [String: String] = [:]) {
        self.grant = grant
        self.authorizationURL = authorizationURL
        self.deviceAuthorizationURL = deviceAuthorizationURL
        self.tokenURL = tokenURL
        self.refreshURL = refreshURL
        self.scopes = scopes
    }
}

/// All of these schemes together (with scopes) satisfy a requirement; a list of requirements is "any of".
public struct SecurityRequirement: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var scheme: String
        public var scopes: [String]

        public init(scheme: String, scopes: [String] = []) {
            self.scheme = scheme
            self.scopes = scopes
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// `{}` in a list: authentication is optional.
    public var isAnonymous: Bool { entries.isEmpty }
}
