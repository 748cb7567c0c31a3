import Foundation

/// The types of RFC 9535 function extensions (§2.4.1), declared for each parameter and result.
enum JSONPathType: Sendable, Equatable, CustomStringConvertible {
    /// One JSON value, or Nothing.
    case value
    /// True or false.
    case logical
    /// A node list.
    case nodes

    var description: String {
        switch self {
        case .value: return "a value"
        case .logical: return "a logical result"
        case .nodes: return "a node list"
        }
    }
}

/// The functions RFC 9535 defines (§2.4.4–§2.4.8). There are no others: a name the parser does not
/// know cannot be type-checked, so it is an error.
enum JSONPathFunction: String, Sendable, CaseIterable {
    case length, count, match, search, value

    var parameters: [JSONPathType] {
        switch self {
        case .length: return [.value]
        case .count, .value: return [.nodes]
        case .match, .search: return [.value, .value]
        }
    }

    var result: JSONPathType {
        switch self {
        case .length, .count, .value: return .value
        case .match, .search: return .logical
        }
    }

    /// `match(string, regex)`, for messages about arguments.
    var signature: String {
        switch self {
        case .length: return "length(value)"
        case .count: return "count(query)"
        case .match: return "match(string, regex)"
        case .search: return "search(string, regex)"
        case .value: return "value(query)"
        }
    }

    static var names: String { allCases.map { $0.rawValue + "()" }.joined(separator: ", ") }

    /// Characters of a string (Unicode scalars, as RFC 9535 counts them), items of an array,
    /// members of an object; Nothing for anything else.
    static func length(of value: JSONValue?) -> JSONValue? {
        switch value {
        case .string(let text)?: return .int(text.unicodeScalars.count)
        case .array(let items)?: return .int(items.count)
        case .object(let object)?: return .int(object.count)
        default: return nil
        }
    }

    /// The value of a node list of exactly one node; Nothing otherwise.
    static func value(of nodes: [JSONValue]) -> JSONValue? {
        nodes.count == 1 ? nodes.first : nil
    }
}

/// A function argument or result while a filter is evaluated.
enum JSONPathFunctionValue {
    case value(JSONValue?)
    case logical(Bool)
    case nodes([JSONValue])

    var valueArgument: JSONValue? {
        if case .value(let value) = self { return value }
        return nil
    }

    var nodesArgument: [JSONValue] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }
}

extension JSONPathEvaluator {
    /// Applies a function to arguments of its declared types (the parser made sure they are).
    func apply(_ function: JSONPathFunction, to arguments: [JSONPathFunctionValue]) throws(JSONPathEvaluationError) -> JSONPathFunctionValue {
        func argument(_ number: Int) -> JSONPathFunctionValue {
            arguments.indices.contains(number) ? arguments[number] : .value(nil)
        }
        switch function {
        case .length:
            return .value(JSONPathFunction.length(of: argument(0).valueArgument))
        case .count:
            return .value(.int(argument(0).nodesArgument.count))
        case .value:
            return .value(JSONPathFunction.value(of: argument(0).nodesArgument))
        case .match, .search:
            guard case .string(let text)? = argument(0).valueArgument, case .string(let pattern)? = argument(1).valueArgument else {
                return .logical(false)
            }
            return .logical(try matches(text, pattern: pattern, wholeString: function == .match))
        }
    }

    /// Whether an I-Regexp matches the whole string (`match`) or a part of it (`search`); false when
    /// the pattern is not an I-Regexp (RFC 9535 §2.4.6–§2.4.7).
    private func matches(_ text: String, pattern: String, wholeString: Bool) throws(JSONPathEvaluationError) -> Bool {
        let lookup = regexes.regex(for: pattern, wholeString: wholeString)
        if lookup.isNew { try spend(pattern.unicodeScalars.count + 1) }
        guard let regex = lookup.regex else { return false }
        return try match(regex, in: text)
    }

    /// Steps charged for each ICU progress report beyond one per start position: each stands for about
    /// ten thousand backtracking steps (some 80 µs), so `(a|a)*b` cannot run for minutes.
    static let backtrackingReportCost = 256

    /// Runs ICU, charging its progress reports to the budget: one step for each of the first reports
    /// (one per start position of a search), `backtrackingReportCost` for each further one.
    private func match(_ regex: NSRegularExpression, in text: String) throws(JSONPathEvaluationError) -> Bool {
        let positions = text.utf16.count + 1
        var reports = 0
        var stop: JSONPathEvaluationError?
        let found = IRegexpCache.matches(regex, text) {
            reports += 1
            do throws(JSONPathEvaluationError) {
                try spend(reports <= positions ? 1 : Self.backtrackingReportCost)
                return true
            } catch {
                stop = error
                return false
            }
        }
        if let stop { throw stop }
        return found
    }
}
