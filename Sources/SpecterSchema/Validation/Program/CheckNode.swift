import SpecterJSON

/// One schema of a `CheckProgram`: its keywords sorted by the kind of instance they apply to, so a
/// string meets only the string rules, and its subschemas named by their index in the program.
/// Everything here is decided when the program is built; checking only reads it.
struct CheckNode {
    enum Kind {
        /// `true`.
        case anything
        /// `false`, or a `$ref` that cannot be followed.
        case nothing
        case rules
        /// Only the `Evaluator` can judge it (`$dynamicRef`, `unevaluated*`).
        case undecided
    }

    var kind: Kind = .anything
    /// `type`, if the schema has it.
    var types: TypeSet?
    /// `enum` and `const`: the instance must equal one of each list.
    var allowedValues: [[JSONValue]] = []
    var number: NumberRules?
    var string: StringRules?
    var array: Frozen<ArrayRules>?
    var object: Frozen<ObjectRules>?
    /// `$ref`: the node applied through it (once per instance location, so cycles end).
    var reference: Int?
    var allOf: [Int] = []
    var anyOf: Alternatives?
    var oneOf: Alternatives?
    var not: Int?
    var condition: Condition?
    /// On a cycle of subschemas applied to the same instance location (`Pet: oneOf [Cat]`,
    /// `Cat: allOf [Pet]`): only such a node can be reached again while it is being applied.
    var isOnCycle = false
    /// Which of the same-location checks the node has, so checking skips the others without touching them.
    var present: Present = []

    struct Present: OptionSet {
        let rawValue: UInt8
        static let allowedValues = Present(rawValue: 1)
        static let allOf = Present(rawValue: 2)
        static let alternatives = Present(rawValue: 4)
        static let negationOrCondition = Present(rawValue: 8)
        /// Rules for one kind of instance (string, number, array or object).
        static let kindRules = Present(rawValue: 16)
        static let composition: Present = [.allowedValues, .allOf, .alternatives, .negationOrCondition]
    }

    /// Notes which checks are present (once the node is complete).
    mutating func notePresence() {
        present = []
        if !allowedValues.isEmpty { present.insert(.allowedValues) }
        if !allOf.isEmpty { present.insert(.allOf) }
        if anyOf != nil || oneOf != nil { present.insert(.alternatives) }
        if not != nil || condition != nil { present.insert(.negationOrCondition) }
        if number != nil || string != nil || array != nil || object != nil { present.insert(.kindRules) }
    }

    /// The subschemas applied to the same instance location as this one.
    var sameLocationSubschemas: [Int] {
        var result = allOf
        if let reference { result.append(reference) }
        result += anyOf?.nodes ?? []
        result += oneOf?.nodes ?? []
        if let not { result.append(not) }
        if let condition { result += [condition.test, condition.then, condition.otherwise].compactMap { $0 } }
        result += object?.value.dependentSchemas.map(\.1) ?? []
        return result
    }
}

/// `minimum`, `maximum` (each possibly exclusive) and `multipleOf`.
struct NumberRules {
    var bounds: [(limit: Double, isMinimum: Bool, exclusive: Bool)] = []
    var multipleOf: Double?

    func accepts(_ instance: JSONValue, _ number: Double) -> Bool {
        for bound in bounds {
            let inside = bound.isMinimum
                ? (bound.exclusive ? number > bound.limit : number >= bound.limit)
                : (bound.exclusive ? number < bound.limit : number <= bound.limit)
            if !inside { return false }
        }
        if let multipleOf, !Evaluator.isMultiple(instance, of: multipleOf, number: number) { return false }
        return true
    }
}

/// `minLength`, `maxLength`, `pattern` and an asserted `format`.
struct StringRules {
    var minLength: Int?
    var maxLength: Int?
    var patterns: [SchemaRegex] = []
    var format: ((String) -> Bool)?

    func accepts(_ text: String, assertFormats: Bool) -> Bool {
        if minLength != nil || maxLength != nil, !lengthFits(text) { return false }
        for pattern in patterns where !pattern.matches(text) { return false }
        if assertFormats, let format, !format(text) { return false }
        return true
    }

    /// Lengths count code points; the UTF-8 length bounds them, so most strings are judged without counting.
    private func lengthFits(_ text: String) -> Bool {
        let bytes = text.utf8.count
        if let maxLength, bytes > maxLength, text.unicodeScalars.count > maxLength { return false }
        if let minLength, bytes / 4 < minLength, text.unicodeScalars.count < minLength { return false }
        return true
    }
}

/// Rules built once and then only read, shared by reference: reading them through a constant costs
/// no copy and no exclusivity check.
final class Frozen<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// `prefixItems`/`items`, `minItems`, `maxItems`, `uniqueItems` and `contains`.
struct ArrayRules {
    var prefix: [Int] = []
    /// The schema of every item after the prefix.
    var rest: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: (node: Int, minimum: Int, maximum: Int?)?
}

/// `properties`, `patternProperties`, `additionalProperties`, `required` and the other object keywords.
struct ObjectRules {
    /// Property names in the schema's order: instances usually list their members in the same order,
    /// so the next name is tried before the table.
    var names: [String] = []
    var nodes: [Int] = []
    var flags: [PropertyFlags] = []
    var positions: [String: Int] = [:]
    var patterns: [(SchemaRegex, Int)] = []
    var additional: Int?
    /// Required names that are also properties (counted as they are met), and the others, with the
    /// flags of the property a schema this one combines declares under that name.
    var requiredProperties = 0
    var requiredElsewhere: [(name: String, flags: PropertyFlags)] = []
    var minProperties: Int?
    var maxProperties: Int?
    var propertyNames: Int?
    var dependentRequired: [(String, [String])] = []
    var dependentSchemas: [(String, Int)] = []

    /// Marks required names that are properties, so they are counted as they are met.
    mutating func separateRequiredProperties() {
        var elsewhere: [(name: String, flags: PropertyFlags)] = []
        for required in requiredElsewhere {
            if let position = positions[required.name] {
                if !flags[position].contains(.required) { requiredProperties += 1 }
                flags[position].insert(.required)
            } else {
                elsewhere.append(required)
            }
        }
        requiredElsewhere = elsewhere
    }

    /// The position of a property, trying `expected` (the one after the last found) first.
    @inline(__always)
    func position(of key: String, expected: Int) -> Int? {
        if expected < names.count, names[expected] == key { return expected }
        return positions[key]
    }
}

/// What a property's schema says beyond its subschema.
struct PropertyFlags: OptionSet {
    let rawValue: UInt8
    static let required = PropertyFlags(rawValue: 1)
    /// Read-only (directly or through a `$ref`): not sent in requests, so never missing there.
    static let readOnly = PropertyFlags(rawValue: 2)
    static let writeOnly = PropertyFlags(rawValue: 4)
}

/// `anyOf` or `oneOf`, and the discriminator that may pick one alternative.
struct Alternatives {
    var nodes: [Int]
    var discriminator: DiscriminatorMapping?
}

/// `if`, `then`, `else`.
struct Condition {
    var test: Int
    var then: Int?
    var otherwise: Int?
}
