import SpecterJSON

/// Numbers the schemas a new entry of a `CheckProgram` reaches (breadth first, each once, after the
/// nodes the program already has) and turns each keyword into a node's rules.
struct CheckNodeBuilder {
    let registry: SchemaRegistry
    /// Nodes the program has already: reused, never built again.
    let existing: [ObjectIdentifier: Int]
    /// The index the first new node will have.
    let firstIndex: Int
    /// The new schemas, in the order of their node indices (from `firstIndex` on).
    private(set) var schemas: [CompiledSchema] = []
    private var indices: [ObjectIdentifier: Int] = [:]

    init(registry: SchemaRegistry, existing: [ObjectIdentifier: Int], firstIndex: Int) {
        self.registry = registry
        self.existing = existing
        self.firstIndex = firstIndex
    }

    mutating func index(of schema: CompiledSchema) -> Int {
        let identifier = ObjectIdentifier(schema)
        if let known = existing[identifier] ?? indices[identifier] { return known }
        indices[identifier] = firstIndex + schemas.count
        schemas.append(schema)
        return firstIndex + schemas.count - 1
    }

    /// A schema only the full evaluation can judge becomes an `undecided` node.
    mutating func node(for schema: CompiledSchema) -> CheckNode {
        var draft = Draft()
        if let constant = schema.constant {
            draft.node.kind = constant ? .anything : .nothing
            return draft.node
        }
        // Even without keywords it is a step and a level, as in the `Evaluator`: both count alike.
        draft.node.kind = .rules
        for keyword in schema.keywords where schema.needsAnnotations || !add(keyword, of: schema, to: &draft) {
            draft.node = CheckNode()
            draft.node.kind = .undecided
            return draft.node
        }
        draft.object?.separateRequiredProperties()
        draft.node.array = draft.array.map(Frozen.init)
        draft.node.object = draft.object.map(Frozen.init)
        draft.node.notePresence()
        return draft.node
    }

    /// A node being built, with its array and object rules still open to change.
    private struct Draft {
        var node = CheckNode()
        var array: ArrayRules?
        var object: ObjectRules?

        var arrayRules: ArrayRules {
            get { array ?? ArrayRules() }
            set { array = newValue }
        }

        var objectRules: ObjectRules {
            get { object ?? ObjectRules() }
            set { object = newValue }
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func add(_ keyword: Keyword, of schema: CompiledSchema, to draft: inout Draft) -> Bool {
        switch keyword {
        case .type(let types):
            draft.node.types = draft.node.types.map { $0.intersection(types) } ?? types
        case .enumeration(let values):
            draft.node.allowedValues.append(values)
        case .constant(let value):
            draft.node.allowedValues.append([value])
        case .multipleOf(let divisor):
            draft.node.number = draft.node.number ?? NumberRules()
            draft.node.number?.multipleOf = divisor
        case .minimum(let limit, let exclusive):
            draft.node.number = draft.node.number ?? NumberRules()
            draft.node.number?.bounds.append((limit, true, exclusive))
        case .maximum(let limit, let exclusive):
            draft.node.number = draft.node.number ?? NumberRules()
            draft.node.number?.bounds.append((limit, false, exclusive))
        case .minLength(let length):
            draft.node.string = draft.node.string ?? StringRules()
            draft.node.string?.minLength = length
        case .maxLength(let length):
            draft.node.string = draft.node.string ?? StringRules()
            draft.node.string?.maxLength = length
        case .pattern(let regex):
            draft.node.string = draft.node.string ?? StringRules()
            draft.node.string?.patterns.append(regex)
        case .format(let format):
            guard let checker = Formats.checker(for: format, modern: schema.dialect.isModern) else { break }
            draft.node.string = draft.node.string ?? StringRules()
            draft.node.string?.format = checker
        case .minItems(let count):
            draft.arrayRules.minItems = count
        case .maxItems(let count):
            draft.arrayRules.maxItems = count
        case .uniqueItems:
            draft.arrayRules.uniqueItems = true
        case .items(let prefix, let rest):
            draft.arrayRules.prefix = prefix.map { index(of: $0) }
            draft.arrayRules.rest = rest.map { index(of: $0) }
        case .contains(let subschema, let minimum, let maximum):
            draft.arrayRules.contains = (index(of: subschema), minimum, maximum)
        case .minProperties(let count):
            draft.objectRules.minProperties = count
        case .maxProperties(let count):
            draft.objectRules.maxProperties = count
        case .required(let names):
            draft.objectRules.requiredElsewhere += names.map { name in (name, schema.declaredProperty(name, in: registry).map(flags) ?? []) }
        case .properties(let group):
            addProperties(group, to: &draft.objectRules)
        case .propertyNames(let subschema):
            draft.objectRules.propertyNames = index(of: subschema)
        case .dependentRequired(let dependencies):
            draft.objectRules.dependentRequired += dependencies
        case .dependentSchemas(let dependencies):
            draft.objectRules.dependentSchemas += dependencies.map { ($0.0, index(of: $0.1)) }
        case .allOf(let subschemas):
            draft.node.allOf += subschemas.map { index(of: $0) }
        case .anyOf(let subschemas, let discriminator):
            draft.node.anyOf = Alternatives(nodes: subschemas.map { index(of: $0) }, discriminator: discriminator)
        case .oneOf(let subschemas, let discriminator):
            draft.node.oneOf = Alternatives(nodes: subschemas.map { index(of: $0) }, discriminator: discriminator)
        case .not(let subschema):
            draft.node.not = index(of: subschema)
        case .conditional(let test, let then, let otherwise):
            draft.node.condition = Condition(test: index(of: test), then: then.map { index(of: $0) }, otherwise: otherwise.map { index(of: $0) })
        case .reference(let link):
            switch link.target(in: registry) {
            case .success(let target): draft.node.reference = index(of: target)
            case .failure: draft.node.kind = .nothing
            }
        case .dynamicReference, .unevaluatedItems, .unevaluatedProperties:
            return false
        }
        return true
    }

    private mutating func addProperties(_ group: PropertiesGroup, to rules: inout ObjectRules) {
        for name in group.order {
            guard let schema = group.named[name] else { continue }
            rules.positions[name] = rules.names.count
            rules.names.append(name)
            rules.nodes.append(index(of: schema))
            rules.flags.append(flags(of: schema))
        }
        rules.patterns = group.patterns.map { ($0.0, index(of: $0.1)) }
        rules.additional = group.additional.map { index(of: $0) }
    }

    /// Read-only and write-only, on the property's schema or through a pure `$ref`.
    private func flags(of schema: CompiledSchema) -> PropertyFlags {
        var flags: PropertyFlags = []
        if schema.readOnly || flag(of: schema, \.readOnly) { flags.insert(.readOnly) }
        if schema.writeOnly || flag(of: schema, \.writeOnly) { flags.insert(.writeOnly) }
        return flags
    }

    /// A flag read through a pure `$ref`, as the evaluator reads it.
    private func flag(of schema: CompiledSchema, _ flag: KeyPath<CompiledSchema, Bool>) -> Bool {
        guard case .reference(let link)? = schema.keywords.first, case .success(let target) = link.target(in: registry) else { return false }
        return target[keyPath: flag]
    }
}
