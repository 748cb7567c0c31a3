import Foundation
import SpecterJSON

/// The OpenAPI version a document declares; the model itself has 3.2 semantics for all of them
/// (3.1 and 3.2 share a case: they differ only in fields the model simply leaves empty for 3.1).
public enum SpecVersion: Sendable, Equatable, CustomStringConvertible {
    case swagger2
    case openAPI30(String)
    case openAPI31(String)

    public var description: String {
        switch self {
        case .swagger2: return "Swagger 2.0"
        case .openAPI30(let version), .openAPI31(let version): return "OpenAPI \(version)"
        }
    }

    /// The JSON Schema dialect the document's schemas are written in.
    public var usesJSONSchema2020: Bool {
        if case .openAPI31 = self { return true }
        return false
    }
}

/// One API description, normalised from Swagger 2.0, OpenAPI 3.0, 3.1 or 3.2.
///
/// Everything a user browses is here in document order. Schemas stay as JSON with their
/// `$ref`s (see `SchemaRef`): they are resolved lazily through `documents`, so recursive
/// schemas stay finite and large documents load fast.
public struct APIDocument: Sendable {
    public var version: SpecVersion
    public var info: APIInfo
    public var servers: [APIServer]
    public var tags: [APITag]
    public var operations: [APIOperation]
    public var webhooks: [APIOperation]
    public var securitySchemes: [SecurityScheme]
    /// Requirements that apply to every operation that does not declare its own.
    public var security: [SecurityRequirement]
    public var externalDocs: ExternalDocs?
    public var extensions: JSONObject
    /// Problems that did not stop loading (missing `responses`, unknown fields …).
    public var warnings: [SpecDiagnostic]
    /// Every document the description spans, for resolving references and naming places.
    public var documents: DocumentSet

    /// The operation with this operationId, or matching `METHOD /path` (see `HTTPMethod.matches` for the method).
    public func operation(named identifier: String) -> APIOperation? {
        let all = operations + webhooks
        if let byID = all.first(where: { $0.operationID == identifier }) { return byID }
        let parts = identifier.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return all.first { HTTPMethod.matches(String(parts[0]), $0.method) && $0.path == parts[1] }
    }

    /// Named schemas (`components/schemas`, or `definitions` in 2.0) in document order.
    /// Read from the root when asked: most uses of a document never need the whole list.
    public var schemas: [NamedSchema] {
        guard let root = documents.root else { return [] }
        let pointer: JSONPointer = version == .swagger2 ? JSONPointer(tokens: ["definitions"]) : JSONPointer(tokens: ["components", "schemas"])
        let base = NodeAddress(document: root.url, pointer: pointer)
        return (pointer.resolve(in: root.value)?.objectValue?.members ?? []).map {
            NamedSchema(name: $0.key, schema: SchemaRef(value: $0.value, address: base.appending($0.key)))
        }
    }

    /// The named schema, or the schema at a JSON pointer (`#/components/schemas/Pet`) in the root document.
    public func schema(at reference: String) -> SchemaRef? {
        if let named = schemas.first(where: { $0.name == reference }) { return named.schema }
        guard let pointer = JSONPointer(fragment: reference.hasPrefix("#") ? reference : "#" + reference),
              let root = documents.root?.value, let value = pointer.resolve(in: root) else { return nil }
        return SchemaRef(value: value, address: NodeAddress(document: documents.rootURL, pointer: pointer))
    }
}

public struct APIInfo: Sendable {
    public var title: String
    public var version: String
    public var summary: String?
    public var description: String?
    public var termsOfService: String?
    public var contact: JSONObject?
    public var license: JSONObject?
    public var extensions: JSONObject
}

public struct APITag: Sendable, Equatable {
    public var name: String
    /// A short title for lists (3.2), where `description` may be long.
    public var summary: String?
    public var description: String?
    public var externalDocs: ExternalDocs?
    /// The name of the tag this one nests under (3.2), so tags can be shown as a tree.
    public var parent: String?
    /// What the tag is for (3.2): `nav`, `badge`, `audience`, or another value as written.
    public var kind: String?

    public init(name: String, summary: String? = nil, description: String? = nil, externalDocs: ExternalDocs? = nil, parent: String? = nil,
                kind: String? = nil) {
        self.name = name
        self.summary = summary
        self.description = description
        self.externalDocs = externalDocs
        self.parent = parent
        self.kind = kind
    }
}

public struct ExternalDocs: Sendable, Equatable {
    public var url: String
    public var description: String?
}

public struct NamedSchema: Sendable {
    public var name: String
    public var schema: SchemaRef
}

/// A schema as written (with its `$ref`s) and where it lives, so its references resolve.
public struct SchemaRef: Sendable {
    public var value: JSONValue
    public var address: NodeAddress
    /// Made by Specter rather than written at `address` (a Swagger 2.0 parameter's schema, a form body):
    /// `address` then says where it came from, not where it is.
    public var isSynthesized: Bool

    public init(value: JSONValue, address: NodeAddress, isSynthesized: Bool = false) {
        self.value = value
        self.address = address
        self.isSynthesized = isSynthesized
    }
}

/// The absolute place of a value: which document, and where in it.
public struct NodeAddress: Sendable, Hashable, CustomStringConvertible {
    public var document: URL
    public var pointer: JSONPointer

    public init(document: URL, pointer: JSONPointer) {
        self.document = document
        self.pointer = pointer
    }

    public func appending(_ token: String) -> NodeAddress {
        NodeAddress(document: document, pointer: pointer.appending(token))
    }

    public func appending(_ index: Int) -> NodeAddress { appending(String(index)) }

    public var description: String { document.absoluteString + pointer.fragment }
}
