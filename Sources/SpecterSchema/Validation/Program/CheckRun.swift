import SpecterJSON

/// One yes/no check of an instance against a `CheckProgram`: stops at the first failure, records
/// nothing, and keeps only what bounds it (steps, nesting, the references being applied).
///
/// It agrees with the `Evaluator` on every instance. It counts steps and nesting as the `Evaluator` does
/// (a reference's target a level deeper, where the `Evaluator` steps through chains of bare references
/// without one), so where the `Evaluator` would stop early (budget, nesting, cancellation) it has stopped
/// too, answering `undecided`, and the `Evaluator` is asked instead.
struct CheckRun {
    enum Verdict: Equatable {
        case valid
        case invalid
        case undecided
    }

    private let nodes: CheckProgram.Nodes
    private let direction: ValidationDirection
    private let assertFormats: Bool
    private let stepBudget: Int
    private(set) var steps = 0
    private var depth = 0
    /// How deep in the instance the check is: a reference applied again at the same location is a cycle.
    private var location = 0
    private var applying: [(node: Int, location: Int)] = []
    private var undecided = false

    private init(program: CheckProgram, options: ValidationOptions) {
        nodes = program.nodes
        direction = options.direction
        assertFormats = options.assertFormats
        stepBudget = options.stepBudget
    }

    /// The verdict on an instance, checked from an entry of the program, and the steps it took.
    static func verdict(on instance: JSONValue, from entry: Int, in program: CheckProgram, options: ValidationOptions) -> (verdict: Verdict, steps: Int) {
        var run = CheckRun(program: program, options: options)
        let valid = run.applyOnce(entry, instance)
        return (run.undecided ? .undecided : valid ? .valid : .invalid, run.steps)
    }

    // MARK: - Schemas

    private mutating func applyOnce(_ node: Int, _ instance: JSONValue) -> Bool {
        guard nodes.node(node).pointee.isOnCycle else { return check(node, instance) }
        var entry = applying.count - 1
        while entry >= 0, applying[entry].location == location {
            if applying[entry].node == node { return true }
            entry -= 1
        }
        applying.append((node, location))
        defer { applying.removeLast() }
        return check(node, instance)
    }

    private mutating func check(_ index: Int, _ instance: JSONValue) -> Bool {
        let node = nodes.node(index)
        switch node.pointee.kind {
        case .anything: return true
        case .nothing: return false
        case .undecided:
            undecided = true
            return false
        case .rules: break
        }
        guard spendStep() else { return false }
        depth += 1
        defer { depth -= 1 }
        guard depth < Evaluator.maximumDepth else {
            undecided = true
            return false
        }
        if let types = node.pointee.types, !types.contains(typeOf: instance) { return false }
        let present = node.pointee.present
        if present.contains(.kindRules), !checkKindRules(node, instance) { return false }
        if let target = node.pointee.reference, !applyOnce(target, instance) { return false }
        if !present.isDisjoint(with: .composition), !checkComposition(node, present, instance) { return false }
        return !undecided
    }

    /// `enum`, `const`, `allOf`, `anyOf`, `oneOf`, `not` and `if`: only those the node has are looked at.
    private mutating func checkComposition(_ node: UnsafePointer<CheckNode>, _ present: CheckNode.Present, _ instance: JSONValue) -> Bool {
        if present.contains(.allowedValues) {
            for values in node.pointee.allowedValues where !values.contains(instance) { return false }
        }
        if present.contains(.allOf) {
            for subschema in node.pointee.allOf where !check(subschema, instance) { return false }
        }
        if present.contains(.alternatives) {
            if let alternatives = node.pointee.anyOf, !checkAlternatives(alternatives, instance, exactlyOne: false) { return false }
            if let alternatives = node.pointee.oneOf, !checkAlternatives(alternatives, instance, exactlyOne: true) { return false }
        }
        if present.contains(.negationOrCondition) {
            if let negated = node.pointee.not, check(negated, instance) { return false }
            if let condition = node.pointee.condition {
                let branch = check(condition.test, instance) ? condition.then : condition.otherwise
                if let branch, !check(branch, instance) { return false }
            }
        }
        return true
    }

    /// The rules for the instance's kind: string rules for a string, and so on.
    private mutating func checkKindRules(_ node: UnsafePointer<CheckNode>, _ instance: JSONValue) -> Bool {
        switch instance {
        case .string(let text):
            if let rules = node.pointee.string { return rules.accepts(text, assertFormats: assertFormats) }
        case .int, .double:
            if let rules = node.pointee.number, let number = instance.doubleValue { return rules.accepts(instance, number) }
        case .array(let items):
            if let rules = node.pointee.array { return checkArray(items, rules) }
        case .object(let object):
            if let rules = node.pointee.object { return checkObject(object, rules) }
        case .null, .bool:
            break
        }
        return true
    }

