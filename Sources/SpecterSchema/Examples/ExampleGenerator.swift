import SpecterJSON
import SpecterSpec

/// Produces a valid example instance for a schema: what a form pre-fills and `specter example` prints.
///
/// Values the author wrote (`example`, `examples`, `default`, `const`, `enum`) are preferred when they
/// validate; otherwise one is built from the constraints (formats, bounds, lengths, patterns, required
/// properties, `allOf` merged, the first `oneOf`/`anyOf` alternative that works). Recursion stops at
/// a schema already being built on the same branch. Every candidate is checked by the validator.
public struct ExampleGenerator: Sendable {
    /// The longest string an example holds, whatever `minLength` asks.
    static let longestString = 1 << 16

    public let validator: SchemaValidator
    public let documents: DocumentSet
    /// How deep optional members are still filled in.
    public var optionalDepth = 3

    public init(validator: SchemaValidator, documents: DocumentSet) {
        self.validator = validator
        self.documents = documents
    }

    public init(document: APIDocument, direction: ValidationDirection = .neutral) {
        self.init(validator: SchemaValidator(document: document, options: ValidationOptions(direction: direction)), documents: document.documents)
    }

    /// A generated example and, when none validates, why.
    public struct Outcome: Sendable {
        /// A valid example, or when there is none the closest attempt.
        public var value: JSONValue?
        /// Empty when `value` is valid; otherwise what the closest attempt violates, which shows the
        /// contradiction (a property required to be both an array and an object, say).
        public var errors: [ValidationError]

        public var isValid: Bool { value != nil && errors.isEmpty }
    }

    /// Most work one example may take, in schema applications (building and checking candidates
    /// together): a safeguard that turns a schema too costly to satisfy into an error, never a hang.
    public var workBudget = 2_000_000
    /// How many `$ref`s, `allOf`s and alternatives deep one branch may nest.
    static let maximumNesting = 64

    public func example(for schema: SchemaRef) -> Outcome {
        let compiled = validator.compile(schema)
        var builder = Builder(generator: self, root: schema)
        if let value = builder.build(schema.value, at: schema.address, depth: 0) {
            return Outcome(value: value, errors: builder.check(value, against: compiled))
        }
        var closest = Builder(generator: self, root: schema, lenient: true)
        closest.work = builder.work
        let explanation = [builder.unfollowed ?? closest.unfollowed].compactMap { $0 }
        guard let attempt = closest.build(schema.value, at: schema.address, depth: 0) else {
            return Outcome(value: nil, errors: explanation + [closest.stopped ?? ValidationError(path: [], keyword: "schema", message: "no value can satisfy this schema")])
        }
        let errors = closest.check(attempt, against: compiled)
        return Outcome(value: attempt, errors: explanation + (errors.isEmpty ? closest.stopped.map { [$0] } ?? [] : errors))
    }
}

private struct Builder {
    let generator: ExampleGenerator
    /// Named schemas being built, from the root down: meeting one again is recursion, which ends there.
    var branch: [NodeAddress] = []
    /// Named schemas being applied at the current place of the instance (`$ref`s followed, `allOf`
    /// parts and alternatives merged): meeting one again there adds nothing new.
    var here: [NodeAddress] = []
    /// Inside `typeDirected`, which must not recurse into itself.
    var narrowing = false
    /// Builds the closest value even when nothing validates (to explain why).
    var lenient = false
    /// Leaves out every optional member (to get out of a `not` that a fuller value runs into).
    var minimal = false
    /// Compositions (`$ref`, `allOf`, alternatives) entered on the current branch.
    var nesting = 0
    /// Work done so far, in schema applications; see `ExampleGenerator.workBudget`.
    var work = 0
    /// Why building stopped early, once it has.
    var stopped: ValidationError?
    /// The first reference that could not be followed (refused, dangling), located where it is written.
    var unfollowed: ValidationError?

    init(generator: ExampleGenerator, root: SchemaRef, lenient: Bool = false) {
        self.generator = generator
        self.lenient = lenient
        // A named schema is on its own branch: `Pet: oneOf [Cat]` with `Cat: allOf [Pet]` ends there.
        if !root.isSynthesized {
            branch = [root.address]
            here = [root.address]
        }
    }

    var direction: ValidationDirection { generator.validator.options.direction }

