import SpecterJSON

/// Reads Swagger 2.0 into the model: `host`/`basePath`/`schemes` become servers, `body` and
/// `formData` parameters become request bodies (using `consumes`), response schemas become
/// media types (using `produces`), and simple parameters get a schema and a style from
/// `type`/`items`/`collectionFormat`.
struct Swagger2Normaliser {
    let context: NormaliserContext

    static let rootFields: Set<String> = [
        "swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions", "parameters", "responses",
        "securityDefinitions", "security", "tags", "externalDocs",
    ]
    static let operationFields: Set<String> = [
        "tags", "summary", "description", "externalDocs", "operationId", "consumes", "produces", "parameters", "responses", "schemes",
        "deprecated", "security",
    ]
    /// Parameter and header fields that carry over into a JSON schema unchanged.
    static let schemaFields: Set<String> = [
        "type", "format", "items", "enum", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf", "x-nullable", "description",
    ]

    func document(_ root: Node) throws(SpecError) -> APIDocument {
        context.checkFields(root, known: Self.rootFields, in: "the document")
        let globalConsumes = Self.strings(root.value["consumes"])
        let globalProduces = Self.strings(root.value["produces"])
        var operations: [APIOperation] = []
        if let paths = root["paths"] {
            for (path, rawItem) in paths.members where !path.hasPrefix("x-") {
                guard let item = try context.resolve(rawItem) else { continue }
                let pathParameters = try resolvedItems(item["parameters"])
                for key in item.keys where NormaliserContext.methods.contains(key) {
                    guard let rawOperation = item[key], let node = try context.resolve(rawOperation) else { continue }
                    guard node.isObject else {
                        context.warn("operation \(key.uppercased()) \(path) is not an object", at: node)
                        continue
                    }
                    operations.append(try operation(
                        node, method: key, path: path, pathParameters: pathParameters,
                        consumes: Self.strings(node.value["consumes"]) ?? globalConsumes ?? [],
                        produces: Self.strings(node.value["produces"]) ?? globalProduces ?? [], root: root))
                }
            }
        } else {
            context.warn("a Swagger 2.0 document needs a paths object", at: root)
        }
        context.checkUniqueOperationIDs(operations)
        return APIDocument(
            version: .swagger2, info: context.info(root["info"], root: root), servers: servers(root, schemes: Self.strings(root.value["schemes"])),
            tags: context.tags(root["tags"]), operations: operations, webhooks: [],
            securitySchemes: securitySchemes(root["securityDefinitions"]), security: context.securityRequirements(root["security"]) ?? [],
            externalDocs: context.externalDocs(root["externalDocs"]),
            extensions: root.extensions, warnings: context.warnings, documents: context.documents)
    }

    private func operation(_ node: Node, method: String, path: String, pathParameters: [Node], consumes: [String], produces: [String], root: Node) throws(SpecError) -> APIOperation {
        context.checkFields(node, known: Self.operationFields, in: "operation \(method.uppercased()) \(path)")
        let operationParameters = try resolvedItems(node["parameters"])
        var bodies: [Node] = []
        var formFields: [Node] = []
        var simple: [[APIParameter]] = [[], []]
        for (level, list) in [pathParameters, operationParameters].enumerated() {
            for parameter in list {
                switch parameter.string("in") {
                case "body": bodies.append(parameter)
                case "formData": formFields.append(parameter)
                default: if let converted = simpleParameter(parameter) { simple[level].append(converted) }
                }
            }
        }
        var parameters = context.merge(pathLevel: simple[0], operationLevel: simple[1])
        parameters = context.addingUndeclaredPathParameters(parameters, path: path, at: node)
        if node["responses"] == nil { context.warn("operation \(method.uppercased()) \(path) has no responses", at: node) }
        let operationSchemes = Self.strings(node.value["schemes"])
        return APIOperation(
            method: method.uppercased(), path: path, operationID: node.string("operationId"), summary: node.string("summary"),
            description: node.string("description"), tags: node.value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            deprecated: node.bool("deprecated") ?? false, parameters: parameters,
            requestBody: requestBody(body: bodies.last, formFields: formFields, consumes: consumes, operation: node),
            responses: try responses(node["responses"], produces: produces), security: context.securityRequirements(node["security"]),
            servers: operationSchemes.map { servers(root, schemes: $0) } ?? [], callbacks: [], isWebhook: false,
            externalDocs: context.externalDocs(node["externalDocs"]), extensions: node.extensions, address: node.address)
    }

