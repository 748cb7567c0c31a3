import SpecterJSON

/// A compiled schema and everything it reaches, flattened into nodes that answer one question fast:
/// is this instance valid? References are resolved when the program is built, so checking takes no
/// lock and follows indices. The `Evaluator` still explains failures; a valid instance never needs it.
///
/// A schema whose answer depends on what the evaluation has seen — `$dynamicRef` (the dynamic scope)
/// or `unevaluatedProperties`/`unevaluatedItems` (annotations) — gets no program and is always
/// evaluated in full.
final class CheckProgram: @unchecked Sendable {
    /// The root is node 0.
    let nodes: [CheckNode]

    private init(nodes: [CheckNode]) {
        self.nodes = nodes
    }

    /// The program of a compiled schema, or `nil` when it needs the full evaluation. Call with the
    /// registry locked (references are resolved through it).
    static func build(from root: CompiledSchema, in registry: SchemaRegistry) -> CheckProgram? {
        var builder = Builder(registry: registry)
        _ = builder.index(of: root)
        var next = 0
        while next < builder.schemas.count {
            guard let node = builder.node(for: builder.schemas[next]) else { return nil }
            builder.nodes[next] = node
            next += 1
        }
        return CheckProgram(nodes: builder.nodes)
    }

    /// Numbers the schemas a program reaches (breadth first, each once) and turns each into a node.
    private struct Builder {
        let registry: SchemaRegistry
        var schemas: [CompiledSchema] = []
        var nodes: [CheckNode] = []
        var indices: [ObjectIdentifier: Int] = [:]

        mutating func index(of schema: CompiledSchema) -> Int {
            if let known = indices[ObjectIdentifier(schema)] { return known }
            indices[ObjectIdentifier(schema)] = schemas.count
            schemas.append(schema)
            nodes.append(CheckNode())
            return schemas.count - 1
        }

        /// `nil` for a schema only the full evaluation can judge.
        mutating func node(for schema: CompiledSchema) -> CheckNode? {
            var node = CheckNode()
            if let constant = schema.constant {
                node.kind = constant ? .anything : .nothing
                return node
            }
            guard !schema.needsAnnotations else { return nil }
            node.kind = schema.keywords.isEmpty ? .anything : .rules
            for keyword in schema.keywords {
                guard add(keyword, of: schema, to: &node) else { return nil }
            }
            node.object?.separateRequiredProperties()
            return node
        }

        // swiftlint:disable:next cyclomatic_complexity function_body_length
        private mutating func add(_ keyword: Keyword, of schema: CompiledSchema, to node: inout CheckNode) -> Bool {
            switch keyword {
            case .type(let types):
                node.types = node.types.map { $0.intersection(types) } ?? types
            case .enumeration(let values):
                node.allowedValues.append(values)
            case .constant(let value):
                node.allowedValues.append([value])
            case .multipleOf(let divisor):
                node.number = node.number ?? NumberRules()
                node.number?.multipleOf = divisor
            case .minimum(let limit, let exclusive):
                node.number = node.number ?? NumberRules()
                node.number?.bounds.append((limit, true, exclusive))
            case .maximum(let limit, let exclusive):
                node.number = node.number ?? NumberRules()
                node.number?.bounds.append((limit, false, exclusive))
            case .minLength(let length):
                node.string = node.string ?? StringRules()
                node.string?.minLength = length
            case .maxLength(let length):
                node.string = node.string ?? StringRules()
                node.string?.maxLength = length
            case .pattern(let regex):
                node.string = node.string ?? StringRules()
                node.string?.patterns.append(regex)
            case .format(let format):
                guard let checker = Formats.checker(for: format, modern: schema.dialect.isModern) else { break }
                node.string = node.string ?? StringRules()
                node.string?.format = checker
            case .minItems(let count):
                arrayRules(&node).minItems = count
            case .maxItems(let count):
                arrayRules(&node).maxItems = count
            case .uniqueItems:
                arrayRules(&node).uniqueItems = true
            case .items(let prefix, let rest):
                let rules = arrayRules(&node)
                rules.prefix = prefix.map { index(of: $0) }
                rules.rest = rest.map { index(of: $0) }
            case .contains(let subschema, let minimum, let maximum):
                arrayRules(&node).contains = (index(of: subschema), minimum, maximum)
            case .minProperties(let count):
                objectRules(&node).minProperties = count
            case .maxProperties(let count):
                objectRules(&node).maxProperties = count
            case .required(let names):
                objectRules(&node).requiredElsewhere += names
            case .properties(let group):
                addProperties(group, to: objectRules(&node))
            case .propertyNames(let subschema):
                objectRules(&node).propertyNames = index(of: subschema)
            case .dependentRequired(let dependencies):
                objectRules(&node).dependentRequired += dependencies
            case .dependentSchemas(let dependencies):
                objectRules(&node).dependentSchemas += dependencies.map { ($0.0, index(of: $0.1)) }
            case .allOf(let subschemas):
                node.allOf += subschemas.map { index(of: $0) }
            case .anyOf(let subschemas, let discriminator):
                node.anyOf = Alternatives(nodes: subschemas.map { index(of: $0) }, discriminator: discriminator)
            case .oneOf(let subschemas, let discriminator):
                node.oneOf = Alternatives(nodes: subschemas.map { index(of: $0) }, discriminator: discriminator)
            case .not(let subschema):
                node.not = index(of: subschema)
            case .conditional(let test, let then, let otherwise):
                node.condition = Condition(test: index(of: test), then: then.map { index(of: $0) }, otherwise: otherwise.map { index(of: $0) })
            case .reference(let link):
                switch link.target(in: registry) {
                case .success(let target): node.reference = index(of: target)
                case .failure: node.kind = .nothing
                }
            case .dynamicReference, .unevaluatedItems, .unevaluatedProperties:
                return false
            }
            return true
        }

        private func arrayRules(_ node: inout CheckNode) -> ArrayRules {
            if let rules = node.array { return rules }
            let rules = ArrayRules()
            node.array = rules
            return rules
        }

        private func objectRules(_ node: inout CheckNode) -> ObjectRules {
            if let rules = node.object { return rules }
            let rules = ObjectRules()
            node.object = rules
            return rules
        }

        private mutating func addProperties(_ group: PropertiesGroup, to rules: ObjectRules) {
            for name in group.order {
                guard let schema = group.named[name] else { continue }
                rules.positions[name] = rules.names.count
                rules.names.append(name)
                rules.nodes.append(index(of: schema))
                var flags: PropertyFlags = []
                if schema.readOnly || flag(of: schema, \.readOnly) { flags.insert(.readOnly) }
                if schema.writeOnly || flag(of: schema, \.writeOnly) { flags.insert(.writeOnly) }
                rules.flags.append(flags)
            }
            rules.patterns = group.patterns.map { ($0.0, index(of: $0.1)) }
            rules.additional = group.additional.map { index(of: $0) }
        }

        /// A flag read through a pure `$ref`, as the evaluator reads it.
        private func flag(of schema: CompiledSchema, _ flag: KeyPath<CompiledSchema, Bool>) -> Bool {
            guard case .reference(let link)? = schema.keywords.first, case .success(let target) = link.target(in: registry) else { return false }
            return target[keyPath: flag]
        }
    }
}