    /// Counts one step of work; `false` once the budget is spent.
    mutating func spend(_ steps: Int = 1) -> Bool {
        work += steps
        if stopped == nil, work > generator.workBudget {
            stopped = ValidationError(path: [], keyword: "budget", message: "no example was found within \(generator.workBudget) steps: the schema is too costly to satisfy")
        }
        return stopped == nil
    }

    /// The errors of `value` against a compiled schema, charged to the budget.
    mutating func check(_ value: JSONValue, against compiled: SchemaValidator.Compiled) -> [ValidationError] {
        let outcome = generator.validator.validate(value, against: compiled, stepBudget: max(1, generator.workBudget - work))
        _ = spend(outcome.steps)
        return outcome.errors
    }

    mutating func isValid(_ value: JSONValue, _ schema: JSONValue, at address: NodeAddress) -> Bool {
        guard stopped == nil else { return false }
        var ref = SchemaRef(value: schema, address: address)
        let documents = generator.documents
        if address.pointer.resolve(in: documents.document(at: address.document)?.value ?? .null) != schema { ref.isSynthesized = true }
        return check(value, against: generator.validator.compile(ref)).isEmpty
    }

    /// Builds through a composition one level deeper, or gives up past `maximumNesting`. The named
    /// schemas merged into `schema` (`expanding`) are on the branch meanwhile, so a schema that comes
    /// back through one of them (`Dog: allOf [Pet]`, `Pet: oneOf [Dog]`) adds nothing new.
    private mutating func nested(_ schema: JSONValue, at address: NodeAddress, depth: Int, expanding: [NodeAddress] = []) -> JSONValue? {
        guard nesting < ExampleGenerator.maximumNesting else { return nil }
        nesting += 1
        here += expanding
        defer {
            nesting -= 1
            here.removeLast(expanding.count)
        }
        return build(schema, at: address, depth: depth)
    }

    /// Builds a member or an item: a new place of the instance, where nothing is being applied yet.
    private mutating func child(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        let outer = here
        here = []
        defer { here = outer }
        return build(schema, at: address, depth: depth)
    }

    /// Where the `$ref`s among `parts` lead (for putting them on the branch).
    private func targets(of parts: [JSONValue], at addresses: [NodeAddress]) -> [NodeAddress] {
        zip(parts, addresses).compactMap { part, address in
            part["$ref"]?.stringValue == nil ? nil : (try? generator.documents.dereference(part, at: address))?.address
        }
    }

    /// Building one schema costs about this many validation steps.
    private static let buildCost = 50