    private func simpleParameter(_ node: Node) -> APIParameter? {
        guard let name = node.string("name"), let locationName = node.string("in"), let location = ParameterLocation(rawValue: locationName),
              location != .querystring else {
            context.warn("a parameter without a valid name and \"in\" is ignored", at: node)
            return nil
        }
        let (style, explode) = Self.style(collectionFormat: node.string("collectionFormat"), location: location)
        return APIParameter(
            name: name, location: location, description: node.string("description"), required: location == .path || node.bool("required") == true,
            deprecated: false, allowEmptyValue: node.bool("allowEmptyValue") ?? false, style: style, explode: explode, allowReserved: false,
            schema: SchemaRef(value: Self.schema(from: node.value), address: node.address, isSynthesized: true), content: [], example: node.value["x-example"],
            examples: [], extensions: node.extensions, address: node.address)
    }

    /// `collectionFormat` as an OpenAPI 3 style: csv → form/simple, ssv, tsv, pipes, multi → exploded form.
    static func style(collectionFormat: String?, location: ParameterLocation) -> (ParameterStyle, Bool) {
        switch collectionFormat {
        case "ssv": return (.spaceDelimited, false)
        case "tsv": return (.tabDelimited, false)
        case "pipes": return (.pipeDelimited, false)
        case "multi": return (.form, true)
        default: return (APIParameter.defaultStyle(for: location), false)
        }
    }

    /// The JSON schema a 2.0 non-body parameter, header or items object describes.
    static func schema(from value: JSONValue) -> JSONValue {
        var schema = JSONObject()
        for member in value.objectValue?.members ?? [] where schemaFields.contains(member.key) {
            schema[member.key] = member.key == "items" ? Self.schema(from: member.value) : member.value
        }
        if schema["type"] == .string("file") {
            schema["type"] = .string("string")
            schema["format"] = .string("binary")
        }
        return .object(schema)
    }

