import SpecterJSON
import SpecterSpec

/// Produces a valid example instance for a schema: what a form pre-fills and `specter example` prints.
///
/// Values the author wrote (`example`, `examples`, `default`, `const`, `enum`) are preferred when they
/// validate; otherwise one is built from the constraints (formats, bounds, lengths, patterns, required
/// properties, `allOf` merged, the first `oneOf`/`anyOf` alternative that works). Recursion stops at
/// a schema already being built on the same branch. Every candidate is checked by the validator.
public struct ExampleGenerator: Sendable {
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

    public func example(for schema: SchemaRef) -> Outcome {
        let compiled = validator.compile(schema)
        var builder = Builder(generator: self)
        if let value = builder.build(schema.value, at: schema.address, depth: 0) {
            return Outcome(value: value, errors: validator.validate(value, against: compiled))
        }
        var closest = Builder(generator: self, lenient: true)
        guard let attempt = closest.build(schema.value, at: schema.address, depth: 0) else {
            return Outcome(value: nil, errors: [ValidationError(path: [], keyword: "schema", message: "no value can satisfy this schema")])
        }
        return Outcome(value: attempt, errors: validator.validate(attempt, against: compiled))
    }

    fileprivate func isValid(_ value: JSONValue, _ schema: JSONValue, at address: NodeAddress) -> Bool {
        var ref = SchemaRef(value: schema, address: address)
        if address.pointer.resolve(in: documents.document(at: address.document)?.value ?? .null) != schema { ref.isSynthesized = true }
        return validator.validate(value, against: validator.compile(ref)).isEmpty
    }
}

private struct Builder {
    let generator: ExampleGenerator
    var branch: [NodeAddress] = []
    /// Inside `typeDirected`, which must not recurse into itself.
    var narrowing = false
    /// Builds the closest value even when nothing validates (to explain why).
    var lenient = false
    /// Leaves out every optional member (to get out of a `not` that a fuller value runs into).
    var minimal = false

    init(generator: ExampleGenerator, lenient: Bool = false) {
        self.generator = generator
        self.lenient = lenient
    }

    var direction: ValidationDirection { generator.validator.options.direction }

