import SpecterJSON
import SpecterSpec

/// Builds form fields from schemas: references followed, `allOf` merged, `oneOf`/`anyOf` as a variant
/// (a `null` alternative becomes a nullable field, as FastAPI's `Optional[X]` writes it), read-only
/// properties left out of requests. Recursive and deep schemas get their children on demand.
struct FieldFactory {
    let documents: DocumentSet
    let validator: SchemaValidator
    let direction: ValidationDirection
    /// Children deeper than this are built when the field is opened.
    static let eagerDepth = 4

    func field(name: String, schema: JSONValue, at address: NodeAddress, required: Bool, depth: Int = 0, branch: [NodeAddress] = []) -> FormField {
        var branch = branch
        var schema = schema
        var address = address
        var synthesized = false
        var recursive = false
        if schema["$ref"]?.stringValue != nil, let target = try? documents.dereference(schema, at: address) {
            recursive = branch.contains(target.address)
            var siblings = schema.objectValue ?? JSONObject()
            siblings["$ref"] = nil
            if siblings.isEmpty {
                schema = target.value
                address = target.address
            } else {
                schema = SchemaMerge.flatten(.object(siblings), parts: [target.value], at: address, partAddresses: [target.address], documents: documents, shallow: branch)
                synthesized = true
            }
            branch.append(target.address)
        }
        if let parts = schema["allOf"]?.arrayValue, !parts.isEmpty {
            schema = SchemaMerge.flatten(schema, parts: parts, at: address, documents: documents, shallow: branch)
            synthesized = true
        }
        var nullable = schema["nullable"] == .bool(true) || schema["x-nullable"] == .bool(true) || SchemaMerge.typeNames(schema["type"] ?? .null).contains("null")
        var alternatives: [(value: JSONValue, address: NodeAddress)] = []
        var alternativeKeyword = "oneOf"
        for keyword in ["oneOf", "anyOf"] {
            guard let list = schema[keyword]?.arrayValue, !list.isEmpty else { continue }
            alternativeKeyword = keyword
            alternatives = list.enumerated().map { ($0.element, address.appending(keyword).appending($0.offset)) }
            break
        }
        let nonNull = alternatives.filter { !isNullSchema($0.value) }
        if !alternatives.isEmpty && nonNull.count < alternatives.count {
            nullable = true
        }
        let reference = SchemaRef(value: schema, address: address, isSynthesized: synthesized)
        var field = FormField(
            name: name, key: .name(name), kind: .json, schema: reference, description: schema["description"]?.stringValue, format: schema["format"]?.stringValue,
            required: required, nullable: nullable, deprecated: schema["deprecated"] == .bool(true), defaultValue: schema["default"],
            example: schema["example"] ?? schema["examples"]?[0], hints: Self.hints(schema))
        field.compiled = validator.compile(reference)
        if nonNull.count == 1 && alternatives.count == 2 {
            // Optional[X]: the field is X, nullable.
            var inner = self.field(name: name, schema: mergedAlternative(schema, nonNull[0], keyword: alternativeKeyword, at: address, branch: branch),
                                   at: nonNull[0].address, required: required, depth: depth, branch: branch)
            inner.nullable = true
            inner.schema = reference
            inner.compiled = field.compiled
            inner.description = inner.description ?? field.description
            inner.defaultValue = field.defaultValue ?? inner.defaultValue
            return inner
        }
        if !nonNull.isEmpty {
            let options = nonNull.enumerated().map { position, alternative in
                FormAlternative(
                    name: Self.alternativeName(alternative.value, position: position, documents: documents, address: alternative.address),
                    schema: SchemaRef(value: mergedAlternative(schema, alternative, keyword: alternativeKeyword, at: address, branch: branch), address: alternative.address,
                                      isSynthesized: true),
                    discriminatorValue: DiscriminatorMapping(schema)?.value(selecting: position))
            }
            field.kind = .variant(options, selected: 0)
            if !recursive {
                field.children = [variantChild(options[0], discriminator: schema["discriminator"]?["propertyName"]?.stringValue, depth: depth, branch: branch)]
            } else {
                field.childrenPending = true
            }
            return field
        }
        field.kind = kind(of: schema)
        switch field.kind {
        case .choice(let options) where options.count == 1:
            // One allowed value (a single-value `enum`, a `const`): it is filled in, as what selects an
            // alternative often is (`type: creation`).
            field.text = FormField.display(options[0])
            field.value = options[0]
            field.isAutomatic = true
        case .object, .map, .array:
            if recursive || depth >= Self.eagerDepth {
                field.childrenPending = true
            } else {
                field.children = children(of: field, depth: depth, branch: branch)
            }
        default:
            break
        }
        return field
    }

