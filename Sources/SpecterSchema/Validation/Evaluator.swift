import Foundation
import SpecterJSON

/// What subschemas evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Annotations {
    var properties: Set<String> = []
    var allItems = false
    var prefixItems = 0
    var itemIndices: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        properties.formUnion(other.properties)
        allItems = allItems || other.allItems
        prefixItems = max(prefixItems, other.prefixItems)
        itemIndices.formUnion(other.itemIndices)
    }
}

/// Applies compiled schemas to an instance. One evaluator per validation; it keeps the current
/// instance path, the dynamic scope for `$dynamicRef`, the schemas being applied, and the errors found.
///
/// Every evaluation is bounded: a schema applied again to the instance location it is already being
/// applied to is a cycle and adds nothing (`Pet: oneOf [Cat]`, `Cat: allOf [Pet]`), nesting stops at
/// `maximumDepth`, and a step budget and task cancellation end the rest.
struct Evaluator {
    let registry: SchemaRegistry
    let options: ValidationOptions
    private(set) var errors: [ValidationError] = []
    /// Set when the evaluation ended early; the result is then incomplete (and invalid).
    private(set) var stop: ValidationError?
    private(set) var stopReason: ValidationStop?
    private(set) var steps = 0
    private var path: [PathComponent] = []
    private var dynamicScope: [String] = []
    /// Schemas entered through a reference (or at the root) and still being applied, with the depth of
    /// the instance location each applies to: on the active chain, equal depth means the same location.
    private var applying: [(schema: ObjectIdentifier, location: Int)] = []
    private var depth = 0
    /// Whether failures are being recorded (off inside `not`, and when only a yes/no is wanted).
    private var recording: Bool

    static let maximumDepth = 300
    /// How often (in steps) the evaluation asks whether to stop (`ValidationDeadline`; a power of two).
    static let cancellationInterval = 4096

    init(registry: SchemaRegistry, options: ValidationOptions) {
        self.registry = registry
        self.options = options
        recording = options.collectAllErrors
    }

    mutating func validate(_ schema: CompiledSchema, _ instance: JSONValue) -> Bool {
        var annotations: Annotations?
        let valid = applyOnce(schema, instance, &annotations)
        if let stop { errors.append(stop) }
        return valid && stop == nil
    }

    // MARK: - Schemas

    /// Applies a schema reached by reference, unless it is already being applied at this location.
    private mutating func applyOnce(_ schema: CompiledSchema, _ instance: JSONValue, _ annotations: inout Annotations?) -> Bool {
        let key = (schema: ObjectIdentifier(schema), location: path.count)
        if applying.contains(where: { $0 == key }) { return true }
        applying.append(key)
        defer { applying.removeLast() }
        return evaluate(schema, instance, &annotations)
    }

    private mutating func evaluate(_ schema: CompiledSchema, _ instance: JSONValue, _ annotations: inout Annotations?) -> Bool {
        if let constant = schema.constant {
            if !constant { fail("false", "is not allowed here") }
            return constant
        }
        guard spendStep() else { return false }
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maximumDepth else {
            fail("depth", "the schema nests more than \(Self.maximumDepth) levels deep here; it is not checked further")
            return false
        }
        let entersResource = dynamicScope.last != schema.baseURI
        if entersResource { dynamicScope.append(schema.baseURI) }
        defer { if entersResource { dynamicScope.removeLast() } }
        var local: Annotations? = annotations != nil || schema.needsAnnotations ? Annotations() : nil
        var valid = true
        for keyword in schema.keywords where !check(keyword, in: schema, instance, &local) {
            valid = false
            if !options.collectAllErrors || stop != nil { return false }
        }
        if valid, annotations != nil, let local { annotations?.merge(local) }
        return valid
    }

    /// Counts one step; `false` once the budget is spent or the task was cancelled.
    private mutating func spendStep() -> Bool {
        guard stop == nil else { return false }
        steps += 1
        if steps > options.stepBudget {
            stopReason = .budget(options.stepBudget)
            stop = ValidationError(path: path, keyword: "budget", message: "not checked to the end: the check took more than \(options.stepBudget) steps")
        } else if steps % Self.cancellationInterval == 0, ValidationDeadline.isReached {
            stopReason = .cancelled
            stop = ValidationError(path: path, keyword: "cancelled", message: "not checked to the end: the check was stopped")
        }
        return stop == nil
    }

