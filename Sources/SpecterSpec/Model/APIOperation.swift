import Foundation
import SpecterHTTP
import SpecterJSON

/// One operation: a method on a path (or a webhook or callback), with everything needed to call it.
public struct APIOperation: Sendable {
    /// `GET`, `POST` … upper case for the methods with a Path Item field of their own; a method from
    /// 3.2's `additionalOperations` exactly as written (methods are case-sensitive; see `HTTPMethod`).
    public var method: String
    /// The path template (`/pets/{petId}`), or the webhook's name.
    public var path: String
    public var operationID: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    public var deprecated: Bool
    /// Path-level parameters merged in, operation-level ones winning by name and location.
    public var parameters: [APIParameter]
    public var requestBody: APIRequestBody?
    public var responses: [APIResponse]
    /// The operation's own requirements; `nil` means the document's apply.
    public var security: [SecurityRequirement]?
    /// Servers declared on the path or operation; empty means the document's apply.
    public var servers: [APIServer]
    public var callbacks: [APICallback]
    public var isWebhook: Bool
    public var externalDocs: ExternalDocs?
    public var extensions: JSONObject
    public var address: NodeAddress

    /// The name people use for it: the operationId, or `METHOD /path`.
    public var displayID: String { operationID ?? "\(method) \(path)" }

    /// The security schemes the operation can use (its own requirements, else the document's), in
    /// the order they are named.
    public func securitySchemeNames(in document: APIDocument) -> [String] {
        var names: [String] = []
        for requirement in security ?? document.security {
            for entry in requirement.entries where !names.contains(entry.scheme) { names.append(entry.scheme) }
        }
        return names
    }

    /// The response for a status: exact code, then `2XX`-style range, then `default`.
    public func response(for status: Int) -> APIResponse? {
        let code = String(status)
        if let exact = responses.first(where: { $0.status == code }) { return exact }
        let range = "\(status / 100)XX"
        if let ranged = responses.first(where: { $0.status.uppercased() == range }) { return ranged }
        return responses.first { $0.status == "default" }
    }
}

extension APIOperation {
    /// A request the description does not list (an imported one that matches none of its
    /// operations): only its method is known, so nothing about it can be checked. Its URL comes
    /// from the request itself, which may be another origin: it asks for no security, so none of the
    /// description's credentials is ever attached to it.
    public init(unlistedMethod method: String) {
        self.method = HTTPMethod.canonical(method)
        path = ""
        security = []
        tags = []
        deprecated = false
        parameters = []
        responses = []
        servers = []
        callbacks = []
        isWebhook = false
        extensions = JSONObject()
        address = NodeAddress(document: URL(fileURLWithPath: "/"), pointer: .root)
    }
}

public enum ParameterLocation: String, Sendable, CaseIterable {
    case path, query, header, cookie
    /// The whole query string from one value (3.2): its `content` names the media type it is
    /// written in, typically `application/x-www-form-urlencoded`; `style` and `explode` do not apply.
    case querystring
}

/// How a parameter value is written (OpenAPI `style`), including 2.0's `tsv` collection format.
public enum ParameterStyle: String, Sendable {
    case matrix, label, simple, form, spaceDelimited, pipeDelimited, deepObject, tabDelimited
}

public struct APIParameter: Sendable {
    public var name: String
    public var location: ParameterLocation
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var allowEmptyValue: Bool
    public var style: ParameterStyle
    public var explode: Bool
    public var allowReserved: Bool
    public var schema: SchemaRef?
    /// Set instead of `schema` when the parameter is described by a media type.
    public var content: [APIMediaType]
    public var example: JSONValue?
    public var examples: [APIExample]
    public var extensions: JSONObject
    public var address: NodeAddress

    public init(name: String, location: ParameterLocation, description: String? = nil, required: Bool = false, deprecated: Bool = false,
                allowEmptyValue: Bool = false, style: ParameterStyle? = nil, explode: Bool? = nil, allowReserved: Bool = false, schema: SchemaRef? = nil,
                content: [APIMediaType] = [], example: JSONValue? = nil, examples: [APIExample] = [], extensions: JSONObject = JSONObject(),
                address: NodeAddress) {
        let chosenStyle = style ?? Self.defaultStyle(for: location)
        self.name = name
        self.location = location
        self.description = description
        self.required = required
        self.deprecated = deprecated
        self.allowEmptyValue = allowEmptyValue
        self.style = chosenStyle
        self.explode = explode ?? (chosenStyle == .form)
        self.allowReserved = allowReserved
        self.schema = schema
        self.content = content
        self.example = example
        self.examples = examples
        self.extensions = extensions
        self.address = address
    }