    /// The fields of an object's properties (an array starts empty; a map starts without entries).
    func children(of field: FormField, depth: Int, branch: [NodeAddress]) -> [FormField] {
        guard case .object = field.kind else { return [] }
        let schema = field.schema.value
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var children: [FormField] = []
        for member in schema["properties"]?.objectValue?.members ?? [] {
            if direction == .request && isFlagged(member.value, "readOnly") { continue }
            if direction == .response && isFlagged(member.value, "writeOnly") { continue }
            children.append(self.field(
                name: member.key, schema: member.value, at: field.schema.address.appending("properties").appending(member.key),
                required: required.contains(member.key), depth: depth + 1, branch: branch))
        }
        return children
    }

    /// A new item for an array field (taking the array's next serial), or a new entry for a map or
    /// an object's extra members.
    func element(of field: inout FormField, name: String) -> FormField {
        var made = element(of: field, name: name)
        if case .array = field.kind {
            made.key = .item(field.nextItemSerial)
            field.nextItemSerial += 1
        }
        return made
    }

    private func element(of field: FormField, name: String) -> FormField {
        let schema = field.schema.value
        let address = field.schema.address
        switch field.kind {
        case .array:
            let items = schema["items"] ?? schema["additionalItems"] ?? .object(JSONObject())
            return self.field(name: name, schema: items.arrayValue?.first ?? items, at: address.appending("items"), required: false, depth: 1)
        default:
            let additional = schema["additionalProperties"].flatMap { $0.boolValue == nil ? $0 : nil } ?? .object(JSONObject())
            var entry = self.field(name: name, schema: additional, at: address.appending("additionalProperties"), required: false, depth: 1)
            entry.isExtra = schema["properties"]?[name] == nil && schema["additionalProperties"] == nil
            return entry
        }
    }

    /// The fields of a variant's chosen alternative, with the discriminator property already set to select it.
    func variantChild(_ alternative: FormAlternative, discriminator: String?, depth: Int, branch: [NodeAddress]) -> FormField {
        var child = field(name: alternative.name, schema: alternative.schema.value, at: alternative.schema.address, required: false, depth: depth + 1, branch: branch)
        child.key = .chosen
        if let value = alternative.discriminatorValue, let discriminator, let index = child.children.firstIndex(where: { $0.name == discriminator }) {
            child.children[index].text = value
            child.children[index].value = .string(value)
            child.children[index].isAutomatic = true
        }
        return child
    }

    private func mergedAlternative(_ schema: JSONValue, _ alternative: (value: JSONValue, address: NodeAddress), keyword: String, at address: NodeAddress,
                                   branch: [NodeAddress]) -> JSONValue {
        var siblings = schema.objectValue ?? JSONObject()
        for consumed in ["oneOf", "anyOf", "discriminator", "nullable", "default", "example", "examples", "description", "title"] { siblings[consumed] = nil }
        guard !siblings.isEmpty else { return alternative.value }
        var parent = siblings
        parent[keyword] = nil
        return SchemaMerge.flatten(.object(parent), parts: [alternative.value], at: address, partAddresses: [alternative.address], documents: documents, shallow: branch)
    }