    mutating func build(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        guard spend(Self.buildCost) else { return nil }
        switch schema {
        case .bool(let allowed): return allowed ? .string("string") : nil
        case .object: break
        default: return .string("string")
        }
        if schema["$ref"]?.stringValue != nil {
            let target: (value: JSONValue, address: NodeAddress)
            do {
                target = try generator.documents.dereference(schema, at: address)
            } catch {
                if unfollowed == nil { unfollowed = ValidationError(path: [], keyword: "$ref", message: error.description) }
                return nil
            }
            guard !branch.contains(target.address) else { return nil }
            branch.append(target.address)
            here.append(target.address)
            defer {
                branch.removeLast()
                here.removeLast()
            }
            if case .object(var siblings) = schema, siblings.count > 1 {
                siblings["$ref"] = nil
                // 3.1 allows keywords beside $ref: both apply.
                return nested(merge(.object(siblings), parts: [target.value], at: address, partAddresses: [target.address]), at: address, depth: depth)
            }
            return nested(target.value, at: target.address, depth: depth)
        }
        for candidate in authored(schema) where isValid(candidate, schema, at: address) {
            return candidate
        }
        if let parts = schema["allOf"]?.arrayValue, !parts.isEmpty {
            let merged = merge(schema, parts: parts, at: address)
            return nested(merged, at: address, depth: depth, expanding: targets(of: parts, at: parts.indices.map { address.appending("allOf").appending($0) }))
        }
        for keyword in ["oneOf", "anyOf"] {
            guard let alternatives = schema[keyword]?.arrayValue, !alternatives.isEmpty else { continue }
            var siblings = schema.objectValue ?? JSONObject()
            for consumed in [keyword, "discriminator", "example", "examples", "default"] { siblings[consumed] = nil }
            let hasSiblings = siblings.members.contains { !["description", "title", "nullable", "x-nullable"].contains($0.key) && !$0.key.hasPrefix("x-") }
            let positions = alternatives.indices.map { (position: $0, expanding: isExpanding(alternatives[$0], at: address.appending(keyword).appending($0))) }
            // What is being built already comes first: building `Dog: allOf [Pet]` where `Pet: oneOf [Cat, Dog]` means a dog.
            for (position, expanding) in positions.filter(\.expanding) + positions.filter({ !$0.expanding }) {
                let alternative = alternatives[position]
                let alternativeAddress = address.appending(keyword).appending(position)
                let combined: JSONValue
                if expanding {
                    // The alternative is what is being built already (`Cat: allOf [Pet]`, `Pet: oneOf [Cat]`): it adds nothing new.
                    combined = .object(siblings)
                } else {
                    combined = hasSiblings ? merge(.object(siblings), parts: [alternative], at: address, partAddresses: [alternativeAddress]) : alternative
                }
                let merged = expanding || !hasSiblings ? [] : targets(of: [alternative], at: [alternativeAddress])
                guard let value = nested(combined, at: hasSiblings ? address : alternativeAddress, depth: depth, expanding: merged) else { continue }
                var candidates = [value]
                if let discriminator = DiscriminatorMapping(schema), case .object(var object) = value, let tag = discriminator.value(selecting: position) {
                    // The mapped value first; some documents' implicit mappings disagree with the property's own enum.
                    object[discriminator.propertyName] = .string(tag)
                    candidates.insert(.object(object), at: 0)
                }
                if lenient { return candidates[0] }
                if let valid = candidates.first(where: { isValid($0, schema, at: address) }) { return valid }
            }
            return typeDirected(schema, at: address, depth: depth)
        }
        let scalar: JSONValue
        switch primaryType(schema) {
        case nil: return lenient ? .string("string") : nil
        case "null": scalar = .null
        case "boolean": scalar = .bool(true)
        case "integer": scalar = integer(schema)
        case "number": scalar = number(schema)
        case "array": return array(schema, at: address, depth: depth)
        case "object":
            let value = object(schema, at: address, depth: depth)
            if !minimal, schema["not"] != nil || schema["anyOf"] != nil, let value, !isValid(value, schema, at: address) {
                minimal = true
                defer { minimal = false }
                return object(schema, at: address, depth: depth) ?? value
            }
            return value
        default: scalar = string(schema)
        }
        // A built scalar can still miss (an enum whose every value breaks the format, say): then there is none.
        return lenient || isValid(scalar, schema, at: address) ? scalar : nil
    }

    /// When no alternative works as built (alternatives that overlap, like a `{}` branch in a `oneOf`),
    /// tries the schema narrowed to each JSON type in turn.
    private mutating func typeDirected(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        guard !narrowing else { return nil }
        narrowing = true
        defer { narrowing = false }
        for type in ["object", "array", "string", "integer", "number", "boolean", "null"] {
            let narrowed = merge(schema, parts: [["type": .string(type)]], at: address, partAddresses: [address])
            if let value = build(narrowed, at: address, depth: depth), isValid(value, schema, at: address) { return value }
        }
        return nil
    }

    /// Whether an alternative refers to a schema being applied at this place already.
    private func isExpanding(_ alternative: JSONValue, at address: NodeAddress) -> Bool {
        guard alternative["$ref"]?.stringValue != nil, let target = try? generator.documents.dereference(alternative, at: address) else { return false }
        return here.contains(target.address)
    }

    /// Values the author wrote, most specific first.
    private func authored(_ schema: JSONValue) -> [JSONValue] {
        var candidates: [JSONValue] = []
        if let constant = schema["const"] { candidates.append(constant) }
        if let example = schema["example"] { candidates.append(example) }
        if let examples = schema["examples"]?.arrayValue { candidates += examples }
        if let value = schema["default"] { candidates.append(value) }
        if let options = schema["enum"]?.arrayValue { candidates += options.filter { !$0.isNull } + options.filter(\.isNull) }
        return candidates
    }

    /// The type to build, or `nil` when the types allowed have no common member (`type: []`).
    private func primaryType(_ schema: JSONValue) -> String? {
        switch schema["type"] {
        case .string(let type)?: return type
        case .array(let types)?:
            let names = types.compactMap(\.stringValue)
            return names.first { $0 != "null" } ?? names.first
        default:
            if schema["properties"] != nil || schema["additionalProperties"] != nil || schema["required"] != nil { return "object" }
            if schema["items"] != nil || schema["prefixItems"] != nil { return "array" }
            if schema["minimum"] != nil || schema["maximum"] != nil || schema["multipleOf"] != nil { return "number" }
            return "string"
        }
    }

