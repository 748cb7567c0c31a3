import SpecterJSON
import SpecterSpec

/// A draft as JSON (and so as YAML in a collection file):
///
/// ```yaml
/// operation: getPet                 # or "GET /pets/{id}", or {method: GET, path: /pets/{id}}
/// server: {index: 0, variables: {version: v2}}   # or {url: "https://{{host}}/v1"}
/// parameters: {path: {petId: 1}, query: {limit: 10}}
/// body: {mediaType: application/json, json: {name: Rex}}   # or text: "…" for text that is not JSON
/// headers: [{name: X-Trace, value: t1}, {name: X-Token, value: "env:TOKEN", credential: true}]
/// auth: {HTTPBearer: "env:TOKEN", Machine: {client_id: specter, client_secret: "env:SECRET"}}
/// ```
///
/// Writing back what was read changes nothing: members keep their order and fields Specter does not
/// know are kept. Literal credentials are never written.
extension RequestDraft {
    /// The keys a draft reads from its JSON.
    static let keys = ["operation", "server", "parameters", "body", "headers", "auth"]
}

extension RequestDraft {
    public init(json: JSONValue) throws(DraftFormatError) {
        guard case .object(let object) = json else { throw DraftFormatError(at: "", "a request must be an object") }
        operation = try Self.operation(object["operation"])
        server = try object["server"].map(Self.server)
        parameters = try Self.parameters(object["parameters"])
        body = try object["body"].map(Self.body)
        headers = try Self.headers(object["headers"])
        credentials = try Self.credentials(object["auth"])
        source = object
    }

    /// The draft as JSON, in the order it was read (new fields after), with unknown fields kept.
    public var json: JSONValue {
        var object = source ?? JSONObject()
        // The spelling a person chose stays as long as it names the same operation.
        if let written = source?["operation"], (try? Self.operation(written)) == operation {
            object["operation"] = written
        } else {
            object["operation"] = Self.json(operation)
        }
        object["server"] = server.map { Self.json($0, updating: source?["server"]?.objectValue) }
        object["parameters"] = parameters.isEmpty ? nil : Self.json(parameters, updating: source?["parameters"]?.objectValue)
        object["body"] = body.map { Self.json($0, updating: source?["body"]?.objectValue) }
        let writtenHeaders = headers.compactMap(Self.json)
        object["headers"] = writtenHeaders.isEmpty ? nil : .array(writtenHeaders)
        let written = credentials.compactMap { credential in Self.json(credential.reference).map { JSONObject.Member(key: credential.scheme, value: $0) } }
        object["auth"] = written.isEmpty ? nil : .object(JSONObject(written))
        return .object(object)
    }

    // MARK: - Reading

    private static func operation(_ value: JSONValue?) throws(DraftFormatError) -> OperationReference {
        switch value {
        case .string(let text)?:
            // `GET /pets/{id}`: a method and a path, for an operation without an operationId.
            let words = text.split(separator: " ", maxSplits: 1)
            if words.count == 2, words[1].hasPrefix("/"), HTTPMethod.isToken(String(words[0])) {
                return .route(method: HTTPMethod.canonical(String(words[0])), path: String(words[1]))
            }
            return .id(text)
        case .object(let route)?:
            guard let method = route["method"]?.stringValue, !method.isEmpty else {
                throw DraftFormatError(at: "/operation/method", "an operation without an operationId is {method: …, path: …}, or {method: …, url: …} for a request the description does not list")
            }
            if let path = route["path"]?.stringValue { return .route(method: HTTPMethod.canonical(method), path: path) }
            guard let url = route["url"]?.stringValue, !url.isEmpty else {
                throw DraftFormatError(at: "/operation", "an operation without an operationId is {method: …, path: …}, or {method: …, url: …} for a request the description does not list")
            }
            return .unlisted(method: method.uppercased(), url: url)
        default:
            throw DraftFormatError(at: "/operation", "the operation is missing: an operationId, or {method: …, path: …}")
        }
    }