    /// Evaluates a subschema at a child location.
    private mutating func evaluate(_ schema: CompiledSchema, _ instance: JSONValue, at component: PathComponent, _ annotations: inout Annotations?) -> Bool {
        path.append(component)
        defer { path.removeLast() }
        return evaluate(schema, instance, &annotations)
    }

    /// Evaluates without reporting, returning the errors it would have reported.
    private mutating func trial(_ schema: CompiledSchema, _ instance: JSONValue, _ annotations: inout Annotations?) -> (valid: Bool, errors: [ValidationError]) {
        let saved = errors.count
        let valid = evaluate(schema, instance, &annotations)
        let found = Array(errors[saved...])
        errors.removeSubrange(saved...)
        return (valid, found)
    }

    /// Evaluates a value that is not part of the instance (a property name): nothing being applied applies to it.
    private mutating func detached(_ schema: CompiledSchema, _ value: JSONValue) -> (valid: Bool, errors: [ValidationError]) {
        let outer = applying
        applying = []
        defer { applying = outer }
        var ignored: Annotations?
        return trial(schema, value, &ignored)
    }

    private mutating func fail(_ keyword: String, _ message: @autoclosure () -> String, at extra: PathComponent? = nil) {
        guard recording else { return }
        var location = path
        if let extra { location.append(extra) }
        errors.append(ValidationError(path: location, keyword: keyword, message: message()))
    }