    private func requestBody(body: Node?, formFields: [Node], consumes: [String], operation: Node) -> APIRequestBody? {
        if let body {
            let types = consumes.isEmpty ? ["application/json"] : consumes
            return APIRequestBody(
                description: body.string("description"), required: body.bool("required") ?? false,
                content: types.map { APIMediaType(name: $0, schema: body["schema"]?.schemaRef, example: body.value["x-example"], examples: [], encoding: []) },
                address: body.address)
        }
        guard !formFields.isEmpty else { return nil }
        var properties = JSONObject()
        var required: [JSONValue] = []
        var encodings: [APIEncoding] = []
        var hasFile = false
        for field in formFields {
            guard let name = field.string("name") else { continue }
            properties[name] = Self.schema(from: field.value)
            if field.bool("required") == true { required.append(.string(name)) }
            if field.string("type") == "file" { hasFile = true }
            if field.string("type") == "array" {
                let (style, explode) = Self.style(collectionFormat: field.string("collectionFormat"), location: .query)
                encodings.append(APIEncoding(property: name, contentType: nil, headers: [], style: style, explode: explode, allowReserved: false))
            }
        }
        var schema: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        let formTypes = consumes.filter { $0.hasPrefix("multipart/form-data") || $0.hasPrefix("application/x-www-form-urlencoded") }
        let types = formTypes.isEmpty ? [hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded"] : formTypes
        let schemaRef = SchemaRef(value: .object(schema), address: operation.address.appending("parameters"), isSynthesized: true)
        return APIRequestBody(
            description: nil, required: !required.isEmpty,
            content: types.map { APIMediaType(name: $0, schema: schemaRef, example: nil, examples: [], encoding: encodings) },
            address: operation.address.appending("parameters"))
    }

    private func responses(_ node: Node?, produces: [String]) throws(SpecError) -> [APIResponse] {
        var result: [APIResponse] = []
        for (status, raw) in node.members where !status.hasPrefix("x-") {
            guard let response = try context.resolve(raw) else { continue }
            let examples = response.value["examples"]?.objectValue
            var content: [APIMediaType] = []
            if let schema = response["schema"] {
                let types = produces.isEmpty ? ["application/json"] : produces
                content = types.map { APIMediaType(name: $0, schema: schema.schemaRef, example: examples?[$0], examples: [], encoding: []) }
            }
            let headers = response["headers"]?.members.map { name, header in
                APIHeader(name: name, description: header.string("description"), required: false, deprecated: false,
                          schema: SchemaRef(value: Self.schema(from: header.value), address: header.address, isSynthesized: true))
            } ?? []
            result.append(APIResponse(status: status, description: response.string("description"), headers: headers, content: content, address: response.address))
        }
        return result
    }

    /// `schemes` × `host` + `basePath`; without a host, the document's own host (remote) or a relative base path.
    private func servers(_ root: Node, schemes: [String]?) -> [APIServer] {
        let basePath = root.string("basePath") ?? "/"
        let documentURL = context.documents.rootURL
        let host = root.string("host") ?? (documentURL.isFileURL ? nil : documentURL.host.map { host in host + (documentURL.port.map { ":\($0)" } ?? "") })
        guard let host else { return [APIServer(url: basePath)] }
        let isLocal = host.hasPrefix("localhost") || host.hasPrefix("127.") || host.hasPrefix("[::1]")
        let defaultScheme = documentURL.isFileURL ? (isLocal ? "http" : "https") : (documentURL.scheme ?? "https")
        let chosen = (schemes ?? []).filter { $0 == "http" || $0 == "https" }
        return (chosen.isEmpty ? [defaultScheme] : chosen).map { APIServer(url: "\($0)://\(host)\(basePath == "/" ? "" : basePath)") }
    }

    private func securitySchemes(_ node: Node?) -> [SecurityScheme] {
        node.members.compactMap { name, scheme in
            let kind: SecurityScheme.Kind
            switch scheme.string("type") {
            case "basic":
                kind = .http(scheme: "basic", bearerFormat: nil)
            case "apiKey":
                kind = .apiKey(name: scheme.string("name") ?? name, location: scheme.string("in") == "query" ? .query : .header)
            case "oauth2":
                let grant: OAuthFlow.Grant
                switch scheme.string("flow") {
                case "implicit": grant = .implicit
                case "password": grant = .password
                case "application": grant = .clientCredentials
                default: grant = .authorizationCode
                }
                kind = .oauth2([OAuthFlow(
                    grant: grant, authorizationURL: scheme.string("authorizationUrl"), tokenURL: scheme.string("tokenUrl"), refreshURL: nil,
                    scopes: OpenAPI3Normaliser.scopes(scheme.value["scopes"]))])
            default:
                context.warn("security definition \"\(name)\" has an unknown type and is ignored", at: scheme)
                return nil
            }
            return SecurityScheme(name: name, kind: kind, description: scheme.string("description"))
        }
    }

    private func resolvedItems(_ list: Node?) throws(SpecError) -> [Node] {
        var result: [Node] = []
        for raw in list.items {
            if let item = try context.resolve(raw) { result.append(item) }
        }
        return result
    }

    static func strings(_ value: JSONValue?) -> [String]? {
        value?.arrayValue?.compactMap(\.stringValue)
    }
}
