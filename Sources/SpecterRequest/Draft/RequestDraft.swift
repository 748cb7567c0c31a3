import SpecterJSON
import SpecterSpec

/// Everything a user decides about one request, on its own: outside the explorer's widgets and
/// outside `call`'s flags. `call` makes one from its command line (or reads one from a file), the
/// explorer's form edits one, and both send it through the same builder.
///
/// Values may hold `{{variable}}` placeholders; they stay in the draft and are filled when the
/// request is built. Credentials are references (`env:NAME`, `{{variable}}`), or literals that are
/// kept in memory only. The draft converts to and from JSON without losing anything: member order,
/// and fields it does not know, are kept.
public struct RequestDraft: Sendable, Equatable {
    public var operation: OperationReference
    /// `nil`: the operation's (or the description's) first server with its default variables.
    public var server: ServerChoice?
    public var parameters: [DraftParameter]
    public var body: DraftBody?
    /// Headers added after the ones the description defines.
    public var headers: [DraftHeader]
    /// A credential for each security scheme, by scheme name.
    public var credentials: [DraftCredential]
    /// The JSON the draft was read from, so writing it back keeps its order and unknown fields.
    var source: JSONObject?

    public init(operation: OperationReference, server: ServerChoice? = nil, parameters: [DraftParameter] = [], body: DraftBody? = nil,
                headers: [DraftHeader] = [], credentials: [DraftCredential] = []) {
        self.operation = operation
        self.server = server
        self.parameters = parameters
        self.body = body
        self.headers = headers
        self.credentials = credentials
    }

    public static func == (lhs: RequestDraft, rhs: RequestDraft) -> Bool {
        lhs.operation == rhs.operation && lhs.server == rhs.server && lhs.parameters == rhs.parameters && lhs.body == rhs.body
            && lhs.headers == rhs.headers && lhs.credentials == rhs.credentials
    }

    /// Whether it asks for the same request, whatever order its parameters are in.
    public func hasSameInputs(as other: RequestDraft) -> Bool {
        func values(_ draft: RequestDraft) -> [String: JSONValue] {
            Dictionary(draft.parameters.map { ("\($0.location.rawValue) \($0.name)", $0.value) }, uniquingKeysWith: { $1 })
        }
        return operation == other.operation && server == other.server && values(self) == values(other) && body == other.body
            && headers == other.headers && credentials == other.credentials
    }

    /// The value given for a parameter, if any.
    public func parameter(_ name: String, in location: ParameterLocation) -> JSONValue? {
        parameters.first { $0.name == name && $0.location == location }?.value
    }

    /// Sets (or with `nil` removes) a parameter's value, keeping its place among the others.
    public mutating func setParameter(_ name: String, in location: ParameterLocation, to value: JSONValue?) {
        if let position = parameters.firstIndex(where: { $0.name == name && $0.location == location }) {
            if let value { parameters[position].value = value } else { parameters.remove(at: position) }
        } else if let value {
            parameters.append(DraftParameter(location: location, name: name, value: value))
        }
    }

    /// The credential reference for a scheme, if any.
    public func credential(for scheme: String) -> CredentialReference? {
        credentials.first { $0.scheme == scheme }?.reference
    }

    public mutating func setCredential(_ reference: CredentialReference?, for scheme: String) {
        if let position = credentials.firstIndex(where: { $0.scheme == scheme }) {
            if let reference { credentials[position].reference = reference } else { credentials.remove(at: position) }
        } else if let reference {
            credentials.append(DraftCredential(scheme: scheme, reference: reference))
        }
    }

    /// Whether a credential names the user's secrets file (which is then read to send it).
    public var usesSecrets: Bool { credentials.contains { $0.reference.isSecretFileReference } }
}

/// Which operation a draft is for: its operationId, or its method and path when it has none; or
/// none at all, for a request kept as written because the description lists nothing like it (an
/// imported one): it is sent to its own URL and nothing about it is checked against the description.
public enum OperationReference: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case route(method: String, path: String)
    /// The whole URL, query included; placeholders are filled when it is sent.
    case unlisted(method: String, url: String)

    /// Whether it names no operation of the description.
    public var isUnlisted: Bool {
        if case .unlisted = self { return true }
        return false
    }

    public init(_ operation: APIOperation) {
        self = operation.operationID.map(OperationReference.id) ?? .route(method: operation.method, path: operation.path)
    }

    public var description: String {
        switch self {
        case .id(let id): return id
        case .route(let method, let path): return "\(HTTPMethod.canonical(method)) \(path)"
        case .unlisted(let method, let url): return "\(method.uppercased()) \(url)"
        }
    }
}

