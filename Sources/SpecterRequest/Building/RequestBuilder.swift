import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// A value for one parameter; `location` tells apart parameters that share a name.
public struct ParameterValue: Sendable, Equatable {
    public var name: String
    public var location: ParameterLocation?
    public var value: JSONValue

    public init(name: String, location: ParameterLocation? = nil, value: JSONValue) {
        self.name = name
        self.location = location
        self.value = value
    }
}

/// The body a user gives: a value to encode by the media type, or bytes to send as they are.
public enum RequestBodyInput: Sendable, Equatable {
    case value(JSONValue)
    case raw([UInt8], contentType: String)
}

/// Which server to call.
public enum ServerChoice: Sendable, Equatable {
    /// One of the description's servers (the operation's own first), with values for its variables.
    case described(index: Int, variables: [String: String])
    /// Any URL, instead of the description's servers; its `{name}` parts are filled from `variables`
    /// (an environment's `https://staging.example.com/{version}`).
    case url(String, variables: [String: String] = [:])

    public static let first = ServerChoice.described(index: 0, variables: [:])
}

/// Everything needed to build one request for an operation.
public struct RequestInput: Sendable {
    public var parameters: [ParameterValue]
    public var body: RequestBodyInput?
    /// The body's media type when the operation accepts several (JSON by default).
    public var mediaType: String?
    /// Extra headers (`-H`), added after the ones the description defines.
    public var headers: HTTPHeaders
    /// Which of the extra headers carry credentials (their values are hidden and stay on the origin).
    public var credentialHeaders: [String]
    public var server: ServerChoice

    public init(parameters: [ParameterValue] = [], body: RequestBodyInput? = nil, mediaType: String? = nil, headers: HTTPHeaders = HTTPHeaders(),
                credentialHeaders: [String] = [], server: ServerChoice = .first) {
        self.parameters = parameters
        self.body = body
        self.mediaType = mediaType
        self.headers = headers
        self.credentialHeaders = credentialHeaders
        self.server = server
    }
}

/// A request ready to send, with what is needed to show it safely.
public struct BuiltRequest: Sendable {
    public var request: HTTPRequest
    public var body: EncodedBody?
    public var redactor: Redactor
    /// Things the user should know (a parameter not in the description, missing credentials …).
    public var warnings: [RequestWarning]
}

/// Why a request cannot be built.
public struct RequestBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    /// The description gives no usable server: the user has to name one (`--server`, or the explorer's picker).
    public var needsServer = false
    /// A required path parameter has no value: each front end says how to give one.
    public var missingPathParameter: String?

    public init(description: String, needsServer: Bool = false, missingPathParameter: String? = nil) {
        self.description = description
        self.needsServer = needsServer
        self.missingPathParameter = missingPathParameter
    }
}

/// Builds exactly the request an operation describes from the user's values.
public struct RequestBuilder: Sendable {
    public let document: APIDocument
    public let operation: APIOperation
    public var workingDirectory: URL
    /// Makes multipart boundaries predictable in tests.
    public var boundary: String?

    public init(document: APIDocument, operation: APIOperation, workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.document = document
        self.operation = operation
        self.workingDirectory = workingDirectory
    }

    /// The servers that apply: the operation's (or its path's), else the document's.
    public var servers: [APIServer] { operation.servers.isEmpty ? document.servers : operation.servers }

    /// The base URL for a server choice, with variables filled (given values, else defaults).
    public func baseURL(_ choice: ServerChoice) throws(RequestBuildError) -> URL {
        let text: String
        switch choice {
        case .url(let url, let values):
            text = TemplateFill.fill(url, with: values)
        case .described(let index, let values):
            guard servers.indices.contains(index) else {
                throw RequestBuildError(description: servers.isEmpty ? "the description names no server"
                                        : "there is no server \(index + 1); the description has \(servers.count)",
                                        needsServer: servers.isEmpty)
            }
            let server = servers[index]
            for variable in server.variables where !variable.enumValues.isEmpty {
                if let value = values[variable.name], !variable.enumValues.contains(value) {
                    throw RequestBuildError(description: "server variable \(variable.name) must be one of: \(variable.enumValues.joined(separator: ", "))")
                }
            }
            text = server.resolvedURL(values: values)
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw RequestBuildError(description: "the server URL \(text) is not an absolute http(s) URL", needsServer: true)
        }
        return url
    }