    mutating func build(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        switch schema {
        case .bool(let allowed): return allowed ? .string("string") : nil
        case .object: break
        default: return .string("string")
        }
        if case .string(let reference)? = schema["$ref"] {
            guard let target = try? generator.documents.dereference(schema, at: address) else { return nil }
            guard !branch.contains(target.address) else { return nil }
            branch.append(target.address)
            defer { branch.removeLast() }
            if case .object(var siblings) = schema, siblings.count > 1 {
                siblings["$ref"] = nil
                // 3.1 allows keywords beside $ref: both apply.
                return build(merge(.object(siblings), parts: [target.value], at: address, partAddresses: [target.address]), at: address, depth: depth)
            }
            return build(target.value, at: target.address, depth: depth)
        }
        for candidate in authored(schema) where generator.isValid(candidate, schema, at: address) {
            return candidate
        }
        if let parts = schema["allOf"]?.arrayValue, !parts.isEmpty {
            return build(merge(schema, parts: parts, at: address), at: address, depth: depth)
        }
        for keyword in ["oneOf", "anyOf"] {
            guard let alternatives = schema[keyword]?.arrayValue, !alternatives.isEmpty else { continue }
            var siblings = schema.objectValue ?? JSONObject()
            for consumed in [keyword, "discriminator", "example", "examples", "default"] { siblings[consumed] = nil }
            let hasSiblings = siblings.members.contains { !["description", "title", "nullable", "x-nullable"].contains($0.key) && !$0.key.hasPrefix("x-") }
            for (position, alternative) in alternatives.enumerated() {
                let alternativeAddress = address.appending(keyword).appending(position)
                let combined: JSONValue = hasSiblings ? merge(.object(siblings), parts: [alternative], at: address, partAddresses: [alternativeAddress]) : alternative
                guard let value = build(combined, at: hasSiblings ? address : alternativeAddress, depth: depth) else { continue }
                var candidates = [value]
                if let discriminator = schema["discriminator"]?["propertyName"]?.stringValue, case .object(var object) = value,
                   let tag = discriminatorValue(schema, alternative: alternative) {
                    // The mapped value first; some documents' implicit mappings disagree with the property's own enum.
                    object[discriminator] = tag
                    candidates.insert(.object(object), at: 0)
                }
                if lenient { return candidates[0] }
                if let valid = candidates.first(where: { generator.isValid($0, schema, at: address) }) { return valid }
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
            if !minimal, schema["not"] != nil || schema["anyOf"] != nil, let value, !generator.isValid(value, schema, at: address) {
                minimal = true
                defer { minimal = false }
                return object(schema, at: address, depth: depth) ?? value
            }
            return value
        default: scalar = string(schema)
        }
        // A built scalar can still miss (an enum whose every value breaks the format, say): then there is none.
        return lenient || generator.isValid(scalar, schema, at: address) ? scalar : nil
    }

    /// When no alternative works as built (alternatives that overlap, like a `{}` branch in a `oneOf`),
    /// tries the schema narrowed to each JSON type in turn.
    private mutating func typeDirected(_ schema: JSONValue, at address: NodeAddress, depth: Int) -> JSONValue? {
        guard !narrowing else { return nil }
        narrowing = true
        defer { narrowing = false }
        for type in ["object", "array", "string", "integer", "number", "boolean", "null"] {
            let narrowed = merge(schema, parts: [["type": .string(type)]], at: address, partAddresses: [address])
            if let value = build(narrowed, at: address, depth: depth), generator.isValid(value, schema, at: address) { return value }
        }
        return nil
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

    private func discriminatorValue(_ schema: JSONValue, alternative: JSONValue) -> JSONValue? {
        guard let reference = alternative["$ref"]?.stringValue else { return nil }
        if let mapping = schema["discriminator"]?["mapping"]?.objectValue, let entry = mapping.members.first(where: { $0.value.stringValue == reference }) {
            return .string(entry.key)
        }
        return reference.split(separator: "/").last.map { .string(String($0)) }
    }

    // MARK: - allOf

    private func merge(_ schema: JSONValue, parts: [JSONValue], at address: NodeAddress, partAddresses: [NodeAddress]? = nil) -> JSONValue {
        SchemaMerge.flatten(schema, parts: parts, at: address, partAddresses: partAddresses, documents: generator.documents, excluding: branch)
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
        let minimum = schema["minLength"]?.intValue ?? 0
        let maximum = schema["maxLength"]?.intValue
        var text: String
        if let pattern = schema["pattern"]?.stringValue, let sample = PatternSampler.sample(pattern, minimumLength: minimum) {
            text = sample
        } else if let format = schema["format"]?.stringValue, let sample = Self.formatSamples[format] {
            text = sample
        } else {
            text = "string"
        }
        if schema["pattern"] == nil {
            while text.unicodeScalars.count < minimum { text += "x" }
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
            guard let item = build(itemSchema, at: address.appending(schema["prefixItems"] != nil ? "prefixItems" : "items").appending(position), depth: depth + 1) else { return nil }
            items.append(item)
        }
        let minimum = schema["minItems"]?.intValue ?? 0
        let maximum = schema["maxItems"]?.intValue ?? Int.max
        if let contains = schema["contains"], let item = build(contains, at: address.appending("contains"), depth: depth + 1) {
            items.append(item)
        }
        let wanted = max(minimum, depth < generator.optionalDepth ? 1 : 0)
        if let itemSchema = schema["items"], itemSchema.arrayValue == nil, items.count < wanted {
            while items.count < min(wanted, maximum) {
                guard let item = build(itemSchema, at: address.appending("items"), depth: depth + 1) else { return minimum == 0 ? .array(items) : nil }
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
            let isRequired = required.contains(member.key)
            if !isRequired {
                guard !minimal, depth < generator.optionalDepth, !isHidden(member.value) else { continue }
            }
            let propertyAddress = address.appending("properties").appending(member.key)
            if let value = build(member.value, at: propertyAddress, depth: depth + 1) {
                object[member.key] = value
            } else if isRequired {
                return nil
            }
        }
        let additional = schema["additionalProperties"]
        for name in (schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []) where object[name] == nil && properties[name] == nil {
            let valueSchema: JSONValue = additional.flatMap { $0.boolValue == nil ? $0 : nil } ?? ["type": "string"]
            guard let value = build(valueSchema, at: address.appending("additionalProperties"), depth: depth + 1) else { return nil }
            object[name] = value
        }
        let minimum = schema["minProperties"]?.intValue ?? 0
        var counter = 1
        while object.count < minimum, additional != .bool(false) {
            let valueSchema: JSONValue = additional.flatMap { $0.boolValue == nil ? $0 : nil } ?? ["type": "string"]
            guard let value = build(valueSchema, at: address.appending("additionalProperties"), depth: depth + 1) else { return nil }
            object["property\(counter)"] = value
            counter += 1
        }
        for member in schema["dependentRequired"]?.objectValue?.members ?? schema["dependencies"]?.objectValue?.members ?? [] where object[member.key] != nil {
            for name in member.value.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                object[name] = properties[name].flatMap { build($0, at: address.appending("properties").appending(name), depth: depth + 1) } ?? .string("string")
            }
        }
        return .object(object)
    }

    /// Read-only members are not sent; write-only ones are not returned.
    private func isHidden(_ property: JSONValue) -> Bool {
        switch direction {
        case .request: return property["readOnly"] == .bool(true)
        case .response: return property["writeOnly"] == .bool(true)
        case .neutral: return false
        }
    }
}
