import Foundation
import SpecterJSON

/// What both normalisers share while they walk a description: the documents, the
/// warnings collected so far, and the handling of the parts that are the same in every version.
final class NormaliserContext {
    let documents: DocumentSet
    let version: SpecVersion
    private(set) var warnings: [SpecDiagnostic] = []

    static let methods: Set<String> = Set(HTTPMethod.fieldNames)

    init(documents: DocumentSet, version: SpecVersion) {
        self.documents = documents
        self.version = version
    }

    func warn(_ message: String, at node: Node) {
        warnings.append(SpecDiagnostic(message: message, address: node.address))
    }

    func error(_ message: String, at node: Node) -> SpecError {
        SpecError(message, at: documents.location(of: node.address))
    }

    /// The node a `$ref` chain ends at (the node itself when it is not a reference), or `nil` when the
    /// reference names nothing: that is recorded as an error and the part that used it is left out.
    /// A refused reference (outside the allowed folder or origin) stops loading.
    func resolve(_ node: Node) throws(SpecError) -> Node? {
        guard node.value["$ref"]?.stringValue != nil else { return node }
        do {
            let resolved = try documents.dereference(node.value, at: node.address)
            return Node(value: resolved.value, address: resolved.address)
        } catch where error.kind == .unresolvedReference {
            warnings.append(SpecDiagnostic(severity: .error, message: error.message, address: node.address.appending("$ref")))
            return nil
        }
    }

    /// Warns about members a version does not define (vendor `x-` members are always fine).
    func checkFields(_ node: Node, known: Set<String>, in what: String) {
        for key in node.keys where !known.contains(key) && !key.hasPrefix("x-") {
            warn("unknown field \"\(key)\" in \(what) is ignored", at: node[key] ?? node)
        }
    }

    func info(_ node: Node?, root: Node) -> APIInfo {
        guard let node, node.isObject else {
            warn("the document has no info object", at: root)
            return APIInfo(title: "Untitled API", version: "", extensions: JSONObject())
        }
        var version = node.string("version")
        if version == nil, let raw = node.value["version"], raw.isNumber {
            version = raw.description
            warn("info.version should be a string, not the number \(raw)", at: node["version"] ?? node)
        } else if version == nil {
            warn("info.version is missing", at: node)
        }
        let title = node.string("title")
        if title == nil { warn("info.title is missing", at: node) }
        return APIInfo(
            title: title ?? "Untitled API", version: version ?? "", summary: node.string("summary"),
            description: node.string("description"), termsOfService: node.string("termsOfService"),
            contact: node.value["contact"]?.objectValue, license: node.value["license"]?.objectValue, extensions: node.extensions)
    }

    func tags(_ node: Node?) -> [APITag] {
        node.items.compactMap { item in
            guard let name = item.string("name") else {
                warn("a tag has no name", at: item)
                return nil
            }
            return APITag(
                name: name, summary: item.string("summary"), description: item.string("description"), externalDocs: externalDocs(item["externalDocs"]),
                parent: item.string("parent"), kind: item.string("kind"))
        }
    }

    func externalDocs(_ node: Node?) -> ExternalDocs? {
        guard let node, let url = node.string("url") else { return nil }
        return ExternalDocs(url: url, description: node.string("description"))
    }

    func securityRequirements(_ node: Node?) -> [SecurityRequirement]? {
        guard let node else { return nil }
        guard case .array = node.value else {
            warn("security must be a list of requirements", at: node)
            return nil
        }
        return node.items.map { requirement in
            SecurityRequirement(entries: requirement.members.map { key, scopes in
                SecurityRequirement.Entry(scheme: key, scopes: scopes.value.arrayValue?.compactMap(\.stringValue) ?? [])
            })
        }
    }

    /// Path-level parameters followed by operation-level ones; the operation wins for the same name and location.
    func merge(pathLevel: [APIParameter], operationLevel: [APIParameter]) -> [APIParameter] {
        var merged = pathLevel
        for parameter in operationLevel {
            if let index = merged.firstIndex(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                merged[index] = parameter
            } else {
                merged.append(parameter)
            }
        }
        return merged
    }

