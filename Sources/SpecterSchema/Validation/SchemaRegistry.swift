import Foundation
import SpecterJSON

/// Every schema document Specter validates against, the identifiers in them (`$id`, `$anchor`,
/// `$dynamicAnchor`, draft-4 `id`), and their compiled forms.
///
/// Documents come from a provider (an OpenAPI description's files, or the test suite's remotes);
/// the official metaschemas are built in. Everything is indexed and compiled on first use and
/// cached, behind one lock, so one registry can serve many validations.
public final class SchemaRegistry: @unchecked Sendable {
    /// Loads a document by absolute URI (without fragment); `nil` when there is none.
    public typealias DocumentProvider = @Sendable (String) -> JSONValue?

    private struct Resource {
        var baseURI: String
        var dialect: SchemaDialect
        var vocabularies: Vocabularies
    }

    private final class Document {
        let uri: String
        /// The base URI its references resolve against (its own URI, except for synthetic schemas).
        let baseURI: String
        let root: JSONValue
        let dialect: SchemaDialect
        /// OpenAPI documents hold schemas anywhere below a non-schema root.
        let schemasAnywhere: Bool
        var resources: [JSONPointer: Resource] = [:]
        var indexed = false

        init(uri: String, baseURI: String? = nil, root: JSONValue, dialect: SchemaDialect, schemasAnywhere: Bool) {
            self.uri = uri
            self.baseURI = baseURI ?? uri
            self.root = root
            self.dialect = dialect
            self.schemasAnywhere = schemasAnywhere
        }
    }

    private let lock = NSRecursiveLock()
    private let provider: DocumentProvider
    private let defaultDialect: SchemaDialect
    private var documents: [String: Document] = [:]
    private var missingDocuments: Set<String> = []
    private var identifiers: [String: SchemaPlace] = [:]
    private var dynamicAnchors: [String: [String: SchemaPlace]] = [:]
    private var compiled: [SchemaPlace: CompiledSchema] = [:]
    private var regexes: [String: SchemaRegex?] = [:]
    /// Every compiled schema's yes/no nodes, shared by all checks on any thread.
    let checkProgram = CheckProgram()

    /// Says why a reference written at a place cannot be followed, in the words of the documents it
    /// came from (a refused file, located where the `$ref` is written); `nil` leaves the registry's own reason.
    var explainUnresolved: (@Sendable (_ reference: String, _ writtenAt: SchemaPlace) -> String?)?

    public init(defaultDialect: SchemaDialect, provider: @escaping DocumentProvider = { _ in nil }) {
        self.defaultDialect = defaultDialect
        self.provider = provider
    }

    /// Adds a document under a URI. OpenAPI descriptions set `schemasAnywhere`, since their root is not a schema;
    /// `baseURI` makes a schema that lives elsewhere resolve its references as if it were in that document.
    public func addDocument(_ root: JSONValue, uri: String, baseURI: String? = nil, dialect: SchemaDialect? = nil, schemasAnywhere: Bool = false) {
        withLock {
            let key = URIReference(uri).withoutFragment
            documents[key] = Document(uri: key, baseURI: baseURI, root: root, dialect: dialect ?? defaultDialect, schemasAnywhere: schemasAnywhere)
        }
    }