    /// The defaults OpenAPI gives each location.
    public static func defaultStyle(for location: ParameterLocation) -> ParameterStyle {
        switch location {
        case .query, .cookie, .querystring: return .form
        case .path, .header: return .simple
        }
    }
}

public struct APIRequestBody: Sendable {
    public var description: String?
    public var required: Bool
    public var content: [APIMediaType]
    public var address: NodeAddress
}

public struct APIResponse: Sendable {
    /// `200`, `2XX` or `default`, as written.
    public var status: String
    public var description: String?
    public var headers: [APIHeader]
    public var content: [APIMediaType]
    public var address: NodeAddress

    /// The media type object for a response's `Content-Type`: exact, then `type/*`, then `*/*`.
    public func mediaType(matching contentType: String?) -> APIMediaType? {
        guard let contentType else { return content.first }
        let essence = MediaType.essence(of: contentType)
        if let exact = content.first(where: { $0.name.lowercased() == essence }) { return exact }
        let major = essence.split(separator: "/").first.map(String.init) ?? ""
        if let wildcard = content.first(where: { $0.name.lowercased() == "\(major)/*" }) { return wildcard }
        return content.first { $0.name == "*/*" }
    }
}

public struct APIHeader: Sendable {
    public var name: String
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var schema: SchemaRef?
}

public struct APIMediaType: Sendable {
    /// `application/json`, `multipart/form-data` …
    public var name: String
    public var schema: SchemaRef?
    /// The schema of each item of a sequential media type (3.2): an event of `text/event-stream`, a
    /// line of `application/jsonl`, a part of `multipart/mixed`; resolved like `schema`.
    public var itemSchema: SchemaRef?
    public var example: JSONValue?
    public var examples: [APIExample]
    public var encoding: [APIEncoding]

    public init(name: String, schema: SchemaRef? = nil, itemSchema: SchemaRef? = nil, example: JSONValue? = nil, examples: [APIExample] = [],
                encoding: [APIEncoding] = []) {
        self.name = name
        self.schema = schema
        self.itemSchema = itemSchema
        self.example = example
        self.examples = examples
        self.encoding = encoding
    }
}

/// Per-property serialisation of a form or multipart body (the Encoding Object).
public struct APIEncoding: Sendable {
    public var property: String
    public var contentType: String?
    public var headers: [APIHeader]
    public var style: ParameterStyle?
    public var explode: Bool?
    public var allowReserved: Bool

    public init(property: String, contentType: String? = nil, headers: [APIHeader] = [], style: ParameterStyle? = nil, explode: Bool? = nil, allowReserved: Bool = false) {
        self.property = property
        self.contentType = contentType
        self.headers = headers
        self.style = style
        self.explode = explode
        self.allowReserved = allowReserved
    }
}

public struct APIExample: Sendable {
    public var name: String
    public var summary: String?
    public var description: String?
    /// The example's data: `value`, or 3.2's `dataValue` when there is no `value`, so every use of
    /// an example (forms, bodies, docs) reads one field whatever the version.
    public var value: JSONValue?
    /// The data as 3.2's `dataValue` writes it (before serialisation).
    public var dataValue: JSONValue?
    /// The example as it goes on the wire (3.2's `serializedValue`): the exact text, for the cases a
    /// value cannot show (a form body, a query string, an event stream).
    public var serializedValue: String?
    public var externalValue: String?

    public init(name: String, summary: String? = nil, description: String? = nil, value: JSONValue? = nil, dataValue: JSONValue? = nil,
                serializedValue: String? = nil, externalValue: String? = nil) {
        self.name = name
        self.summary = summary
        self.description = description
        self.value = value ?? dataValue
        self.dataValue = dataValue
        self.serializedValue = serializedValue
        self.externalValue = externalValue
    }
}

public struct APICallback: Sendable {
    public var name: String
    /// The runtime expression naming the callback URL (`{$request.body#/callbackUrl}`).
    public var expression: String
    public var operations: [APIOperation]
}