    private static func server(_ value: JSONValue) throws(DraftFormatError) -> ServerChoice {
        let variables = try strings(value["variables"], at: "/server/variables")
        if let url = value["url"]?.stringValue { return .url(url, variables: variables) }
        if let index = value["index"]?.intValue, index >= 0 { return .described(index: index, variables: variables) }
        throw DraftFormatError(at: "/server", "a server is {url: …} or {index: N} (a server of the description)")
    }

    private static func parameters(_ value: JSONValue?) throws(DraftFormatError) -> [DraftParameter] {
        guard let value else { return [] }
        guard case .object(let locations) = value else { throw DraftFormatError(at: "/parameters", "parameters are grouped by place: {path: …, query: …}") }
        var result: [DraftParameter] = []
        for member in locations.members {
            guard let location = ParameterLocation(rawValue: member.key) else {
                throw DraftFormatError(at: "/parameters/" + JSONPointer.escape(member.key), "\"\(member.key)\" is not a parameter place (path, query, header, cookie)")
            }
            guard case .object(let values) = member.value else { throw DraftFormatError(at: "/parameters/" + member.key, "parameters are name: value") }
            result += values.members.map { DraftParameter(location: location, name: $0.key, value: $0.value) }
        }
        return result
    }

    private static func body(_ value: JSONValue) throws(DraftFormatError) -> DraftBody {
        let mediaType = value["mediaType"]?.stringValue
        if let json = value["json"] { return DraftBody(.json(json), mediaType: mediaType) }
        if let text = value["text"]?.stringValue { return DraftBody(.text(text), mediaType: mediaType) }
        throw DraftFormatError(at: "/body", "a body is {json: …} or {text: \"…\"}, with an optional mediaType")
    }

