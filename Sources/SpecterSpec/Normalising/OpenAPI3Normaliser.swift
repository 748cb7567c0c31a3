import SpecterJSON

/// Reads OpenAPI 3.0, 3.1 and 3.2 into the model: its structure is the model's own. The fields 3.2
/// adds are read whatever the declared version (a 3.1 document that uses one is still understood).
struct OpenAPI3Normaliser {
    let context: NormaliserContext

    static let rootFields: Set<String> = [
        "openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags", "externalDocs", "$self",
    ]
    static let operationFields: Set<String> = [
        "tags", "summary", "description", "externalDocs", "operationId", "parameters", "requestBody", "responses", "callbacks",
        "deprecated", "security", "servers",
    ]

    func document(_ root: Node) throws(SpecError) -> APIDocument {
        context.checkFields(root, known: Self.rootFields, in: "the document")
        let components = root["components"]
        var documentServers = servers(root["servers"])
        if documentServers.isEmpty { documentServers = [APIServer(url: context.absoluteServerURL("/"))] }
        if root["paths"] == nil, case .openAPI30 = context.version {
            context.warn("an OpenAPI 3.0 document needs a paths object", at: root)
        } else if root["paths"] == nil, root["webhooks"] == nil, root["components"] == nil {
            context.warn("an OpenAPI \(context.version) document needs paths, webhooks or components", at: root)
        }
        let operations = try pathOperations(root["paths"], isWebhook: false)
        let webhooks = try pathOperations(root["webhooks"], isWebhook: true)
        context.checkUniqueOperationIDs(operations + webhooks)
        return APIDocument(
            version: context.version, info: context.info(root["info"], root: root), servers: documentServers,
            tags: context.tags(root["tags"]), operations: operations, webhooks: webhooks,
            securitySchemes: try securitySchemes(components?["securitySchemes"]),
            security: context.securityRequirements(root["security"]) ?? [],
            externalDocs: context.externalDocs(root["externalDocs"]),
            extensions: root.extensions, warnings: context.warnings, documents: context.documents)
    }

    /// Every operation of a `paths` (or `webhooks`) object, in document order.
    private func pathOperations(_ paths: Node?, isWebhook: Bool, depth: Int = 0) throws(SpecError) -> [APIOperation] {
        guard let paths else { return [] }
        guard paths.isObject else {
            context.warn("\(isWebhook ? "webhooks" : "paths") must be an object", at: paths)
            return []
        }
        var operations: [APIOperation] = []
        for (path, rawItem) in paths.members where !path.hasPrefix("x-") {
            guard let item = try context.resolve(rawItem) else { continue }
            try appendOperations(of: item, path: path, isWebhook: isWebhook, depth: depth, to: &operations)
        }
        return operations
    }

    private func appendOperations(of item: Node, path: String, isWebhook: Bool, depth: Int, to operations: inout [APIOperation]) throws(SpecError) {
        let pathLevel = PathLevel(parameters: try parameters(item["parameters"]), servers: servers(item["servers"]), item: item)
        for key in item.keys where NormaliserContext.methods.contains(key) {
            guard let raw = item[key], let node = try context.resolve(raw) else { continue }
            if let operation = try operation(node, method: key.uppercased(), path: path, pathLevel: pathLevel, isWebhook: isWebhook, depth: depth) {
                operations.append(operation)
            }
        }
        for (method, raw) in item["additionalOperations"].members where isAdditionalMethod(method, at: raw) {
            guard let node = try context.resolve(raw) else { continue }
            if let operation = try operation(node, method: method, path: path, pathLevel: pathLevel, isWebhook: isWebhook, depth: depth) {
                operations.append(operation)
            }
        }
    }

    /// What a Path Item gives all its operations.
    private struct PathLevel {
        var parameters: [APIParameter]
        var servers: [APIServer]
        var item: Node
    }

    /// Whether an `additionalOperations` key (3.2) names a method that can be sent and that has no field of its own.
    private func isAdditionalMethod(_ method: String, at node: Node) -> Bool {
        guard HTTPMethod.isToken(method) else {
            context.warn("additionalOperations \"\(method)\" is not an HTTP method name (letters, digits and !#$%&'*+-.^_`|~ only) and is ignored", at: node)
            return false
        }
        guard !HTTPMethod.hasField(method) else {
            context.warn("additionalOperations must not hold \(method): the path item's \(method.lowercased()) field is for it; ignored", at: node)
            return false
        }
        return true
    }