public struct DraftParameter: Sendable, Equatable {
    public var location: ParameterLocation
    public var name: String
    public var value: JSONValue

    public init(location: ParameterLocation, name: String, value: JSONValue) {
        self.location = location
        self.name = name
        self.value = value
    }
}

/// A request body: a JSON value (encoded by the media type: JSON, a form, multipart with `@file`
/// references), or text kept exactly as typed (it does not parse yet, or is not JSON at all).
public struct DraftBody: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case json(JSONValue)
        case text(String)
    }

    public var content: Content
    /// `nil`: the description's preferred one.
    public var mediaType: String?

    public init(_ content: Content, mediaType: String? = nil) {
        self.content = content
        self.mediaType = mediaType
    }
}

public struct DraftHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Its value is a credential: hidden wherever the request is shown, kept on its origin.
    public var isCredential: Bool

    public init(name: String, value: String, isCredential: Bool = false) {
        self.name = name
        self.value = value
        self.isCredential = isCredential
    }
}

public struct DraftCredential: Sendable, Equatable {
    public var scheme: String
    public var reference: CredentialReference

    public init(scheme: String, reference: CredentialReference) {
        self.scheme = scheme
        self.reference = reference
    }
}

/// Where a credential comes from. Only references are ever written down; a literal lives in memory.
public enum CredentialReference: Sendable, Equatable {
    /// `env:NAME`
    case environment(String)
    /// `{{name}}`: a variable (`--var`, an environment's, a server variable).
    case variable(String)
    /// `secret:NAME`: a value kept in the user's own secrets file, outside any collection.
    case secret(String)
    /// Typed in; never saved.
    case literal(String)
    /// OAuth2 settings (`client_id`, `client_secret`, `username`, `password`, `scope`, `refresh_token`, `flow`), each itself a reference.
    case fields([(String, CredentialReference)])

    /// `env:NAME`, `{{name}}` or a literal; a JSON object is OAuth2 settings.
    public init(text: String) {
        let trimmed = text.trimming(" ")
        if trimmed.hasPrefix("env:"), trimmed.count > 4 {
            self = .environment(String(trimmed.dropFirst(4)))
        } else if trimmed.hasPrefix("secret:"), trimmed.count > 7 {
            self = .secret(String(trimmed.dropFirst(7)))
        } else if let name = Placeholders.soleVariable(in: trimmed) {
            self = .variable(name)
        } else {
            self = .literal(text)
        }
    }

    /// Whether it names a value in the user's secrets file (`secret:NAME`), itself or in a field.
    public var isSecretFileReference: Bool {
        switch self {
        case .secret: return true
        case .fields(let fields): return fields.contains { $0.1.isSecretFileReference }
        default: return false
        }
    }

    /// Whether it holds a secret itself (typed in) rather than naming where one is; a screen masks it.
    public var isSecret: Bool { !isReference }

    /// The text a user types for it (a literal shows as itself).
    public var text: String {
        switch self {
        case .environment(let name): return "env:" + name
        case .secret(let name): return "secret:" + name
        case .variable(let name): return "{{" + name + "}}"
        case .literal(let value): return value
        case .fields(let fields): return fields.map { "\($0.0)=\($0.1.text)" }.joined(separator: ",")
        }
    }

    /// Whether it may be written into a file (it holds no secret itself).
    public var isReference: Bool {
        switch self {
        case .environment, .variable, .secret: return true
        case .literal: return false
        case .fields(let fields): return fields.allSatisfy { $0.1.isReference || !Self.secretFields.contains($0.0) }
        }
    }

    static let secretFields: Set<String> = ["client_secret", "password", "refresh_token"]

    public static func == (lhs: CredentialReference, rhs: CredentialReference) -> Bool {
        switch (lhs, rhs) {
        case (.environment(let a), .environment(let b)), (.variable(let a), .variable(let b)), (.literal(let a), .literal(let b)), (.secret(let a), .secret(let b)):
            return a == b
        case (.fields(let a), .fields(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

extension String {
    /// Without the given characters at either end.
    func trimming(_ characters: String) -> String {
        let set = Set(characters)
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