    /// `base` is the server's URL when the caller has it already (`baseURL(input.server)`), so it is not read twice.
    public func build(_ input: RequestInput, security: AppliedSecurity = AppliedSecurity(), base knownBase: URL? = nil) throws(RequestBuildError) -> BuiltRequest {
        guard HTTPMethod.isToken(operation.method) else {
            throw RequestBuildError(description: "\"\(operation.method)\" is not an HTTP method name and cannot be sent")
        }
        var warnings: [RequestWarning] = []
        var pathValues: [String: String] = [:]
        var query: [String] = []
        var headers = HTTPHeaders()
        var cookies: [String] = []
        for value in input.parameters {
            guard let parameter = operation.parameters.first(where: { $0.name == value.name && (value.location == nil || $0.location == value.location) }) else {
                warnings.append(.unknownParameter(value.name))
                query.append(URLEncoding.queryComponent(value.name) + "=" + URLEncoding.queryComponent(ParameterSerializer.text(value.value)))
                continue
            }
            let serialized: SerializedParameter
            do {
                serialized = try ParameterSerializer.serialize(parameter, value: value.value)
            } catch {
                throw RequestBuildError(description: error.description)
            }
            switch serialized {
            case .path(let text): pathValues[parameter.name] = text
            case .query(let pairs): query += pairs
            case .header(let text): headers.add(parameter.name, text)
            case .cookie(let pairs): cookies += pairs
            case .queryString(let text): if !text.isEmpty { query.insert(text, at: 0) }
            }
        }
        for parameter in operation.parameters where parameter.location == .path && !input.parameters.contains(where: { $0.name == parameter.name }) {
            throw RequestBuildError(description: "the path parameter \"\(parameter.name)\" is required", missingPathParameter: parameter.name)
        }
        let path = TemplateFill.fill(operation.path, with: pathValues)
        query += security.query
        cookies += security.cookies
        for header in security.headers { headers.set(header.name, header.value) }
        if let accept = acceptHeader { headers.set("Accept", accept) }
        var encoded: EncodedBody?
        if let body = input.body {
            encoded = try encode(body, mediaType: input.mediaType)
            headers.set("Content-Type", encoded?.contentType)
        } else if operation.requestBody?.required == true {
            warnings.append(.missingBody)
        }
        for field in input.headers { headers.set(field.name, field.value) }
        // Who is asking, unless the user says otherwise (URLSession would name itself and curl).
        if headers["User-Agent"] == nil { headers.set("User-Agent", SpecterVersion.userAgent) }
        if !cookies.isEmpty { headers.set("Cookie", ((headers["Cookie"].map { [$0] } ?? []) + cookies).joined(separator: "; ")) }
        let base: URL
        if let knownBase { base = knownBase } else { base = try baseURL(input.server) }
        var urlText = base.absoluteString
        if urlText.hasSuffix("/") && path.hasPrefix("/") { urlText.removeLast() }
        urlText += path
        if !query.isEmpty { urlText += (urlText.contains("?") ? "&" : "?") + query.joined(separator: "&") }
        guard let url = URL(string: urlText) else { throw RequestBuildError(description: "cannot make a URL from \(urlText)") }
        if let missing = security.missing { warnings.append(.missingCredentials(missing)) }
        let usable = operation.securitySchemeNames(in: document).sorted()
        warnings += security.unused.map { RequestWarning.unusedCredential(scheme: $0, usable: usable) }
        var credentials = security.placement
        credentials.headers += input.credentialHeaders
        var request = HTTPRequest(method: operation.method, url: url, headers: headers, body: encoded?.bytes, credentials: credentials)
        // Methods are case-sensitive: one from `additionalOperations` goes exactly as the description writes it.
        request.method = operation.method
        return BuiltRequest(
            request: request, body: encoded,
            redactor: Redactor(secrets: security.secrets + Redactor.secrets(in: input.headers, credentialHeaders: credentials.headers), credentialHeaders: credentials.headers),
            warnings: warnings)
    }

    /// The media types of the documented responses (successful ones first), so the server can choose.
    public var acceptHeader: String? {
        var types: [String] = []
        for successful in [true, false] {
            for response in operation.responses where (response.status.utf8.first == UInt8(ascii: "2")) == successful {
                for media in response.content where !types.contains(media.name) { types.append(media.name) }
            }
        }
        return types.isEmpty ? nil : types.joined(separator: ", ")
    }

    private func encode(_ body: RequestBodyInput, mediaType: String?) throws(RequestBuildError) -> EncodedBody {
        switch body {
        case .raw(let bytes, let contentType):
            // Text as curl's --data-raw, so `call --curl` and the explorer's copies show it; other bytes cannot go on a command line.
            let text = String(validating: bytes, as: UTF8.self)
            return EncodedBody(contentType: contentType, bytes: bytes, files: [], curlArguments: text.map { ["--data-raw", $0] } ?? [])
        case .value(let value):
            let media = (operation.requestBody?.content ?? []).preferred(mediaType)
                ?? APIMediaType(name: mediaType ?? "application/json", schema: nil, example: nil, examples: [], encoding: [])
            var encoder = BodyEncoder(fileProperties: BinaryProperties.of(media.schema, documents: document.documents), workingDirectory: workingDirectory)
            if let boundary { encoder.boundary = boundary }
            do throws(BodyError) {
                return try encoder.encode(value, as: media)
            } catch {
                throw RequestBuildError(description: error.description)
            }
        }
    }
}

/// The top-level properties of a body schema that hold files (`format: binary`, `contentMediaType`), for
/// multipart: only those send `@path` as a file; any other field sends its text, `@` included.
public enum BinaryProperties {
    public static func of(_ schema: SchemaRef?, documents: DocumentSet) -> Set<String> {
        guard let schema, let resolved = try? documents.dereference(schema.value, at: schema.address) else { return [] }
        var parts = [resolved]
        for (position, part) in (resolved.value["allOf"]?.arrayValue ?? []).enumerated() {
            if let target = try? documents.dereference(part, at: resolved.address.appending("allOf").appending(position)) { parts.append(target) }
        }
        var names: Set<String> = []
        for part in parts {
            for member in part.value["properties"]?.objectValue?.members ?? [] {
                let property = (try? documents.dereference(member.value, at: part.address.appending("properties").appending(member.key)))?.value ?? member.value
                let item = property["items"] ?? property
                if isBinary(property) || isBinary(item) { names.insert(member.key) }
            }
        }
        return names
    }

    private static func isBinary(_ schema: JSONValue) -> Bool {
        schema["format"] == .string("binary") || schema["contentMediaType"] != nil || schema["contentEncoding"] == .string("binary")
            || schema["type"] == .string("file")
    }
}