    private static func headers(_ value: JSONValue?) throws(DraftFormatError) -> [DraftHeader] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw DraftFormatError(at: "/headers", "headers are a list of {name: …, value: …}") }
        var result: [DraftHeader] = []
        for (position, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue, let text = item["value"]?.stringValue else {
                throw DraftFormatError(at: "/headers/\(position)", "a header is {name: …, value: …}")
            }
            result.append(DraftHeader(name: name, value: text, isCredential: item["credential"] == .bool(true)))
        }
        return result
    }

    private static func credentials(_ value: JSONValue?) throws(DraftFormatError) -> [DraftCredential] {
        guard let value else { return [] }
        guard case .object(let schemes) = value else { throw DraftFormatError(at: "/auth", "auth is {SCHEME: reference}") }
        var result: [DraftCredential] = []
        for member in schemes.members {
            result.append(DraftCredential(scheme: member.key, reference: try reference(member.value, at: "/auth/" + JSONPointer.escape(member.key))))
        }
        return result
    }

    private static func reference(_ value: JSONValue, at pointer: String) throws(DraftFormatError) -> CredentialReference {
        switch value {
        case .string(let text): return CredentialReference(text: text)
        case .object(let fields):
            var result: [(String, CredentialReference)] = []
            for member in fields.members {
                guard let text = member.value.stringValue else { throw DraftFormatError(at: pointer + "/" + member.key, "an OAuth2 setting is text") }
                result.append((member.key, CredentialReference(text: text)))
            }
            return .fields(result)
        default:
            throw DraftFormatError(at: pointer, "a credential is env:NAME, secret:NAME, {{variable}}, or OAuth2 settings {client_id: …}")
        }
    }

    private static func strings(_ value: JSONValue?, at pointer: String) throws(DraftFormatError) -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let object) = value else { throw DraftFormatError(at: pointer, "expected name: value") }
        var result: [String: String] = [:]
        for member in object.members {
            guard let text = member.value.stringValue ?? (member.value.isNumber ? member.value.description : nil) else {
                throw DraftFormatError(at: pointer + "/" + member.key, "expected text")
            }
            result[member.key] = text
        }
        return result
    }

    // MARK: - Writing

    private static func json(_ operation: OperationReference) -> JSONValue {
        switch operation {
        case .id(let id): return .string(id)
        case .route(let method, let path): return .string("\(method) \(path)")
        case .unlisted(let method, let url): return .object(["method": .string(method), "url": .string(url)])
        }
    }

    private static func json(_ server: ServerChoice, updating source: JSONObject?) -> JSONValue {
        var object = source ?? JSONObject()
        let variables: [String: String]
        switch server {
        case .described(let index, let values):
            object["url"] = nil
            object["index"] = .int(index)
            variables = values
        case .url(let url, let values):
            object["index"] = nil
            object["url"] = .string(url)
            variables = values
        }
        object["variables"] = variables.isEmpty ? nil : .object(JSONObject(orderedLike: object["variables"]?.objectValue, variables))
        return .object(object)
    }

    /// Parameters grouped by place, in the order the file had them (new ones after).
    private static func json(_ parameters: [DraftParameter], updating source: JSONObject?) -> JSONValue {
        let places = source?.keys ?? []
        func rank(_ parameter: DraftParameter, _ position: Int) -> (Int, Int, Int) {
            let place = places.firstIndex(of: parameter.location.rawValue) ?? Int.max
            let name = source?[parameter.location.rawValue]?.objectValue?.keys.firstIndex(of: parameter.name) ?? Int.max
            return (place, name, position)
        }
        let ordered = parameters.enumerated().sorted { rank($0.element, $0.offset) < rank($1.element, $1.offset) }.map(\.element)
        var locations = JSONObject()
        for parameter in ordered {
            var values = locations[parameter.location.rawValue]?.objectValue ?? JSONObject()
            values[parameter.name] = parameter.value
            locations[parameter.location.rawValue] = .object(values)
        }
        return .object(locations)
    }

    private static func json(_ body: DraftBody, updating source: JSONObject?) -> JSONValue {
        var object = source ?? JSONObject()
        object["mediaType"] = body.mediaType.map(JSONValue.string)
        switch body.content {
        case .json(let value):
            object["text"] = nil
            object["json"] = value
        case .text(let text):
            object["json"] = nil
            object["text"] = .string(text)
        }
        return .object(object)
    }

    /// A header as written; a credential header whose value is the secret itself is not written
    /// (one built from placeholders, `Bearer {{token}}`, names where its secret comes from).
    private static func json(_ header: DraftHeader) -> JSONValue? {
        if header.isCredential, CredentialReference(text: header.value).isSecret, !header.value.contains("{{") { return nil }
        var object: JSONObject = ["name": .string(header.name), "value": .string(header.value)]
        if header.isCredential { object["credential"] = true }
        return .object(object)
    }

    /// What of a credential may be written: references, and OAuth2 settings that are not secret; never a literal secret.
    private static func json(_ reference: CredentialReference) -> JSONValue? {
        switch reference {
        case .literal: return nil
        case .environment, .variable, .secret: return .string(reference.text)
        case .fields(let fields):
            let kept = fields.filter { $0.1.isReference || !CredentialReference.secretFields.contains($0.0) }
            return kept.isEmpty ? nil : .object(JSONObject(kept.map { JSONObject.Member(key: $0.0, value: .string($0.1.text)) }))
        }
    }
}

extension JSONObject {
    /// Text values, in the order an earlier object had them (new names after, sorted).
    init(orderedLike earlier: JSONObject?, _ values: [String: String]) {
        let known = (earlier?.keys ?? []).filter { values[$0] != nil }
        let added = values.keys.filter { !known.contains($0) }.sorted()
        self.init((known + added).map { Member(key: $0, value: .string(values[$0] ?? "")) })
    }
}

/// Why JSON is not a request draft, and where.
public struct DraftFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON pointer into the draft (`/parameters/query/limit`).
    public var pointer: String
    public var message: String

    init(at pointer: String, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { (pointer.isEmpty ? "" : "\(pointer): ") + message }
}