    /// Adds a string parameter for each `{name}` in the path that no parameter declares, with a warning:
    /// a request to that path cannot be built without it.
    func addingUndeclaredPathParameters(_ parameters: [APIParameter], path: String, at node: Node) -> [APIParameter] {
        var result = parameters
        for name in Self.templateVariables(in: path) where !result.contains(where: { $0.location == .path && $0.name == name }) {
            warn("path parameter \"\(name)\" is used in \(path) but not declared; treating it as a required string", at: node)
            result.append(APIParameter(
                name: name, location: .path, description: nil, required: true, deprecated: false, allowEmptyValue: false,
                style: .simple, explode: false, allowReserved: false,
                schema: SchemaRef(value: ["type": "string"], address: node.address, isSynthesized: true), content: [], example: nil, examples: [],
                extensions: JSONObject(), address: node.address))
        }
        return result
    }

    static func templateVariables(in path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }

    /// A server URL as usable from here: relative URLs of a remote document resolve against the document's URL.
    func absoluteServerURL(_ url: String) -> String {
        let root = documents.rootURL
        guard !root.isFileURL, !url.contains("://"), let origin = root.scheme.map({ "\($0)://" + (root.host ?? "") + (root.port.map { ":\($0)" } ?? "") }) else {
            return url
        }
        if url.hasPrefix("//") { return (root.scheme ?? "https") + ":" + url }
        if url.hasPrefix("/") { return origin + url }
        let folder = root.deletingLastPathComponent().path
        return origin + (folder.hasSuffix("/") ? folder : folder + "/") + url
    }

    /// Warns once for each operationId used by more than one operation.
    func checkUniqueOperationIDs(_ operations: [APIOperation]) {
        var seen: Set<String> = []
        for operation in operations {
            guard let identifier = operation.operationID else { continue }
            if !seen.insert(identifier).inserted {
                warnings.append(SpecDiagnostic(message: "operationId \"\(identifier)\" is used more than once", address: operation.address))
            }
        }
    }
}

/// Turns loaded documents into an `APIDocument`, choosing the normaliser by declared version.
enum Normaliser {
    static func normalise(_ documents: DocumentSet) throws(SpecError) -> APIDocument {
        guard let root = documents.root else { throw SpecError("the root document was not loaded") }
        let node = Node(value: root.value, address: NodeAddress(document: root.url, pointer: .root))
        let rootLocation = SourceLocation(source: documents.rootDisplayName, position: TextPosition(line: 1, column: 1))
        guard node.isObject else {
            throw SpecError("not an OpenAPI description: the document is \(root.value.typeName == "null" ? "empty" : "a \(root.value.typeName)"), not an object", at: rootLocation)
        }
        let version = try detectVersion(node, documents: documents, rootLocation: rootLocation)
        let context = NormaliserContext(documents: documents, version: version)
        if case .swagger2 = version {
            return try Swagger2Normaliser(context: context).document(node)
        }
        return try OpenAPI3Normaliser(context: context).document(node)
    }

    private static func detectVersion(_ root: Node, documents: DocumentSet, rootLocation: SourceLocation) throws(SpecError) -> SpecVersion {
        if let swagger = root.value["swagger"] {
            let text = swagger.stringValue ?? swagger.description
            guard text == "2.0" || text == "2" else {
                throw SpecError("unsupported Swagger version \(text): Specter reads Swagger 2.0 and OpenAPI 3.x", at: documents.location(of: root.address.appending("swagger")))
            }
            return .swagger2
        }
        if let openapi = root.value["openapi"] {
            let text = openapi.stringValue ?? openapi.description
            if text.hasPrefix("3.0") || text == "3" { return .openAPI30(text) }
            if text.hasPrefix("3.") { return .openAPI31(text) }
            throw SpecError("unsupported OpenAPI version \(text): Specter reads Swagger 2.0 and OpenAPI 3.x", at: documents.location(of: root.address.appending("openapi")))
        }
        for other in ["asyncapi", "arazzo", "overlay"] where root.value[other] != nil {
            throw SpecError("this is \(other == "arazzo" ? "an Arazzo" : other == "overlay" ? "an Overlay" : "an AsyncAPI") document, not an OpenAPI description", at: rootLocation)
        }
        throw SpecError("not an OpenAPI description: it has no \"openapi\" or \"swagger\" field", at: rootLocation)
    }
}
