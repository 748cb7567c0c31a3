import SpecterJSON

/// Turns one schema object into a `CompiledSchema`'s keywords, by its dialect and vocabularies.
/// Subschemas are compiled through the registry (so each place is compiled once); `$ref`s are links.
struct SchemaCompiler {
    let registry: SchemaRegistry
    let vocabularies: Vocabularies

    func fill(_ schema: CompiledSchema, from value: JSONValue) {
        if case .bool(let flag) = value {
            schema.constant = flag
            return
        }
        guard case .object(let object) = value else {
            schema.constant = true
            return
        }
        let modern = schema.dialect.isModern
        schema.title = object["title"]?.stringValue
        schema.displayName = schema.title ?? Self.nameFromPlace(schema.place)
        schema.readOnly = object["readOnly"] == .bool(true)
        schema.writeOnly = object["writeOnly"] == .bool(true)
        if modern { schema.dynamicAnchor = object["$dynamicAnchor"]?.stringValue }
        if let keyword = schema.dialect.identifierKeyword, object[keyword]?.stringValue != nil, !(object[keyword]?.stringValue?.hasPrefix("#") ?? false) {
            schema.isResourceRoot = modern || object["$ref"] == nil
        }
        if let reference = object["$ref"]?.stringValue, vocabularies.contains(.core) {
            schema.keywords.append(.reference(ReferenceLink(reference: reference, base: schema.baseURI, document: schema.place.document)))
            if !modern {
                // Draft 4 and OpenAPI 3.0: siblings of $ref are ignored.
                return
            }
        }
        var keywords: [Keyword] = []
        if modern, vocabularies.contains(.core), let reference = object["$dynamicRef"]?.stringValue {
            let fragment = URIReference(reference).fragment
            let anchor = fragment.flatMap { $0.isEmpty || $0.hasPrefix("/") ? nil : $0 }
            keywords.append(.dynamicReference(ReferenceLink(reference: reference, base: schema.baseURI, document: schema.place.document), anchor: anchor))
        }
        if vocabularies.contains(.validation) {
            keywords += validationKeywords(object, schema: schema)
        }
        if vocabularies.contains(.applicator) {
            keywords += applicatorKeywords(object, schema: schema)
        }
        if modern, vocabularies.contains(.unevaluated) {
            if object["unevaluatedItems"] != nil {
                keywords.append(.unevaluatedItems(child(schema, "unevaluatedItems")))
                schema.needsAnnotations = true
            }
            if object["unevaluatedProperties"] != nil {
                keywords.append(.unevaluatedProperties(child(schema, "unevaluatedProperties")))
                schema.needsAnnotations = true
            }
        }
        if let format = object["format"]?.stringValue {
            keywords.append(.format(format))
        }
        schema.keywords += keywords
    }

    private func child(_ parent: CompiledSchema, _ tokens: String...) -> CompiledSchema {
        var pointer = parent.place.pointer
        for token in tokens { pointer = pointer.appending(token) }
        return registry.compileUnlocked(SchemaPlace(document: parent.place.document, pointer: pointer))
    }

    private func validationKeywords(_ object: JSONObject, schema: CompiledSchema) -> [Keyword] {
        var keywords: [Keyword] = []
        let nullable = schema.dialect.honoursNullable && (object["nullable"] == .bool(true) || object["x-nullable"] == .bool(true))
        if var types = Self.types(object["type"]) {
            if nullable { types.insert(.null) }
            keywords.append(.type(types))
        }
        if let options = object["enum"]?.arrayValue {
            keywords.append(.enumeration(nullable && !options.contains(.null) ? options + [.null] : options))
        }
        if let constant = object["const"], schema.dialect != .draft4 {
            keywords.append(.constant(constant))
        }
        if let divisor = object["multipleOf"]?.doubleValue, divisor > 0 {
            keywords.append(.multipleOf(divisor))
        }
        keywords += bounds(object, limit: "maximum", exclusive: "exclusiveMaximum", modern: schema.dialect.isModern).map { .maximum($0.0, exclusive: $0.1) }
        keywords += bounds(object, limit: "minimum", exclusive: "exclusiveMinimum", modern: schema.dialect.isModern).map { .minimum($0.0, exclusive: $0.1) }
        if let length = object["maxLength"]?.intValue { keywords.append(.maxLength(length)) }
        if let length = object["minLength"]?.intValue { keywords.append(.minLength(length)) }
        if let pattern = object["pattern"]?.stringValue, let regex = registry.regex(pattern) { keywords.append(.pattern(regex)) }
        if let count = object["maxItems"]?.intValue { keywords.append(.maxItems(count)) }
        if let count = object["minItems"]?.intValue { keywords.append(.minItems(count)) }
        if object["uniqueItems"] == .bool(true) { keywords.append(.uniqueItems) }
        if let count = object["maxProperties"]?.intValue { keywords.append(.maxProperties(count)) }
        if let count = object["minProperties"]?.intValue { keywords.append(.minProperties(count)) }
        if let names = object["required"]?.arrayValue?.compactMap(\.stringValue), !names.isEmpty { keywords.append(.required(names)) }
        if schema.dialect.isModern, let dependencies = object["dependentRequired"]?.objectValue {
            keywords.append(.dependentRequired(dependencies.members.map { ($0.key, $0.value.arrayValue?.compactMap(\.stringValue) ?? []) }))
        }
        if !schema.dialect.isModern, let dependencies = object["dependencies"]?.objectValue {
            let required = dependencies.members.compactMap { member in
                member.value.arrayValue.map { (member.key, $0.compactMap(\.stringValue)) }
            }
            if !required.isEmpty { keywords.append(.dependentRequired(required)) }
        }
        return keywords
    }

