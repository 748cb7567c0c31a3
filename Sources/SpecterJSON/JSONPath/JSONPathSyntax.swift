// The parsed form of a JSONPath query (RFC 9535 §2), already checked for well-typedness, so the
// evaluator never meets an expression whose types do not fit.

/// `[…]` or `.name` (children of each input node), or `..[…]` (the input nodes and all their descendants).
struct JSONPathSegment: Sendable {
    var isDescendant: Bool
    var selectors: [JSONPathSelector]
}

enum JSONPathSelector: Sendable {
    case name(String)
    case wildcard
    case index(Int)
    case slice(JSONPathSlice)
    case filter(JSONPathLogical)
}

/// `start:end:step`, each part optional; the integers are within ±(2^53−1).
struct JSONPathSlice: Sendable {
    var start: Int?
    var end: Int?
    var step: Int?
}

/// A query inside a filter: relative to the current node (`@`) or absolute (`$`).
struct JSONPathFilterQuery: Sendable {
    var isRelative: Bool
    var segments: [JSONPathSegment]

    /// Selects at most one node: only child segments, each with one name or index selector.
    var isSingular: Bool { segments.allSatisfy(\.isSingular) }
}

extension JSONPathSegment {
    var isSingular: Bool {
        guard !isDescendant, selectors.count == 1, let selector = selectors.first else { return false }
        switch selector {
        case .name, .index: return true
        default: return false
        }
    }
}

/// A filter expression; its value is true or false (RFC 9535 LogicalType).
indirect enum JSONPathLogical: Sendable {
    case or([JSONPathLogical])
    case and([JSONPathLogical])
    case not(JSONPathLogical)
    case comparison(JSONPathValueExpression, JSONPathComparison, JSONPathValueExpression)
    /// True when the node list is not empty (an existence test, or a NodesType function result).
    case exists(JSONPathNodesExpression)
    /// A function whose declared result is LogicalType.
    case call(JSONPathCall)
}

/// An expression of ValueType: one JSON value, or Nothing.
enum JSONPathValueExpression: Sendable {
    case literal(JSONValue)
    /// A singular query: its node's value, or Nothing when it selects none.
    case query(JSONPathFilterQuery)
    case call(JSONPathCall)
}

/// An expression of NodesType: a node list.
enum JSONPathNodesExpression: Sendable {
    case query(JSONPathFilterQuery)
    case call(JSONPathCall)
}

struct JSONPathCall: Sendable {
    var function: JSONPathFunction
    var arguments: [JSONPathArgument]
}

/// A function argument, already converted to the type its parameter declares.
enum JSONPathArgument: Sendable {
    case value(JSONPathValueExpression)
    case nodes(JSONPathNodesExpression)
    case logical(JSONPathLogical)
}

enum JSONPathComparison: String, Sendable, CaseIterable {
    // Two-character operators first, so `<=` is not read as `<`.
    case equal = "=="
    case notEqual = "!="
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case less = "<"
    case greater = ">"
}