    // MARK: - Keywords

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func check(_ keyword: Keyword, in schema: CompiledSchema, _ instance: JSONValue, _ annotations: inout Annotations?) -> Bool {
        switch keyword {
        case .type(let types):
            guard types.contains(typeOf: instance) else {
                fail("type", "must be \(types.phrase)")
                return false
            }
            return true
        case .enumeration(let options):
            guard options.contains(instance) else {
                fail("enum", "must be one of: " + Self.list(options))
                return false
            }
            return true
        case .constant(let expected):
            guard instance == expected else {
                fail("const", "must be \(Self.describe(expected))")
                return false
            }
            return true
        case .multipleOf(let divisor):
            guard instance.isNumber, let number = instance.doubleValue else { return true }
            guard Self.isMultiple(instance, of: divisor, number: number) else {
                fail("multipleOf", "must be a multiple of \(divisor.shortDescription)")
                return false
            }
            return true
        case .minimum(let limit, let exclusive):
            guard instance.isNumber, let number = instance.doubleValue else { return true }
            guard exclusive ? number > limit : number >= limit else {
                fail(exclusive ? "exclusiveMinimum" : "minimum", exclusive ? "must be greater than \(limit.shortDescription)" : "must be at least \(limit.shortDescription)")
                return false
            }
            return true
        case .maximum(let limit, let exclusive):
            guard instance.isNumber, let number = instance.doubleValue else { return true }
            guard exclusive ? number < limit : number <= limit else {
                fail(exclusive ? "exclusiveMaximum" : "maximum", exclusive ? "must be less than \(limit.shortDescription)" : "must be at most \(limit.shortDescription)")
                return false
            }
            return true
        case .minLength(let length):
            guard case .string(let text) = instance, text.unicodeScalars.count < length else { return true }
            fail("minLength", length == 1 ? "must not be empty" : "must be at least \(Self.count(length, "character"))")
            return false
        case .maxLength(let length):
            guard case .string(let text) = instance, text.unicodeScalars.count > length else { return true }
            fail("maxLength", "must be at most \(Self.count(length, "character"))")
            return false
        case .pattern(let regex):
            guard case .string(let text) = instance, !regex.matches(text) else { return true }
            fail("pattern", "must match the pattern \(regex.source)")
            return false
        case .format(let format):
            guard case .string(let text) = instance, options.assertFormats, let check = Formats.checker(for: format, modern: schema.dialect.isModern), !check(text) else { return true }
            fail("format", Formats.problem(for: format, text) ?? "must be \(Formats.phrase(for: format))")
            return false
        case .minItems(let count):
            guard case .array(let items) = instance, items.count < count else { return true }
            fail("minItems", "must have at least \(Self.count(count, "item"))")
            return false
        case .maxItems(let count):
            guard case .array(let items) = instance, items.count > count else { return true }
            fail("maxItems", "must have at most \(Self.count(count, "item"))")
            return false
        case .uniqueItems:
            guard case .array(let items) = instance, let duplicate = Self.firstDuplicate(items) else { return true }
            fail("uniqueItems", "must not contain duplicates (items \(duplicate.0) and \(duplicate.1) are equal)")
            return false
        case .items(let prefix, let rest):
            return checkItems(instance, prefix: prefix, rest: rest, &annotations)
        case .contains(let schema, let minimum, let maximum):
            return checkContains(instance, schema, minimum: minimum, maximum: maximum, &annotations)
        case .minProperties(let count):
            guard case .object(let object) = instance, object.count < count else { return true }
            fail("minProperties", "must have at least \(Self.count(count, "property", plural: "properties"))")
            return false
        case .maxProperties(let count):
            guard case .object(let object) = instance, object.count > count else { return true }
            fail("maxProperties", "must have at most \(Self.count(count, "property", plural: "properties"))")
            return false
        case .required(let names):
            return checkRequired(instance, names, in: schema)
        case .properties(let group):
            return checkProperties(instance, group, &annotations)
        case .propertyNames(let names):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object.members {
                let outcome = detached(names, .string(member.key))
                if !outcome.valid {
                    valid = false
                    fail("propertyNames", "property name \"\(member.key)\" is not allowed: " + (outcome.errors.first?.message ?? "it does not match propertyNames"))
                    if !options.collectAllErrors { return false }
                }
            }
            return valid
        case .dependentRequired(let dependencies):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for (property, required) in dependencies where object.contains(property) {
                for name in required where !object.contains(name) {
                    fail("dependentRequired", "property \"\(name)\" is required when \"\(property)\" is present")
                    valid = false
                }
            }
            return valid
        case .dependentSchemas(let dependencies):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for (property, dependent) in dependencies where object.contains(property) {
                if !evaluate(dependent, instance, &annotations) { valid = false }
            }
            return valid
        case .allOf(let schemas):
            var valid = true
            for subschema in schemas where !evaluate(subschema, instance, &annotations) {
                valid = false
                if !options.collectAllErrors { return false }
            }
            return valid
        case .anyOf(let schemas, let discriminator):
            return checkAlternatives(instance, schemas, exactlyOne: false, discriminator: discriminator, &annotations)
        case .oneOf(let schemas, let discriminator):
            return checkAlternatives(instance, schemas, exactlyOne: true, discriminator: discriminator, &annotations)
        case .not(let negated):
            var ignored: Annotations?
            let wasRecording = recording
            recording = false
            let matched = evaluate(negated, instance, &ignored)
            recording = wasRecording
            if matched { fail("not", "must not match the schema in \"not\"") }
            return !matched
        case .conditional(let condition, let then, let otherwise):
            var conditionAnnotations: Annotations? = annotations == nil ? nil : Annotations()
            let matched = trial(condition, instance, &conditionAnnotations).valid
            if matched, let conditionAnnotations { annotations?.merge(conditionAnnotations) }
            guard let branch = matched ? then : otherwise else { return true }
            return evaluate(branch, instance, &annotations)
        case .reference(let link):
            switch link.target(in: registry) {
            case .success(let target):
                guard let end = endOfChain(from: target) else { return true }
                return applyOnce(end, instance, &annotations)
            case .failure(let error):
                let message = registry.explainUnresolved?(link.reference, schema.place) ?? error.description
                fail("$ref", message)
                return false
            }
        case .dynamicReference(let link, let anchor):
            switch link.target(in: registry) {
            case .success(var target):
                if let anchor, target.dynamicAnchor == anchor {
                    for resource in dynamicScope {
                        if let outermost = registry.dynamicAnchor(anchor, inResource: resource) {
                            target = outermost
                            break
                        }
                    }
                }
                return applyOnce(target, instance, &annotations)
            case .failure(let error):
                fail("$dynamicRef", error.description)
                return false
            }
        case .unevaluatedItems(let schema):
            guard case .array(let items) = instance, let evaluated = annotations, !evaluated.allItems else { return true }
            var valid = true
            for index in evaluated.prefixItems..<max(evaluated.prefixItems, items.count) where !evaluated.itemIndices.contains(index) {
                var ignored: Annotations?
                if !evaluate(schema, items[index], at: .index(index), &ignored) {
                    valid = false
                    if !options.collectAllErrors { return false }
                }
            }
            if valid { annotations?.allItems = true }
            return valid
        case .unevaluatedProperties(let schema):
            guard case .object(let object) = instance, let evaluated = annotations else { return true }
            var valid = true
            for member in object.members where !evaluated.properties.contains(member.key) {
                if schema.constant == false {
                    fail("unevaluatedProperties", "unexpected property \"\(member.key.abbreviated())\"")
                    valid = false
                } else {
                    var ignored: Annotations?
                    if !evaluate(schema, member.value, at: .key(member.key), &ignored) { valid = false }
                }
                if !valid && !options.collectAllErrors { return false }
                annotations?.properties.insert(member.key)
            }
            return valid
        }
    }