    private mutating func spendStep() -> Bool {
        guard !undecided else { return false }
        steps += 1
        if steps > stepBudget || (steps & (Evaluator.cancellationInterval - 1) == 0 && ValidationDeadline.isReached) {
            undecided = true
        }
        return !undecided
    }

    // MARK: - Arrays and objects

    private mutating func checkArray(_ items: [JSONValue], _ rules: Frozen<ArrayRules>) -> Bool {
        if let minimum = rules.value.minItems, items.count < minimum { return false }
        if let maximum = rules.value.maxItems, items.count > maximum { return false }
        if rules.value.uniqueItems, Evaluator.firstDuplicate(items) != nil { return false }
        location += 1
        defer { location -= 1 }
        let prefix = rules.value.prefix
        for index in items.indices {
            let node: Int
            if index < prefix.count {
                node = prefix[index]
            } else if let rest = rules.value.rest {
                node = rest
            } else {
                break
            }
            if !check(node, items[index]) { return false }
        }
        if let contains = rules.value.contains {
            var matches = 0
            for item in items where check(contains.node, item) { matches += 1 }
            if matches < contains.minimum { return false }
            if let maximum = contains.maximum, matches > maximum { return false }
        }
        return true
    }

    private mutating func checkObject(_ object: JSONObject, _ rules: Frozen<ObjectRules>) -> Bool {
        if let minimum = rules.value.minProperties, object.count < minimum { return false }
        if let maximum = rules.value.maxProperties, object.count > maximum { return false }
        guard checkMembers(object, rules) else { return false }
        for required in rules.value.requiredElsewhere where !object.contains(required.name) && !isExempt(required.flags) { return false }
        if let names = rules.value.propertyNames {
            let outer = applying
            applying = []
            defer { applying = outer }
            for member in object.members where !check(names, .string(member.key)) { return false }
        }
        for (property, required) in rules.value.dependentRequired where object.contains(property) {
            for name in required where !object.contains(name) { return false }
        }
        for (property, node) in rules.value.dependentSchemas where object.contains(property) {
            if !check(node, .object(object)) { return false }
        }
        return true
    }

    /// Each member against its property, pattern or `additionalProperties` schema, counting the
    /// required properties met; only when some are missing are they looked for one by one.
    private mutating func checkMembers(_ object: JSONObject, _ rules: Frozen<ObjectRules>) -> Bool {
        location += 1
        defer { location -= 1 }
        var expected = 0
        var requiredMet = 0
        for member in object.members {
            var matched = false
            if let position = rules.value.position(of: member.key, expected: expected) {
                expected = position + 1
                matched = true
                let flags = rules.value.flags[position]
                if flags.contains(.required) { requiredMet += 1 }
                if direction == .request && flags.contains(.readOnly) || direction == .response && flags.contains(.writeOnly) { return false }
                if !check(rules.value.nodes[position], member.value) { return false }
            }
            for (regex, node) in rules.value.patterns where regex.matches(member.key) {
                matched = true
                if !check(node, member.value) { return false }
            }
            if !matched, let additional = rules.value.additional, !check(additional, member.value) { return false }
        }
        guard requiredMet < rules.value.requiredProperties else { return true }
        for position in rules.value.names.indices where rules.value.flags[position].contains(.required) && !object.contains(rules.value.names[position]) {
            if !isExempt(rules.value.flags[position]) { return false }
        }
        return true
    }

    /// A read-only property is not sent in requests; a write-only one is not returned in responses.
    private func isExempt(_ flags: PropertyFlags) -> Bool {
        switch direction {
        case .request: return flags.contains(.readOnly)
        case .response: return flags.contains(.writeOnly)
        case .neutral: return false
        }
    }

    // MARK: - Alternatives

    private mutating func checkAlternatives(_ alternatives: Alternatives, _ instance: JSONValue, exactlyOne: Bool) -> Bool {
        if let discriminator = alternatives.discriminator, let selected = discriminator.selection(for: instance) {
            return check(alternatives.nodes[selected], instance)
        }
        var matches = 0
        for node in alternatives.nodes where check(node, instance) {
            guard exactlyOne else { return true }
            matches += 1
            if matches > 1 { return false }
        }
        return matches == 1
    }
}