    private func kind(of schema: JSONValue) -> FormField.Kind {
        if let options = schema["enum"]?.arrayValue, !options.isEmpty { return .choice(options.filter { !$0.isNull }) }
        if let constant = schema["const"], !constant.isNull { return .choice([constant]) }
        let types = SchemaMerge.typeNames(schema["type"] ?? .null).filter { $0 != "null" }
        let type = types.count == 1 ? types[0] : (types.isEmpty ? inferredType(schema) : nil)
        switch type {
        case "string":
            // A file: OpenAPI 3.0's `format: binary`, or 3.1's `contentMediaType` without an encoding
            // (what FastAPI writes for `UploadFile`).
            let isFile = schema["format"]?.stringValue == "binary" || (schema["contentMediaType"] != nil && schema["contentEncoding"] == nil)
            return isFile ? .file : .text
        case "integer": return .integer
        case "number": return .number
        case "boolean": return .boolean
        case "array": return .array
        case "object":
            let hasProperties = !(schema["properties"]?.objectValue?.isEmpty ?? true)
            let additional = schema["additionalProperties"]
            if !hasProperties, let additional, additional != .bool(false) { return .map }
            if !hasProperties && additional == nil { return .json }
            return .object(allowsExtra: additional != .bool(false))
        default: return .json
        }
    }

    private func inferredType(_ schema: JSONValue) -> String? {
        if schema["properties"] != nil || schema["additionalProperties"] != nil { return "object" }
        if schema["items"] != nil { return "array" }
        return nil
    }

    private func isNullSchema(_ schema: JSONValue) -> Bool {
        schema["type"] == .string("null") || schema["enum"] == .array([.null]) || schema["const"] == .null
    }

    private func isFlagged(_ schema: JSONValue, _ flag: String) -> Bool {
        if schema[flag] == .bool(true) { return true }
        guard schema["$ref"]?.stringValue != nil, let target = try? documents.dereference(schema, at: NodeAddress(document: documents.rootURL, pointer: .root)) else { return false }
        return target.value[flag] == .bool(true)
    }

    static func alternativeName(_ schema: JSONValue, position: Int, documents: DocumentSet, address: NodeAddress) -> String {
        if let title = schema["title"]?.stringValue { return title }
        if let reference = schema["$ref"]?.stringValue, let name = reference.split(separator: "/").last { return String(name) }
        if let type = schema["type"]?.stringValue { return type }
        return "option \(position + 1)"
    }

    /// `1–100`, `≥ 0`, `3–40 characters`, `date-time`: what the field accepts, in brief.
    static func hints(_ schema: JSONValue) -> [String] {
        var hints: [String] = []
        let minimum = bound(schema, "minimum", exclusive: "exclusiveMinimum")
        let maximum = bound(schema, "maximum", exclusive: "exclusiveMaximum")
        switch (minimum, maximum) {
        case let (low?, high?) where !low.exclusive && !high.exclusive:
            hints.append("\(low.value.shortDescription)–\(high.value.shortDescription)")
        case let (low?, high?):
            hints.append("\(low.exclusive ? ">" : "≥") \(low.value.shortDescription), \(high.exclusive ? "<" : "≤") \(high.value.shortDescription)")
        case let (low?, nil): hints.append("\(low.exclusive ? ">" : "≥") \(low.value.shortDescription)")
        case let (nil, high?): hints.append("\(high.exclusive ? "<" : "≤") \(high.value.shortDescription)")
        default: break
        }
        switch (schema["minLength"]?.intValue, schema["maxLength"]?.intValue) {
        case let (low?, high?): hints.append("\(low)–\(high) characters")
        case let (low?, nil) where low > 0: hints.append("at least \(low) characters")
        case let (nil, high?): hints.append("at most \(high) characters")
        default: break
        }
        if let format = schema["format"]?.stringValue { hints.append(format) }
        if let pattern = schema["pattern"]?.stringValue { hints.append("pattern \(pattern)") }
        return hints
    }

    /// A numeric bound, in either dialect: OpenAPI 3.1's `exclusiveMinimum: 0`, or 3.0's
    /// `minimum: 0, exclusiveMinimum: true`.
    private static func bound(_ schema: JSONValue, _ limit: String, exclusive: String) -> (value: Double, exclusive: Bool)? {
        if let flag = schema[exclusive], flag.boolValue == nil, let value = flag.doubleValue { return (value, true) }
        guard let value = schema[limit]?.doubleValue else { return nil }
        return (value, schema[exclusive]?.boolValue == true)
    }
}