    func withLock<Result>(_ body: () -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The compiled schema at a pointer of a document added before.
    func compile(document uri: String, pointer: JSONPointer) -> CompiledSchema? {
        withLock {
            // Every response check asks again: a schema compiled before is found without parsing the URI.
            if let known = compiled[SchemaPlace(document: uri, pointer: pointer)] { return known }
            let key = URIReference(uri).withoutFragment
            guard let document = loadedDocument(key), pointer.resolve(in: document.root) != nil else { return nil }
            return compileUnlocked(SchemaPlace(document: key, pointer: pointer))
        }
    }

    // MARK: - Documents and identifiers

    private func loadedDocument(_ uri: String) -> Document? {
        if let document = documents[uri] { return document }
        guard !missingDocuments.contains(uri) else { return nil }
        let root = provider(uri) ?? Metaschemas.documents[uri].flatMap { try? JSONParser.parse($0) }
        guard let root else {
            missingDocuments.insert(uri)
            return nil
        }
        let document = Document(uri: uri, root: root, dialect: defaultDialect.isModern ? .draft2020_12 : defaultDialect, schemasAnywhere: false)
        documents[uri] = document
        return document
    }

    private func ensureIndexed(_ document: Document) {
        guard !document.indexed else { return }
        document.indexed = true
        let rootResource = Resource(baseURI: document.baseURI, dialect: document.dialect, vocabularies: .standard)
        document.resources[.root] = rootResource
        var path = IndexPath()
        index(document.root, path: &path, in: document, resource: rootResource, isSchema: !document.schemasAnywhere)
    }

    /// Where the index walk is: the tokens from the root, made into a pointer only where something
    /// is recorded (a 10 MB description has a million nodes and a handful of identifiers).
    private struct IndexPath {
        enum Token {
            case key(String)
            case position(Int)
        }

        var tokens: [Token] = []

        var pointer: JSONPointer {
            tokens.reduce(JSONPointer.root) { pointer, token in
                switch token {
                case .key(let key): return pointer.appending(key)
                case .position(let position): return pointer.appending(position)
                }
            }
        }
    }

    /// Records the identifiers and resource boundaries below `value`, following only schema positions
    /// (an `$id` inside `enum` or `const` is data, not an identifier).
    private func index(_ value: JSONValue, path: inout IndexPath, in document: Document, resource: Resource, isSchema: Bool) {
        guard case .object(let object) = value else {
            if document.schemasAnywhere, case .array(let items) = value {
                for (position, item) in items.enumerated() where item.isContainer {
                    path.tokens.append(.position(position))
                    index(item, path: &path, in: document, resource: resource, isSchema: false)
                    path.tokens.removeLast()
                }
            }
            return
        }
        var resource = resource
        if isSchema || document.schemasAnywhere {
            recordIdentifiers(object, path: path, in: document, resource: &resource)
        }
        for member in object.members where member.value.isContainer {
            path.tokens.append(.key(member.key))
            defer { path.tokens.removeLast() }
            let role = KeywordRole(member.key)
            if document.schemasAnywhere && !isSchema {
                guard role != .data else { continue }
                index(member.value, path: &path, in: document, resource: resource, isSchema: false)
                continue
            }
            switch role {
            case .schema:
                index(member.value, path: &path, in: document, resource: resource, isSchema: true)
            case .schemaList:
                if case .array(let items) = member.value {
                    for (position, item) in items.enumerated() {
                        path.tokens.append(.position(position))
                        index(item, path: &path, in: document, resource: resource, isSchema: true)
                        path.tokens.removeLast()
                    }
                } else if member.key == "items" {
                    index(member.value, path: &path, in: document, resource: resource, isSchema: true)
                }
            case .schemaMap:
                for entry in member.value.objectValue?.members ?? [] where entry.value.objectValue != nil {
                    path.tokens.append(.key(entry.key))
                    index(entry.value, path: &path, in: document, resource: resource, isSchema: true)
                    path.tokens.removeLast()
                }
            case .other where document.schemasAnywhere:
                index(member.value, path: &path, in: document, resource: resource, isSchema: false)
            case .data, .other:
                continue
            }
        }
    }

    /// A schema object's `$schema`, `$id` (draft 4 `id`), `$anchor` and `$dynamicAnchor`.
    private func recordIdentifiers(_ object: JSONObject, path: IndexPath, in document: Document, resource: inout Resource) {
        let declared = object["$schema"]?.stringValue
        let keyword = resource.dialect.identifierKeyword
        let identifier = keyword.flatMap { object[$0]?.stringValue }
        let anchor = resource.dialect.isModern ? object["$anchor"]?.stringValue : nil
        let dynamicAnchor = resource.dialect.isModern ? object["$dynamicAnchor"]?.stringValue : nil
        guard declared != nil || identifier != nil || anchor != nil || dynamicAnchor != nil else { return }
        let pointer = path.pointer
        if let declared, let chosen = dialectAndVocabularies(declared) {
            resource.dialect = chosen.dialect
            resource.vocabularies = chosen.vocabularies
            document.resources[pointer] = resource
        }
        let legacyReference = !resource.dialect.isModern && object["$ref"] != nil
        let place = SchemaPlace(document: document.uri, pointer: pointer)
        if let keyword = resource.dialect.identifierKeyword, let identifier = object[keyword]?.stringValue, !legacyReference {
            let resolved = URIReference.resolve(identifier, against: resource.baseURI)
            if !resource.dialect.isModern, identifier.hasPrefix("#") {
                identifiers[resolved.text] = place
            } else if resolved.fragment == nil || resolved.fragment == "" {
                resource.baseURI = resolved.withoutFragment
                document.resources[pointer] = resource
                identifiers[resource.baseURI] = place
            }
        }
        if resource.dialect.isModern {
            if let anchor = object["$anchor"]?.stringValue {
                identifiers[resource.baseURI + "#" + anchor] = place
            }
            if let anchor = object["$dynamicAnchor"]?.stringValue {
                identifiers[resource.baseURI + "#" + anchor] = place
                dynamicAnchors[resource.baseURI, default: [:]][anchor] = place
            }
        }
    }

    /// What a keyword's value holds, decided from its first byte before any comparison: most keys
    /// of a description (`description`, `type`, `name`) are none of these.
    private enum KeywordRole: Equatable {
        /// One schema (`not`, `additionalProperties` …).
        case schema
        /// An array of schemas (`allOf` …); `items` may also be one schema.
        case schemaList
        /// Schemas by name (`properties`, `$defs` …).
        case schemaMap
        /// Data, never schemas (`enum`, `const`, `default`, `example`, `examples`).
        case data
        case other

        init(_ key: String) {
            switch key.utf8.first {
            case UInt8(ascii: "a"):
                switch key {
                case "additionalItems", "additionalProperties": self = .schema
                case "allOf", "anyOf": self = .schemaList
                default: self = .other
                }
            case UInt8(ascii: "c"):
                switch key {
                case "contains", "contentSchema": self = .schema
                case "const": self = .data
                default: self = .other
                }
            case UInt8(ascii: "d"):
                switch key {
                case "definitions", "dependentSchemas", "dependencies": self = .schemaMap
                case "default": self = .data
                default: self = .other
                }
            case UInt8(ascii: "e"):
                switch key {
                case "else": self = .schema
                case "enum", "example", "examples": self = .data
                default: self = .other
                }
            case UInt8(ascii: "i"):
                switch key {
                case "if": self = .schema
                case "items": self = .schemaList
                default: self = .other
                }
            case UInt8(ascii: "n"): self = key == "not" ? .schema : .other
            case UInt8(ascii: "o"): self = key == "oneOf" ? .schemaList : .other
            case UInt8(ascii: "p"):
                switch key {
                case "propertyNames": self = .schema
                case "prefixItems": self = .schemaList
                case "properties", "patternProperties": self = .schemaMap
                default: self = .other
                }
            case UInt8(ascii: "t"): self = key == "then" ? .schema : .other
            case UInt8(ascii: "u"): self = key == "unevaluatedItems" || key == "unevaluatedProperties" ? .schema : .other
            case UInt8(ascii: "$"): self = key == "$defs" ? .schemaMap : .other
            default: self = .other
            }
        }
    }

    /// The dialect and vocabularies a `$schema` URI selects: a known dialect, or a custom metaschema's `$vocabulary`.
    private func dialectAndVocabularies(_ uri: String) -> (dialect: SchemaDialect, vocabularies: Vocabularies)? {
        if let dialect = SchemaDialect.named(uri) { return (dialect, .standard) }
        let key = URIReference(uri).withoutFragment
        guard let metaschema = loadedDocument(key)?.root, let declared = metaschema["$vocabulary"]?.objectValue else { return nil }
        var vocabularies: Vocabularies = []
        for member in declared.members {
            if let vocabulary = Vocabularies.named(member.key) { vocabularies.insert(vocabulary) }
        }
        let dialect = metaschema["$schema"]?.stringValue.flatMap(SchemaDialect.named) ?? .draft2020_12
        return (dialect, vocabularies)
    }

    private func resource(at pointer: JSONPointer, in document: Document) -> Resource {
        var current: JSONPointer? = pointer
        while let candidate = current {
            if let resource = document.resources[candidate] { return resource }
            current = candidate.parent
        }
        return Resource(baseURI: document.baseURI, dialect: document.dialect, vocabularies: .standard)
    }

    // MARK: - Compiling and resolving

    func compileUnlocked(_ place: SchemaPlace) -> CompiledSchema {
        if let existing = compiled[place] { return existing }
        guard let document = loadedDocument(place.document) else {
            return constantSchema(place: place, valid: false)
        }
        ensureIndexed(document)
        let value = place.pointer.resolve(in: document.root) ?? .bool(false)
        let resource = resource(at: place.pointer, in: document)
        let schema = CompiledSchema(place: place, baseURI: resource.baseURI, dialect: resource.dialect)
        compiled[place] = schema
        SchemaCompiler(registry: self, vocabularies: resource.vocabularies).fill(schema, from: value)
        return schema
    }

    private func constantSchema(place: SchemaPlace, valid: Bool) -> CompiledSchema {
        let schema = CompiledSchema(place: place, baseURI: place.document, dialect: defaultDialect)
        schema.constant = valid
        return schema
    }

    func resolveUnlocked(_ reference: String, base: String) -> Result<CompiledSchema, SchemaResolutionError> {
        let target = URIReference.resolve(reference, against: base)
        let resourceURI = target.withoutFragment
        let fragment = target.fragment ?? ""
        var place = identifiers[resourceURI]
        if place == nil, let document = loadedDocument(resourceURI) {
            ensureIndexed(document)
            place = identifiers[resourceURI] ?? SchemaPlace(document: document.uri, pointer: .root)
        }
        guard let resourcePlace = place else {
            return .failure(SchemaResolutionError(reference: reference, reason: "no schema is known at \(resourceURI)"))
        }
        if fragment.isEmpty { return .success(compileUnlocked(resourcePlace)) }
        if fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment: "#" + fragment), let document = loadedDocument(resourcePlace.document) else {
                return .failure(SchemaResolutionError(reference: reference, reason: "\"#\(fragment)\" is not a valid JSON pointer"))
            }
            let full = resourcePlace.pointer.appending(pointer)
            guard full.resolve(in: document.root) != nil else {
                return .failure(SchemaResolutionError(reference: reference, reason: "nothing at \(full.fragment) in \(resourcePlace.document)"))
            }
            return .success(compileUnlocked(SchemaPlace(document: resourcePlace.document, pointer: full)))
        }
        if let anchored = identifiers[resourceURI + "#" + fragment] {
            return .success(compileUnlocked(anchored))
        }
        return .failure(SchemaResolutionError(reference: reference, reason: "no anchor \"\(fragment)\" in \(resourceURI)"))
    }

    /// Resolves a reference; in an OpenAPI document, a `#/…` pointer that names nothing inside an embedded
    /// resource (`$id`) is tried against the whole document, as authors of such documents intend.
    func resolveInDocumentUnlocked(_ reference: String, base: String, document: String) -> Result<CompiledSchema, SchemaResolutionError> {
        let direct = resolveUnlocked(reference, base: base)
        guard case .failure = direct, reference.hasPrefix("#/"), base != document, documents[document]?.schemasAnywhere == true else { return direct }
        let fallback = resolveUnlocked(reference, base: documents[document]?.baseURI ?? document)
        if case .success = fallback { return fallback }
        return direct
    }

    /// The schema carrying `$dynamicAnchor: name` in a resource, if any.
    func dynamicAnchor(_ name: String, inResource baseURI: String) -> CompiledSchema? {
        withLock {
            dynamicAnchors[baseURI]?[name].map(compileUnlocked)
        }
    }

    /// Where the yes/no check of a compiled schema starts in the registry's `CheckProgram`, built on
    /// first use; `nil` when the program has no room for it.
    func checkEntry(for schema: CompiledSchema) -> Int? {
        withLock {
            if let known = schema.checkEntry { return known }
            let entry = checkProgram.entry(for: schema, in: self)
            schema.checkEntry = entry
            return entry
        }
    }

    func regex(_ pattern: String) -> SchemaRegex? {
        if let cached = regexes[pattern] { return cached }
        let compiledRegex = SchemaRegex(pattern)
        regexes[pattern] = compiledRegex
        return compiledRegex
    }
}

private extension JSONValue {
    /// An object or an array: only these can hold schemas or identifiers.
    var isContainer: Bool {
        switch self {
        case .object, .array: return true
        default: return false
        }
    }
}
