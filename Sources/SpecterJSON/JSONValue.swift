/// A JSON value as Specter sees it: the one data type every part of the core shares.
///
/// YAML documents load into the same type, so everything downstream (references, the
/// OpenAPI model, validation) is written once. Objects keep their members in document
/// order because users expect endpoints and properties in the order their authors wrote.
/// Equality is JSON equality: numbers compare by value (`1 == 1.0`) and objects ignore
/// member order, which is what `enum`, `const` and `uniqueItems` need.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// An integer that fits in 64 bits, written without fraction or exponent.
    case int(Int)
    /// Any other number. Never infinite or NaN: the parsers refuse such input.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number as a `Double`, for either numeric case.
    public var doubleValue: Double? {
        switch self {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: return nil
        }
    }

    /// The number as an `Int` when it is integral (`3` or `3.0`).
    public var intValue: Int? {
        switch self {
        case .int(let number): return number
        case .double(let number):
            guard number.rounded() == number, abs(number) < 9.2e18 else { return nil }
            return Int(number)
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var isNumber: Bool {
        switch self {
        case .int, .double: return true
        default: return false
        }
    }

    /// The JSON type name used in messages (`"object"`, `"integer"`, …).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double(let number): return number.rounded() == number ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            return lhs.doubleValue == rhs.doubleValue && lhs.exactlyEqualsNumber(rhs)
        case (.string(let a), .string(let b)): return a.sameCodePoints(as: b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.hasSameMembers(as: b)
        default: return false
        }
    }

    /// Guards against `Double` rounding making two distinct large integers equal.
    private func exactlyEqualsNumber(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)):
            return b.rounded() == b && abs(b) < 9.2e18 ? Int(b) == a : false
        default: return true
        }
    }
}

extension String {
    /// JSON string equality: the same code points. Swift's `==` also equates canonically equivalent
    /// strings (`é` and `e` + combining acute), which JSON does not.
    @inlinable
    public func sameCodePoints(as other: String) -> Bool {
        self == other && utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }
}

extension JSONValue: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(flag)
        case .int, .double:
            if let integral = intValue { hasher.combine(integral) } else { hasher.combine(doubleValue) }
        case .string(let text): hasher.combine(text)
        case .array(let items): hasher.combine(items)
        case .object(let object):
            // Order-insensitive: combine a commutative digest of the members.
            var digest = 0
            for member in object.members {
                var memberHasher = Hasher()
                memberHasher.combine(member.key)
                memberHasher.combine(member.value)
                digest ^= memberHasher.finalize()
            }
            hasher.combine(object.count)
            hasher.combine(digest)
        }
    }
}

/// Literals for building values in code. There is deliberately no `nil` literal: with one,
/// `condition ? value : nil` silently means JSON `null` where `Optional.none` was meant.
extension JSONValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}