    /// `maximum` with its exclusive form: a number in 2020-12, a boolean modifier in draft 4 (accepted in both).
    private func bounds(_ object: JSONObject, limit: String, exclusive: String, modern: Bool) -> [(Double, Bool)] {
        var result: [(Double, Bool)] = []
        let exclusiveValue = object[exclusive]
        if let value = object[limit]?.doubleValue {
            result.append((value, exclusiveValue == .bool(true)))
        }
        if let value = exclusiveValue?.doubleValue {
            result.append((value, true))
        }
        return result
    }

    private func applicatorKeywords(_ object: JSONObject, schema: CompiledSchema) -> [Keyword] {
        var keywords: [Keyword] = []
        let modern = schema.dialect.isModern
        if modern {
            let prefix = (object["prefixItems"]?.arrayValue ?? []).indices.map { child(schema, "prefixItems", String($0)) }
            let rest = object["items"].map { _ in child(schema, "items") }
            if !prefix.isEmpty || rest != nil { keywords.append(.items(prefix: prefix, rest: rest)) }
        } else if let items = object["items"] {
            if let tuple = items.arrayValue {
                let prefix = tuple.indices.map { child(schema, "items", String($0)) }
                keywords.append(.items(prefix: prefix, rest: object["additionalItems"].map { _ in child(schema, "additionalItems") }))
            } else {
                keywords.append(.items(prefix: [], rest: child(schema, "items")))
            }
        }
        if object["contains"] != nil, modern || schema.dialect == .openAPI30 {
            let minimum = modern ? object["minContains"]?.intValue ?? 1 : 1
            let maximum = modern ? object["maxContains"]?.intValue : nil
            keywords.append(.contains(child(schema, "contains"), minimum: minimum, maximum: maximum))
        }
        let named = object["properties"]?.objectValue?.members ?? []
        let patterns = object["patternProperties"]?.objectValue?.members ?? []
        if !named.isEmpty || !patterns.isEmpty || object["additionalProperties"] != nil {
            var group = PropertiesGroup(named: [:], order: [], patterns: [], additional: nil)
            for member in named {
                group.named[member.key] = child(schema, "properties", member.key)
                group.order.append(member.key)
            }
            for member in patterns {
                if let regex = registry.regex(member.key) { group.patterns.append((regex, child(schema, "patternProperties", member.key))) }
            }
            group.additional = object["additionalProperties"].map { _ in child(schema, "additionalProperties") }
            keywords.append(.properties(group))
        }
        if object["propertyNames"] != nil, modern {
            keywords.append(.propertyNames(child(schema, "propertyNames")))
        }
        if modern, let dependencies = object["dependentSchemas"]?.objectValue {
            keywords.append(.dependentSchemas(dependencies.members.map { ($0.key, child(schema, "dependentSchemas", $0.key)) }))
        }
        if !modern, let dependencies = object["dependencies"]?.objectValue {
            let schemas = dependencies.members.filter { $0.value.arrayValue == nil }.map { ($0.key, child(schema, "dependencies", $0.key)) }
            if !schemas.isEmpty { keywords.append(.dependentSchemas(schemas)) }
        }
        // The discriminator's positions are those of `oneOf` when there is one, else of `anyOf` (as it reads them).
        let discriminator = schema.dialect.honoursNullable ? DiscriminatorMapping(.object(object)) : nil
        let anyOfDiscriminator = object["oneOf"]?.arrayValue == nil ? discriminator : nil
        for (keyword, make) in [("allOf", { (list: [CompiledSchema]) in Keyword.allOf(list) }),
                                ("anyOf", { Keyword.anyOf($0, discriminator: anyOfDiscriminator) }),
                                ("oneOf", { Keyword.oneOf($0, discriminator: discriminator) })] {
            if let list = object[keyword]?.arrayValue, !list.isEmpty {
                keywords.append(make(list.indices.map { child(schema, keyword, String($0)) }))
            }
        }
        if object["not"] != nil {
            keywords.append(.not(child(schema, "not")))
        }
        if modern, object["if"] != nil {
            keywords.append(.conditional(
                if: child(schema, "if"), then: object["then"].map { _ in child(schema, "then") },
                else: object["else"].map { _ in child(schema, "else") }))
        }
        return keywords
    }

    static func types(_ value: JSONValue?) -> TypeSet? {
        switch value {
        case .string(let name)?:
            return TypeSet.named(name)
        case .array(let names)?:
            return names.reduce(into: TypeSet()) { set, name in
                if let type = name.stringValue.flatMap(TypeSet.named) { set.insert(type) }
            }
        default:
            return nil
        }
    }

    static func nameFromPlace(_ place: SchemaPlace) -> String? {
        let tokens = place.pointer.tokens
        guard tokens.count >= 2 else { return nil }
        let container = tokens[tokens.count - 2]
        return ["schemas", "definitions", "$defs"].contains(container) ? tokens[tokens.count - 1] : nil
    }
}
