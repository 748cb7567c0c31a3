import SpecterJSON

/// A schema turned into checks once, so validating many instances (or one form field on every
/// keystroke) does not re-read its JSON. References are linked lazily: recursive schemas are fine.
final class CompiledSchema: @unchecked Sendable {
    /// Where it is written, for error messages and discriminator names.
    let place: SchemaPlace
    /// The base URI of the resource it belongs to.
    let baseURI: String
    let dialect: SchemaDialect
    /// `true`/`false` schemas; `nil` for object schemas.
    var constant: Bool?
    var keywords: [Keyword] = []
    /// Starts a resource (`$id`): entering it extends the dynamic scope.
    var isResourceRoot = false
    /// Has `unevaluatedProperties`/`unevaluatedItems`, so its subschemas must report what they evaluated.
    var needsAnnotations = false
    /// Its own `$dynamicAnchor`, which makes a `$dynamicRef` to it look through the dynamic scope.
    var dynamicAnchor: String?
    var readOnly = false
    var writeOnly = false
    var title: String?
    /// A short name for messages: the title, or the last token of where it is defined.
    var displayName: String?
    /// Where its yes/no check starts in the registry's program, once built (`.some(nil)`: it has none);
    /// read and written with the registry locked.
    var checkEntry: Int??

    init(place: SchemaPlace, baseURI: String, dialect: SchemaDialect) {
        self.place = place
        self.baseURI = baseURI
        self.dialect = dialect
    }
}

/// Where a schema is written: a document and a pointer into it.
struct SchemaPlace: Hashable, Sendable {
    var document: String
    var pointer: JSONPointer
}

/// A `$ref` or `$dynamicRef` target, found on first use (so cycles and unused branches cost nothing).
final class ReferenceLink: @unchecked Sendable {
    let reference: String
    let base: String
    /// The document the reference is written in (its base may differ inside an `$id` resource).
    let document: String
    private var resolved: CompiledSchema?
    private var failure: String?

    init(reference: String, base: String, document: String) {
        self.reference = reference
        self.base = base
        self.document = document
    }

    func target(in registry: SchemaRegistry) -> Result<CompiledSchema, SchemaResolutionError> {
        registry.withLock {
            if let resolved { return .success(resolved) }
            if let failure { return .failure(SchemaResolutionError(reference: reference, reason: failure)) }
            switch registry.resolveInDocumentUnlocked(reference, base: base, document: document) {
            case .success(let schema):
                resolved = schema
                return .success(schema)
            case .failure(let error):
                failure = error.reason
                return .failure(error)
            }
        }
    }
}

/// A reference that could not be followed.
public struct SchemaResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reference: String
    public var reason: String

    public var description: String { "cannot resolve \"\(reference)\": \(reason)" }
}

/// JSON types as a set, for `type`.
struct TypeSet: OptionSet, Sendable {
    let rawValue: Int
    static let null = TypeSet(rawValue: 1)
    static let boolean = TypeSet(rawValue: 2)
    static let object = TypeSet(rawValue: 4)
    static let array = TypeSet(rawValue: 8)
    static let number = TypeSet(rawValue: 16)
    static let string = TypeSet(rawValue: 32)
    static let integer = TypeSet(rawValue: 64)

    static func named(_ name: String) -> TypeSet? {
        switch name {
        case "null": return .null
        case "boolean": return .boolean
        case "object": return .object
        case "array": return .array
        case "number": return .number
        case "string": return .string
        case "integer": return .integer
        default: return nil
        }
    }

    @inline(__always)
    func contains(typeOf value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .object: return contains(.object)
        case .array: return contains(.array)
        case .string: return contains(.string)
        case .int: return contains(.integer) || contains(.number)
        case .double(let number):
            return contains(.number) || (contains(.integer) && number.isFinite && number.rounded() == number)
        }
    }

    /// `a string`, `an integer or null` …
    var phrase: String {
        let order: [(TypeSet, String)] = [
            (.object, "an object"), (.array, "an array"), (.string, "a string"), (.integer, "an integer"), (.number, "a number"),
            (.boolean, "a boolean"), (.null, "null"),
        ]
        let names = order.filter { contains($0.0) && !($0.0 == .integer && contains(.number)) }.map(\.1)
        switch names.count {
        case 0: return "nothing"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
        }
    }
}

/// One compiled keyword (or a group that must be checked together, like `additionalProperties`).
enum Keyword {
    case type(TypeSet)
    case enumeration([JSONValue])
    case constant(JSONValue)
    case multipleOf(Double)
    case minimum(Double, exclusive: Bool)
    case maximum(Double, exclusive: Bool)
    case minLength(Int)
    case maxLength(Int)
    case pattern(SchemaRegex)
    case format(String)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    /// `prefixItems` (or draft-4 array `items`), then the schema for every later item (`items` / `additionalItems`).
    case items(prefix: [CompiledSchema], rest: CompiledSchema?)
    case contains(CompiledSchema, minimum: Int, maximum: Int?)
    case minProperties(Int)
    case maxProperties(Int)
    case required([String])
    case properties(PropertiesGroup)
    case propertyNames(CompiledSchema)
    case dependentRequired([(String, [String])])
    case dependentSchemas([(String, CompiledSchema)])
    case allOf([CompiledSchema])
    case anyOf([CompiledSchema], discriminator: DiscriminatorMapping?)
    case oneOf([CompiledSchema], discriminator: DiscriminatorMapping?)
    case not(CompiledSchema)
    case conditional(if: CompiledSchema, then: CompiledSchema?, else: CompiledSchema?)
    case reference(ReferenceLink)
    case dynamicReference(ReferenceLink, anchor: String?)
    case unevaluatedItems(CompiledSchema)
    case unevaluatedProperties(CompiledSchema)
}

/// `properties`, `patternProperties` and `additionalProperties` together: which properties are
/// "additional" depends on the other two.
struct PropertiesGroup {
    var named: [String: CompiledSchema]
    /// Names in document order, for stable error order.
    var order: [String]
    var patterns: [(SchemaRegex, CompiledSchema)]
    var additional: CompiledSchema?
}