    private func operation(_ node: Node, method: String, path: String, pathLevel: PathLevel, isWebhook: Bool, depth: Int) throws(SpecError) -> APIOperation? {
        guard node.isObject else {
            context.warn("operation \(method) \(path) is not an object", at: node)
            return nil
        }
        context.checkFields(node, known: Self.operationFields, in: "operation \(method) \(path)")
        var merged = context.merge(pathLevel: pathLevel.parameters, operationLevel: try parameters(node["parameters"]))
        if !isWebhook, depth == 0 { merged = context.addingUndeclaredPathParameters(merged, path: path, at: node) }
        checkQueryString(merged, operation: "\(method) \(path)", at: node)
        if node["responses"] == nil { context.warn("operation \(method) \(path) has no responses", at: node) }
        let operationServers = servers(node["servers"])
        let item = pathLevel.item
        return APIOperation(
            method: method, path: path, operationID: node.string("operationId"), summary: node.string("summary") ?? item.string("summary"),
            description: node.string("description") ?? item.string("description"),
            tags: node.value["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], deprecated: node.bool("deprecated") ?? false,
            parameters: merged, requestBody: try requestBody(node["requestBody"]), responses: try responses(node["responses"]),
            security: context.securityRequirements(node["security"]),
            servers: operationServers.isEmpty ? pathLevel.servers : operationServers,
            callbacks: try callbacks(node["callbacks"], depth: depth), isWebhook: isWebhook,
            externalDocs: context.externalDocs(node["externalDocs"]), extensions: node.extensions, address: node.address)
    }

    /// A `querystring` parameter is the whole query string: there can be one, and no `query` parameter beside it.
    private func checkQueryString(_ parameters: [APIParameter], operation: String, at node: Node) {
        let whole = parameters.filter { $0.location == .querystring }
        guard !whole.isEmpty else { return }
        if whole.count > 1 {
            context.warn("operation \(operation) has \(whole.count) querystring parameters; only one can describe the query string", at: node)
        }
        if let query = parameters.first(where: { $0.location == .query }) {
            context.warn("operation \(operation) has query parameter \"\(query.name)\" beside querystring parameter \"\(whole[0].name)\", which is the whole query string", at: node)
        }
    }

    private func parameters(_ list: Node?) throws(SpecError) -> [APIParameter] {
        guard let list else { return [] }
        var result: [APIParameter] = []
        for raw in list.items {
            if let parameter = try parameter(raw) { result.append(parameter) }
        }
        return result
    }

    private func parameter(_ raw: Node) throws(SpecError) -> APIParameter? {
        guard let node = try context.resolve(raw) else { return nil }
        guard let name = node.string("name") else {
            context.warn("a parameter has no name and is ignored", at: node)
            return nil
        }
        guard let locationName = node.string("in"), let location = ParameterLocation(rawValue: locationName) else {
            context.warn("parameter \"\(name)\" has no valid \"in\" (path, query, querystring, header or cookie) and is ignored", at: node)
            return nil
        }
        if location == .querystring, node["content"] == nil {
            context.warn("querystring parameter \"\(name)\" needs content (the media type of the whole query string); it is sent as a form", at: node)
        }
        let style = node.string("style").flatMap(ParameterStyle.init(rawValue:)) ?? APIParameter.defaultStyle(for: location)
        if location == .path, node.bool("required") != true {
            context.warn("path parameter \"\(name)\" must be required", at: node)
        }
        return APIParameter(
            name: name, location: location, description: node.string("description"),
            required: location == .path || node.bool("required") == true, deprecated: node.bool("deprecated") ?? false,
            allowEmptyValue: node.bool("allowEmptyValue") ?? false, style: style, explode: node.bool("explode") ?? (style == .form),
            allowReserved: node.bool("allowReserved") ?? false, schema: node["schema"]?.schemaRef,
            content: try mediaTypes(node["content"]), example: node.value["example"], examples: try examples(node["examples"]),
            extensions: node.extensions, address: node.address)
    }

    private func requestBody(_ raw: Node?) throws(SpecError) -> APIRequestBody? {
        guard let raw, let node = try context.resolve(raw) else { return nil }
        return APIRequestBody(
            description: node.string("description"), required: node.bool("required") ?? false,
            content: try mediaTypes(node["content"]), address: node.address)
    }

    private func responses(_ node: Node?) throws(SpecError) -> [APIResponse] {
        guard let node else { return [] }
        var result: [APIResponse] = []
        for (status, raw) in node.members where !status.hasPrefix("x-") {
            guard let response = try context.resolve(raw) else { continue }
            result.append(APIResponse(
                status: status, description: response.string("description"), headers: try headers(response["headers"]),
                content: try mediaTypes(response["content"]), address: response.address))
        }
        return result
    }

    private func headers(_ node: Node?) throws(SpecError) -> [APIHeader] {
        var result: [APIHeader] = []
        for (name, raw) in node.members {
            guard let header = try context.resolve(raw) else { continue }
            let contentSchema = try mediaTypes(header["content"]).first?.schema
            result.append(APIHeader(
                name: name, description: header.string("description"), required: header.bool("required") ?? false,
                deprecated: header.bool("deprecated") ?? false, schema: header["schema"]?.schemaRef ?? contentSchema))
        }
        return result
    }

    private func mediaTypes(_ content: Node?) throws(SpecError) -> [APIMediaType] {
        var result: [APIMediaType] = []
        for (name, raw) in content.members {
            guard let node = try context.resolve(raw) else { continue }
            var encodings: [APIEncoding] = []
            for (property, encoding) in node["encoding"].members {
                encodings.append(APIEncoding(
                    property: property, contentType: encoding.string("contentType"), headers: try headers(encoding["headers"]),
                    style: encoding.string("style").flatMap(ParameterStyle.init(rawValue:)), explode: encoding.bool("explode"),
                    allowReserved: encoding.bool("allowReserved") ?? false))
            }
            result.append(APIMediaType(
                name: name, schema: node["schema"]?.schemaRef, itemSchema: node["itemSchema"]?.schemaRef, example: node.value["example"],
                examples: try examples(node["examples"]), encoding: encodings))
        }
        return result
    }

    private func examples(_ node: Node?) throws(SpecError) -> [APIExample] {
        var result: [APIExample] = []
        for (name, raw) in node.members {
            guard let example = try context.resolve(raw) else { continue }
            result.append(APIExample(
                name: name, summary: example.string("summary"), description: example.string("description"), value: example.value["value"],
                dataValue: example.value["dataValue"], serializedValue: example.string("serializedValue"), externalValue: example.string("externalValue")))
        }
        return result
    }

    private func callbacks(_ node: Node?, depth: Int) throws(SpecError) -> [APICallback] {
        guard let node, depth < 4 else { return [] }
        var result: [APICallback] = []
        for (name, raw) in node.members where !name.hasPrefix("x-") {
            guard let callback = try context.resolve(raw) else { continue }
            for (expression, rawItem) in callback.members where !expression.hasPrefix("x-") {
                guard let item = try context.resolve(rawItem) else { continue }
                var operations: [APIOperation] = []
                try appendOperations(of: item, path: expression, isWebhook: false, depth: depth + 1, to: &operations)
                result.append(APICallback(name: name, expression: expression, operations: operations))
            }
        }
        return result
    }

    private func servers(_ node: Node?) -> [APIServer] {
        node.items.compactMap { server in
            guard let url = server.string("url") else {
                context.warn("a server has no url", at: server)
                return nil
            }
            let variables = server["variables"]?.members.map { name, variable in
                ServerVariable(
                    name: name, defaultValue: variable.string("default") ?? variable.value["default"]?.description ?? "",
                    enumValues: variable.value["enum"]?.arrayValue?.map { $0.stringValue ?? $0.description } ?? [],
                    description: variable.string("description"))
            } ?? []
            return APIServer(url: context.absoluteServerURL(url), description: server.string("description"), name: server.string("name"), variables: variables)
        }
    }

    private func securitySchemes(_ node: Node?) throws(SpecError) -> [SecurityScheme] {
        var result: [SecurityScheme] = []
        for (name, raw) in node.members {
            guard let scheme = try context.resolve(raw) else { continue }
            let kind: SecurityScheme.Kind
            switch scheme.string("type")?.lowercased() {
            case "apikey":
                kind = .apiKey(
                    name: scheme.string("name") ?? name,
                    location: scheme.string("in").flatMap(SecurityScheme.APIKeyLocation.init(rawValue:)) ?? .header)
            case "http":
                kind = .http(scheme: scheme.string("scheme")?.lowercased() ?? "bearer", bearerFormat: scheme.string("bearerFormat"))
            case "oauth2":
                kind = .oauth2(oauthFlows(scheme["flows"]))
            case "openidconnect":
                kind = .openIDConnect(url: scheme.string("openIdConnectUrl") ?? "")
            case "mutualtls":
                kind = .mutualTLS
            default:
                context.warn("security scheme \"\(name)\" has an unknown type and is ignored", at: scheme)
                continue
            }
            result.append(SecurityScheme(
                name: name, kind: kind, description: scheme.string("description"), deprecated: scheme.bool("deprecated") ?? false,
                oauth2MetadataURL: scheme.string("oauth2MetadataUrl")))
        }
        return result
    }

    private func oauthFlows(_ node: Node?) -> [OAuthFlow] {
        let grants: [(String, OAuthFlow.Grant)] = [
            ("implicit", .implicit), ("password", .password), ("clientCredentials", .clientCredentials), ("authorizationCode", .authorizationCode),
            ("deviceAuthorization", .deviceAuthorization),
        ]
        return grants.compactMap { key, grant in
            guard let flow = node?[key] else { return nil }
            return OAuthFlow(
                grant: grant, authorizationURL: flow.string("authorizationUrl"), deviceAuthorizationURL: flow.string("deviceAuthorizationUrl"),
                tokenURL: flow.string("tokenUrl"), refreshURL: flow.string("refreshUrl"), scopes: Self.scopes(flow.value["scopes"]))
        }
    }

    static func scopes(_ value: JSONValue?) -> [String: String] {
        var scopes: [String: String] = [:]
        for member in value?.objectValue?.members ?? [] { scopes[member.key] = member.value.stringValue ?? "" }
        return scopes
    }
}
