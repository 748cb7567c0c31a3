import SpecterJSON
import SpecterSpec

/// One editable field of a request form: a parameter, a body property, an array item, a map entry.
///
/// Leaves keep the text as typed and the value it means; when the text does not parse (letters in
/// an integer field), the value is the text itself as a string, so nothing typed is ever lost and
/// the error says what is wrong. Composite fields hold their children.
public struct FormField: Sendable {
    public enum Kind: Sendable {
        case text
        case integer
        case number
        case boolean
        /// An `enum`: one of these values.
        case choice([JSONValue])
        /// A binary string (`format: binary`): the text is a path to a file to send.
        case file
        case array
        /// Named properties; `allowsExtra` when `additionalProperties` admits more.
        case object(allowsExtra: Bool)
        /// A free-form map (`additionalProperties` only): children are entries named by their keys.
        case map
        /// `oneOf`/`anyOf`: a choice of alternative, the child holding the chosen one's fields.
        case variant([FormAlternative], selected: Int)
        /// Anything else: edited as raw JSON text.
        case json
    }

    /// The property or parameter name; an array item's index as `[2]`; a map entry's key.
    public var name: String
    /// What identifies the field among its siblings, whatever its position: a name, or an array
    /// item's serial (which stays when items before it are removed or it is moved).
    public internal(set) var key: FieldKey
    public var kind: Kind
    /// The field's schema, with references followed and `allOf` merged.
    public var schema: SchemaRef
    public var description: String?
    public var format: String?
    public var required: Bool
    /// Accepts an explicit `null` (OpenAPI `nullable`, or a `null` type or alternative).
    public var nullable: Bool
    public var deprecated: Bool
    public var defaultValue: JSONValue?
    public var example: JSONValue?
    /// Short constraint hints for display (`1–100`, `max length 40`).
    public var hints: [String]

    /// A leaf's text, as typed.
    public var text = ""
    /// A leaf's value; `nil` when empty.
    public internal(set) var value: JSONValue?
    public internal(set) var isNull = false
    /// An optional object or array the user chose to send (required ones always are).
    public internal(set) var isIncluded = false
    /// A property the schema does not describe, kept from JSON so nothing is lost.
    public internal(set) var isExtra = false
    /// Filled in by Specter (a discriminator naming the chosen alternative), not by the user: on its own
    /// it does not put its object in the request.
    public internal(set) var isAutomatic = false
    public internal(set) var errors: [String] = []
    public internal(set) var children: [FormField] = []
    /// JSON that did not fit the field's shape (an array where an object is expected), kept as is.
    public internal(set) var mismatch: JSONValue?
    /// Children are built when first needed (recursive schemas, deep nesting).
    var childrenPending = false
    /// Member order as loaded from JSON, so converting back keeps it.
    var memberOrder: [String]?
    /// The serial the next item of an array gets.
    var nextItemSerial = 0
    var compiled: SchemaValidator.Compiled?

    public var isLeaf: Bool {
        switch kind {
        case .text, .integer, .number, .boolean, .choice, .file, .json: return true
        case .array, .object, .map, .variant: return false
        }
    }

    /// Whether the leaf's text holds a `{{variable}}`: it is filled when the request is built, and
    /// checked against the schema then, not while it is a placeholder.
    public var holdsPlaceholder: Bool {
        guard isLeaf, case .string(let text)? = value else { return false }
        return text.contains("{{")
    }

    /// The chosen alternative of a variant.
    public var selectedAlternative: FormAlternative? {
        if case .variant(let alternatives, let selected) = kind, alternatives.indices.contains(selected) { return alternatives[selected] }
        return nil
    }
}

/// One alternative of a `oneOf`/`anyOf`.
public struct FormAlternative: Sendable {
    public var name: String
    public var schema: SchemaRef
    /// The discriminator value that selects it, if the schema has a discriminator.
    public var discriminatorValue: String?
}

/// What identifies a field among its siblings.
public enum FieldKey: Hashable, Sendable, CustomStringConvertible {
    /// A property, a parameter, a map entry.
    case name(String)
    /// An array item, by a serial given when it was added (not its position).
    case item(Int)
    /// The fields of a variant's chosen alternative.
    case chosen

    public var description: String {
        switch self {
        case .name(let name): return name
        case .item(let serial): return "#\(serial)"
        case .chosen: return "*"
        }
    }
}

/// Where a field is in a form, by identity: its section, then the keys from the section down. It
/// names the same field after items are added, removed or moved around it, so what the explorer
/// keeps per field (cursor, folds, the server's messages) stays with that field.
public struct FieldID: Hashable, Sendable, CustomStringConvertible {
    public enum Section: Hashable, Sendable {
        case parameter(ParameterLocation)
        case body
    }

    public var section: Section
    /// For parameters, the first key is the parameter's name.
    public var path: [FieldKey]

    public init(section: Section, path: [FieldKey]) {
        self.section = section
        self.path = path
    }

    /// A parameter's field.
    public static func parameter(_ name: String, in location: ParameterLocation) -> FieldID {
        FieldID(section: .parameter(location), path: [.name(name)])
    }

    /// The body's root field.
    public static let body = FieldID(section: .body, path: [])

    public func child(_ key: FieldKey) -> FieldID { FieldID(section: section, path: path + [key]) }

    /// The field that contains this one.
    public var parent: FieldID? { path.isEmpty ? nil : FieldID(section: section, path: Array(path.dropLast())) }

    public var description: String {
        let name: String
        switch section {
        case .parameter(let location): name = location.rawValue
        case .body: name = "body"
        }
        return name + path.map { "/\($0)" }.joined()
    }
}