    // MARK: - allOf

    private func merge(_ schema: JSONValue, parts: [JSONValue], at address: NodeAddress, partAddresses: [NodeAddress]? = nil) -> JSONValue {
        SchemaMerge.flatten(schema, parts: parts, at: address, partAddresses: partAddresses, documents: generator.documents, skipping: branch, shallow: here)
    }

    // MARK: - Scalars

    private func integer(_ schema: JSONValue) -> JSONValue {
        let value = (number(schema, integral: true).doubleValue ?? 0).rounded(.up)
        return abs(value) < 9e18 ? .int(Int(value)) : .double(value)
    }

    private func number(_ schema: JSONValue) -> JSONValue {
        number(schema, integral: false)
    }

    private func number(_ schema: JSONValue, integral: Bool) -> JSONValue {
        let step = schema["multipleOf"]?.doubleValue ?? (integral ? 1 : 0)
        var low = -Double.infinity, high = Double.infinity
        if let minimum = schema["minimum"]?.doubleValue { low = schema["exclusiveMinimum"] == .bool(true) ? nextAbove(minimum, step: step, integral: integral) : minimum }
        if let minimum = schema["exclusiveMinimum"]?.doubleValue { low = max(low, nextAbove(minimum, step: step, integral: integral)) }
        if let maximum = schema["maximum"]?.doubleValue { high = schema["exclusiveMaximum"] == .bool(true) ? nextBelow(maximum, step: step, integral: integral) : maximum }
        if let maximum = schema["exclusiveMaximum"]?.doubleValue { high = min(high, nextBelow(maximum, step: step, integral: integral)) }
        var value = low.isFinite ? low : (high.isFinite && high < 0 ? high : 0)
        if step > 0 {
            value = (value / step).rounded(.up) * step
            if value > high { value = (high / step).rounded(.down) * step }
        }
        if integral { value = value.rounded(.up) }
        return value.rounded() == value && abs(value) < 9e15 ? .int(Int(value)) : .double(value)
    }

    private func nextAbove(_ value: Double, step: Double, integral: Bool) -> Double {
        if integral { return value.rounded(.down) + 1 }
        return step > 0 ? value + step : value + max(abs(value) * 1e-9, 0.001)
    }

    private func nextBelow(_ value: Double, step: Double, integral: Bool) -> Double {
        if integral { return value.rounded(.up) - 1 }
        return step > 0 ? value - step : value - max(abs(value) * 1e-9, 0.001)
    }

