import SpecterJSON

/// A named set of choices applied at once (the explorer's F2 picker, `call --env`): the server
/// requests go to, variables for it and for `{{placeholders}}`, and the credential for each
/// security scheme.
///
/// Environments come from a file the user names (`--environments FILE`), so they can live beside
/// the code in git: credentials in it must be `env:VARIABLE` references, never the secrets themselves.
///
/// ```yaml
/// environments:
///   local:
///     server: http://127.0.0.1:8000
///     credentials: {HTTPBearer: env:LOCAL_TOKEN}
///   staging:
///     server: https://staging.example.com/{version}
///     variables: {version: v2}
/// ```
public struct RequestEnvironment: Sendable, Equatable {
    public var name: String
    public var server: String?
    public var variables: [String: String]
    public var credentials: [String: String]

    public init(name: String, server: String? = nil, variables: [String: String] = [:], credentials: [String: String] = [:]) {
        self.name = name
        self.server = server
        self.variables = variables
        self.credentials = credentials
    }

    /// The draft with this environment's choices where it has none of its own: the server (a
    /// template filled from the variables), and credentials for the schemes the operation uses.
    public func applied(to draft: RequestDraft, schemes: [String]) -> RequestDraft {
        var draft = draft
        if draft.server == nil, let server { draft.server = .url(server, variables: variables) }
        for (scheme, value) in credentials.sorted(by: { $0.key < $1.key }) where schemes.contains(scheme) && draft.credential(for: scheme) == nil {
            draft.setCredential(CredentialReference(text: value), for: scheme)
        }
        return draft
    }

    /// The environments of a parsed environments file, in its order.
    public static func list(from file: JSONValue) throws(EnvironmentFileError) -> [RequestEnvironment] {
        guard case .object(let root) = file else { throw EnvironmentFileError(at: [], "the file must be a mapping with an \"environments\" key") }
        for key in root.keys where key != "environments" { throw EnvironmentFileError(at: [key], "unknown key \"\(key)\" (expected \"environments\")") }
        guard case .object(let environments)? = root["environments"] else {
            throw EnvironmentFileError(at: ["environments"], "\"environments\" must be a mapping of names to environments")
        }
        var result: [RequestEnvironment] = []
        for member in environments.members {
            result.append(try RequestEnvironment(name: member.key, json: member.value, at: ["environments", member.key]))
        }
        return result
    }

    /// One environment (a collection's `environments/NAME.yaml` holds one), `at` the place it is in its file.
    public init(name: String, json: JSONValue, at place: [String] = []) throws(EnvironmentFileError) {
        guard case .object(let fields) = json else { throw EnvironmentFileError(at: place, "an environment must be a mapping") }
        self.init(name: name)
        for field in fields.members {
            switch field.key {
            case "server":
                guard case .string(let url) = field.value else { throw EnvironmentFileError(at: place + ["server"], "server must be a URL") }
                server = url
            case "variables":
                variables = try Self.strings(field.value, at: place + ["variables"])
            case "credentials":
                credentials = try Self.strings(field.value, at: place + ["credentials"])
                for (scheme, value) in credentials where CredentialReference(text: value).isSecret {
                    throw EnvironmentFileError(at: place + ["credentials", scheme],
                                               "credentials must be env:VARIABLE or secret:NAME references: secrets are never written in files")
                }
            default:
                throw EnvironmentFileError(at: place + [field.key], "unknown key \"\(field.key)\" (expected server, variables, credentials)")
            }
        }
    }

    /// The environment as its own file holds it.
    public var json: JSONValue {
        var object = JSONObject()
        if let server { object["server"] = .string(server) }
        if !variables.isEmpty { object["variables"] = .object(JSONObject(orderedLike: nil, variables)) }
        if !credentials.isEmpty { object["credentials"] = .object(JSONObject(orderedLike: nil, credentials)) }
        return .object(object)
    }

    private static func strings(_ value: JSONValue, at place: [String]) throws(EnvironmentFileError) -> [String: String] {
        guard case .object(let object) = value else { throw EnvironmentFileError(at: place, "must be a mapping of names to values") }
        var result: [String: String] = [:]
        for member in object.members {
            switch member.value {
            case .string(let text): result[member.key] = text
            case .int, .double, .bool: result[member.key] = member.value.description
            default: throw EnvironmentFileError(at: place + [member.key], "must be a string")
            }
        }
        return result
    }
}

/// What is wrong with an environments file, and where (a JSON pointer into it).
public struct EnvironmentFileError: Error, Sendable, Equatable {
    public var pointer: JSONPointer
    public var message: String

    public init(pointer: JSONPointer, message: String) {
        self.pointer = pointer
        self.message = message
    }

    init(at tokens: [String], _ message: String) {
        self.init(pointer: JSONPointer(tokens: tokens), message: message)
    }
}