    /// Where a chain of schemas that are nothing but a `$ref` ends, followed in a loop so a chain of
    /// thousands costs no depth; `nil` for a chain that comes back on itself (which adds nothing).
    private mutating func endOfChain(from start: CompiledSchema) -> CompiledSchema? {
        var current = start
        var seen: Set<ObjectIdentifier> = []
        // Only schemas whose entry would not change the dynamic scope can be stepped over.
        while current.constant == nil, current.keywords.count == 1, case .reference(let next) = current.keywords[0],
              !current.isResourceRoot, current.dynamicAnchor == nil, current.baseURI == dynamicScope.last,
              case .success(let target) = next.target(in: registry) {
            guard seen.insert(ObjectIdentifier(current)).inserted, spendStep() else { return nil }
            current = target
        }
        return current
    }

    private mutating func checkItems(_ instance: JSONValue, prefix: [CompiledSchema], rest: CompiledSchema?, _ annotations: inout Annotations?) -> Bool {
        guard case .array(let items) = instance else { return true }
        var valid = true
        for (index, item) in items.enumerated() {
            let schema: CompiledSchema
            if index < prefix.count {
                schema = prefix[index]
            } else if let rest {
                schema = rest
            } else {
                break
            }
            var ignored: Annotations?
            if schema.constant == false, index >= prefix.count {
                fail("items", "must have at most \(Self.count(prefix.count, "item"))")
                valid = false
                break
            }
            if !evaluate(schema, item, at: .index(index), &ignored) {
                valid = false
                if !options.collectAllErrors { return false }
            }
        }
        if valid {
            let evaluatedPrefix = max(annotations?.prefixItems ?? 0, min(prefix.count, items.count))
            annotations?.prefixItems = evaluatedPrefix
            if rest != nil { annotations?.allItems = true }
        }
        return valid
    }

    private mutating func checkContains(_ instance: JSONValue, _ schema: CompiledSchema, minimum: Int, maximum: Int?, _ annotations: inout Annotations?) -> Bool {
        guard case .array(let items) = instance else { return true }
        var matches: [Int] = []
        for (index, item) in items.enumerated() {
            var ignored: Annotations?
            path.append(.index(index))
            if trial(schema, item, &ignored).valid { matches.append(index) }
            path.removeLast()
        }
        if matches.count < minimum {
            fail("contains", minimum == 1 ? "must contain at least one item that matches \"contains\"" : "must contain at least \(minimum) items that match \"contains\"")
            return false
        }
        if let maximum, matches.count > maximum {
            fail("maxContains", "must contain at most \(Self.count(maximum, "item")) that match \"contains\"")
            return false
        }
        annotations?.itemIndices.formUnion(matches)
        return true
    }