    private func string(_ schema: JSONValue) -> JSONValue {
        // Lengths from outside are bounded: a negative one is none, a huge one is cut to what an example can be.
        let minimum = min(max(0, schema["minLength"]?.intValue ?? 0), ExampleGenerator.longestString)
        let maximum = schema["maxLength"]?.intValue.map { max(0, $0) }
        var text: String
        if let pattern = schema["pattern"]?.stringValue, let sample = PatternSampler.sample(pattern, minimumLength: minimum) {
            text = sample
        } else if let format = schema["format"]?.stringValue, let sample = Self.formatSamples[format] {
            text = sample
        } else {
            text = "string"
        }
        if schema["pattern"] == nil {
            let missing = minimum - text.unicodeScalars.count
            if missing > 0 { text += String(repeating: "x", count: missing) }
            if let maximum, text.unicodeScalars.count > maximum { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximum))) }
        }
        return .string(text)
    }

    static let formatSamples: [String: String] = [
        "date": "2024-01-15", "date-time": "2024-01-15T09:30:00Z", "time": "09:30:00Z", "duration": "P1DT2H",
        "email": "user@example.com", "idn-email": "user@example.com", "hostname": "example.com", "idn-hostname": "example.com",
        "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "uri": "https://example.com/", "iri": "https://example.com/",
        "uri-reference": "/example", "iri-reference": "/example", "uri-template": "https://example.com/{id}",
        "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "json-pointer": "/example", "relative-json-pointer": "0",
        "regex": "^[a-z]+$", "byte": "U3BlY3Rlcg==", "binary": "", "password": "secret", "int32": "0", "int64": "0",
    ]

    // MARK: - Collections

    private mutating func array(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        var items: [JSONValue] = []
        let prefix = schema["prefixItems"]?.arrayValue ?? (schema["items"]?.arrayValue ?? [])
        for (position, itemSchema) in prefix.enumerated() {
            guard let item = child(itemSchema, at: address.appending(schema["prefixItems"] != nil ? "prefixItems" : "items").appending(position), depth: depth + 1) else { return nil }
            items.append(item)
        }
        let minimum = schema["minItems"]?.intValue ?? 0
        let maximum = schema["maxItems"]?.intValue ?? Int.max
        if let contains = schema["contains"], let item = child(contains, at: address.appending("contains"), depth: depth + 1) {
            items.append(item)
        }
        let wanted = max(minimum, depth < generator.optionalDepth ? 1 : 0)
        if let itemSchema = schema["items"], itemSchema.arrayValue == nil, items.count < wanted {
            while items.count < min(wanted, maximum) {
                guard let item = child(itemSchema, at: address.appending("items"), depth: depth + 1) else { return minimum == 0 ? .array(items) : nil }
                items.append(schema["uniqueItems"] == .bool(true) ? distinct(item, from: items) : item)
            }
        }
        return .array(Array(items.prefix(maximum)))
    }

    /// A variant of `item` not already in `items` (for `uniqueItems`).
    private func distinct(_ item: JSONValue, from items: [JSONValue]) -> JSONValue {
        var candidate = item
        var counter = 1
        while items.contains(candidate) && counter < 100 {
            switch item {
            case .int(let value): candidate = .int(value + counter)
            case .double(let value): candidate = .double(value + Double(counter))
            case .string(let text): candidate = .string(text + String(counter))
            case .bool(let flag): candidate = .bool(!flag)
            default: return candidate
            }
            counter += 1
        }
        return candidate
    }

    private mutating func object(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        var object = JSONObject()
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let properties = schema["properties"]?.objectValue ?? JSONObject()
        for member in properties.members {
            let propertyAddress = address.appending("properties").appending(member.key)
            // Not sent (read-only) or not returned (write-only), even when required: the validator exempts it too.
            if isHidden(member.value, at: propertyAddress) { continue }
            let isRequired = required.contains(member.key)
            if !isRequired {
                guard !minimal, depth < generator.optionalDepth else { continue }
            }
            if let value = child(member.value, at: propertyAddress, depth: depth + 1) {
                object[member.key] = value
            } else if isRequired {
                return nil
            }
        }
        let additional = schema["additionalProperties"]
        for name in (schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []) where object[name] == nil && properties[name] == nil {
            let valueSchema: JSONValue = additional.flatMap { $0.boolValue == nil ? $0 : nil } ?? ["type": "string"]
            guard let value = child(valueSchema, at: address.appending("additionalProperties"), depth: depth + 1) else { return nil }
            object[name] = value
        }
        let minimum = schema["minProperties"]?.intValue ?? 0
        var counter = 1
        while object.count < minimum, additional != .bool(false) {
            let valueSchema: JSONValue = additional.flatMap { $0.boolValue == nil ? $0 : nil } ?? ["type": "string"]
            guard let value = child(valueSchema, at: address.appending("additionalProperties"), depth: depth + 1) else { return nil }
            object["property\(counter)"] = value
            counter += 1
        }
        for member in schema["dependentRequired"]?.objectValue?.members ?? schema["dependencies"]?.objectValue?.members ?? [] where object[member.key] != nil {
            for name in member.value.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                object[name] = properties[name].flatMap { child($0, at: address.appending("properties").appending(name), depth: depth + 1) } ?? .string("string")
            }
        }
        return .object(object)
    }

    /// Read-only members are not sent; write-only ones are not returned (flagged on the member or
    /// on the schema its `$ref` names).
    private func isHidden(_ property: JSONValue, at address: NodeAddress) -> Bool {
        let flag: String
        switch direction {
        case .request: flag = "readOnly"
        case .response: flag = "writeOnly"
        case .neutral: return false
        }
        if property[flag] == .bool(true) { return true }
        guard property["$ref"]?.stringValue != nil, let target = try? generator.documents.dereference(property, at: address) else { return false }
        return target.value[flag] == .bool(true)
    }
}
