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
        markCycles(in: &builder.nodes)
        skipPureReferences(in: &builder.nodes)
        return CheckProgram(nodes: builder.nodes)
    }

    /// Edges to a node that is nothing but a `$ref` (`id: {$ref: Snowflake}`) go straight to its target,
    /// through whole chains. Nodes on cycles keep theirs: cycles are cut where references enter them.
    private static func skipPureReferences(in nodes: inout [CheckNode]) {
        func skippable(_ index: Int) -> Bool { nodes[index].isPureReference && !nodes[index].isOnCycle }
        // The first node along each chain that is not skippable, found once per node (a chain of 10 000
        // references costs 10 000 steps, not 50 million). Skippable nodes form no loop: a loop is a cycle.
        var chainEnd = [Int?](repeating: nil, count: nodes.count)
        for start in nodes.indices where skippable(start) && chainEnd[start] == nil {
            var path: [Int] = []
            var current = start
            while skippable(current), chainEnd[current] == nil, let next = nodes[current].reference, path.count < nodes.count {
                path.append(current)
                current = next
            }
            let end = chainEnd[current] ?? current
            for member in path { chainEnd[member] = end }
        }
        let destination = nodes.indices.map { index in
            chainEnd[index].map { nodes[$0].isOnCycle ? index : $0 } ?? index
        }
        for index in nodes.indices { nodes[index].mapSubschemas { destination[$0] } }
    }

    /// Marks the nodes on cycles of same-location subschemas: the strongly connected components of
    /// that graph with more than one node, or with a node that applies itself (Tarjan's algorithm,
    /// iterative, so a deep schema cannot exhaust the stack).
    private static func markCycles(in nodes: inout [CheckNode]) {
        let edges = nodes.map(\.sameLocationSubschemas)
        var order = [Int](repeating: -1, count: nodes.count)
        var lowest = [Int](repeating: 0, count: nodes.count)
        var onStack = [Bool](repeating: false, count: nodes.count)
        var stack: [Int] = []
        var counter = 0
        for root in nodes.indices where order[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter
            lowest[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge]
                    if order[next] < 0 {
                        order[next] = counter
                        lowest[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowest[node] = min(lowest[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowest[parent] = min(lowest[parent], lowest[node]) }
                guard lowest[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || edges[node].contains(node) {
                    for member in component { nodes[member].isOnCycle = true }
                }
            }
        }
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
            var draft = Draft()
            if let constant = schema.constant {
                draft.node.kind = constant ? .anything : .nothing
                return draft.node
            }
            guard !schema.needsAnnotations else { return nil }
            draft.node.kind = schema.keywords.isEmpty ? .anything : .rules
            for keyword in schema.keywords {
                guard add(keyword, of: schema, to: &draft) else { return nil }
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
                draft.objectRules.requiredElsewhere += names
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