    private mutating func checkRequired(_ instance: JSONValue, _ names: [String], in schema: CompiledSchema) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for name in names where !object.contains(name) {
            if let property = schema.declaredProperty(name, in: registry), isExempt(property) { continue }
            fail("required", "required property \"\(name)\" is missing")
            valid = false
            if !options.collectAllErrors { return false }
        }
        return valid
    }

    /// A read-only property is not sent in requests; a write-only one is not returned in responses.
    private func isExempt(_ property: CompiledSchema) -> Bool {
        switch options.direction {
        case .request: return property.readOnly || resolvedFlag(property, \.readOnly)
        case .response: return property.writeOnly || resolvedFlag(property, \.writeOnly)
        case .neutral: return false
        }
    }

    /// Reads a flag through a pure `$ref` (`{"$ref": "#/components/schemas/Id"}` where `Id` is read-only).
    private func resolvedFlag(_ schema: CompiledSchema, _ flag: KeyPath<CompiledSchema, Bool>) -> Bool {
        guard case .reference(let link)? = schema.keywords.first, case .success(let target) = link.target(in: registry) else { return false }
        return target[keyPath: flag]
    }

    private mutating func checkProperties(_ instance: JSONValue, _ group: PropertiesGroup, _ annotations: inout Annotations?) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for member in object.members {
            var matched = false
            var ignored: Annotations?
            if let schema = group.named[member.key] {
                matched = true
                if schema.constant == false {
                    fail("properties", "property \"\(member.key.abbreviated())\" is not allowed")
                    valid = false
                } else if options.direction == .request && (schema.readOnly || resolvedFlag(schema, \.readOnly)) {
                    fail("readOnly", "is read-only and must not be sent", at: .key(member.key))
                    valid = false
                } else if options.direction == .response && (schema.writeOnly || resolvedFlag(schema, \.writeOnly)) {
                    fail("writeOnly", "is write-only and must not be returned", at: .key(member.key))
                    valid = false
                } else if !evaluate(schema, member.value, at: .key(member.key), &ignored) {
                    valid = false
                }
            }
            for (regex, schema) in group.patterns where regex.matches(member.key) {
                matched = true
                if !evaluate(schema, member.value, at: .key(member.key), &ignored) { valid = false }
            }
            if !matched, let additional = group.additional {
                matched = true
                if additional.constant == false {
                    fail("additionalProperties", "unexpected property \"\(member.key.abbreviated())\"")
                    valid = false
                } else if !evaluate(additional, member.value, at: .key(member.key), &ignored) {
                    valid = false
                }
            }
            if matched { annotations?.properties.insert(member.key) }
            if !valid && !options.collectAllErrors { return false }
        }
        return valid
    }

    /// `anyOf` / `oneOf`. In the OpenAPI dialects a discriminator whose property names an alternative
    /// picks that one alternative (what the discriminator is for: overlapping alternatives such as
    /// `Cat` and `Dog` that both extend `Pet` would otherwise match together). When nothing matches,
    /// only the closest alternative is reported (the one with the fewest and deepest errors).
    private mutating func checkAlternatives(_ instance: JSONValue, _ schemas: [CompiledSchema], exactlyOne: Bool, discriminator: DiscriminatorMapping?, _ annotations: inout Annotations?) -> Bool {
        if let discriminator, let selected = discriminator.selection(for: instance) {
            return evaluate(schemas[selected], instance, &annotations)
        }
        var matching: [Int] = []
        var failures: [(index: Int, errors: [ValidationError])] = []
        for (index, schema) in schemas.enumerated() {
            var branchAnnotations: Annotations? = annotations == nil ? nil : Annotations()
            let outcome = trial(schema, instance, &branchAnnotations)
            if stop != nil { return false }
            if outcome.valid {
                matching.append(index)
                if let branchAnnotations { annotations?.merge(branchAnnotations) }
                if !exactlyOne && annotations == nil { return true }
                if exactlyOne && matching.count > 1 && !recording { return false }
            } else {
                failures.append((index, outcome.errors))
            }
        }
        let keyword = exactlyOne ? "oneOf" : "anyOf"
        if matching.isEmpty {
            guard recording else { return false }
            let chosen = closestAlternative(failures, schemas: schemas)
            if let discriminator, instance.objectValue != nil {
                fail(keyword, Self.unselected(discriminator, in: instance))
            } else if !Self.isNullableWrapper(schemas) || instance == .null {
                fail(keyword, "does not match any of the \(schemas.count) alternatives; closest is \(Self.alternativeName(schemas[chosen.index], position: chosen.index))")
            }
            errors += chosen.errors
            return false
        }
        if exactlyOne && matching.count > 1 {
            let names = matching.map { Self.alternativeName(schemas[$0], position: $0) }
            var message = "matches more than one alternative (\(names.joined(separator: " and "))); it must match exactly one"
            if let discriminator { message += "; " + Self.unselected(discriminator, in: instance) }
            fail(keyword, message)
            return false
        }
        return true
    }

    /// `Optional[X]` as Pydantic writes it: `anyOf: [X, {type: null}]`. A non-null value that fails is X's failure alone.
    private static func isNullableWrapper(_ schemas: [CompiledSchema]) -> Bool {
        schemas.count == 2 && schemas.contains { schema in
            schema.keywords.count == 1 && { if case .type(let types) = schema.keywords[0] { return types == .null }; return false }()
        }
    }

    /// Why a discriminator chose nothing: its property is missing or names no alternative.
    private static func unselected(_ discriminator: DiscriminatorMapping, in instance: JSONValue) -> String {
        let values = discriminator.values.joined(separator: ", ")
        switch instance[discriminator.propertyName] {
        case .string(let value)?: return "\(discriminator.propertyName) \"\(value)\" selects none of the alternatives (\(values))"
        case nil: return "\(discriminator.propertyName) is missing, so no alternative is selected (\(values))"
        case let other?: return "\(discriminator.propertyName) must be a string naming an alternative (\(values)), not \(describe(other))"
        }
    }

    private func closestAlternative(_ failures: [(index: Int, errors: [ValidationError])], schemas: [CompiledSchema]) -> (index: Int, errors: [ValidationError]) {
        let depthOfRoot = path.count
        return failures.min { lhs, rhs in score(lhs.errors, rootDepth: depthOfRoot) < score(rhs.errors, rootDepth: depthOfRoot) } ?? (0, [])
    }

    /// Lower is closer: a wrong type at the alternative's own level is far; a few errors deep inside are near.
    private func score(_ errors: [ValidationError], rootDepth: Int) -> Int {
        errors.reduce(0) { total, error in
            let shallow = error.path.count <= rootDepth
            return total + (shallow && (error.keyword == "type" || error.keyword == "const" || error.keyword == "enum") ? 100 : shallow ? 10 : 1)
        }
    }

    private static func alternativeName(_ schema: CompiledSchema, position: Int) -> String {
        schema.displayName ?? referenceName(schema) ?? "alternative \(position + 1)"
    }

    private static func referenceName(_ schema: CompiledSchema) -> String? {
        guard case .reference(let link)? = schema.keywords.first else { return nil }
        return link.reference.split(separator: "/").last.map(String.init)
    }

    // MARK: - Wording

    static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(plural ?? noun + "s")"
    }

    static func describe(_ value: JSONValue) -> String {
        if case .string(let text) = value { return "\"\(text.abbreviated())\"" }
        return value.description.abbreviated()
    }

    static func list(_ options: [JSONValue]) -> String {
        let shown = options.prefix(12).map { option -> String in
            if case .string(let text) = option, !text.isEmpty, !text.contains(",") { return text.abbreviated() }
            return option.description.abbreviated()
        }
        return shown.joined(separator: ", ") + (options.count > 12 ? ", … (\(options.count) in all)" : "")
    }

    static func isMultiple(_ instance: JSONValue, of divisor: Double, number: Double) -> Bool {
        if case .int(let integer) = instance, divisor.rounded() == divisor, abs(divisor) < 9e18 {
            return integer % Int(divisor) == 0
        }
        let quotient = number / divisor
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        // Short arrays (the usual) are compared pairwise, without hashing or allocating.
        if items.count <= 16 {
            for later in items.indices.dropFirst() {
                for earlier in 0..<later where items[earlier] == items[later] { return (earlier, later) }
            }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            if let earlier = seen[item] { return (earlier, index) }
            seen[item] = index
        }
        return nil
    }
}
