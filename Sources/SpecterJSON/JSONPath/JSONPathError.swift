/// Why a JSONPath query could not be parsed, and where.
///
/// Users type queries by hand, so every error names the place (a column, and a line when the
/// query spans several) and what was expected there: `unexpected ']', expected a selector at column 3`.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text is not JSONPath (RFC 9535 grammar).
        case syntax
        /// The text is JSONPath but not well-typed: a literal standing alone, a function result used
        /// where its type is not allowed, a query that may select several nodes in a comparison.
        case type
        /// The query nests parentheses, filters or function calls deeper than the parser's limit.
        case tooDeep
    }

    public var kind: Kind
    /// What is wrong, without the place: `unexpected ']', expected a selector`.
    public var message: String
    /// Offset of the problem in the query, counted in Unicode scalars from 0.
    public var offset: Int
    /// Line and column of the problem (columns count Unicode scalars, like `TextPosition` elsewhere).
    public var position: TextPosition

    public init(kind: Kind, message: String, offset: Int, position: TextPosition) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.position = position
    }

    /// 1-based column of the problem on its line.
    public var column: Int { position.column }

    /// `message at column N`, or `at line L, column N` for a query written over several lines.
    public var description: String {
        position.line == 1
            ? "\(message) at column \(position.column)"
            : "\(message) at line \(position.line), column \(position.column)"
    }
}

/// Limits on one evaluation, so a query typed by a user cannot run away on a large document.
///
/// A step is one node visited or selected, one filter test, one character of a regular expression
/// compiled, or one ICU progress report while a regular expression runs (one per start position of a
/// search; 256 for each report beyond those, which stands for some ten thousand backtracking steps).
/// `$..*` costs about two steps and one node per value in the document, but nested filters over
/// descendants (`$..[?count($..*) > 0]`) multiply, and `(a|a)*b` backtracks exponentially: that is
/// what the budget stops.
public struct JSONPathBudget: Sendable, Hashable {
    /// Work allowed for one evaluation, in steps.
    public var maxSteps: Int
    /// The longest node list the evaluation may build, the result included.
    public var maxNodes: Int

    public init(maxSteps: Int, maxNodes: Int) {
        self.maxSteps = maxSteps
        self.maxNodes = maxNodes
    }

    /// For queries from trusted code: no limit.
    public static let unlimited = JSONPathBudget(maxSteps: .max, maxNodes: .max)

    /// For queries people type: about a second of work and a result list a screen can still show.
    public static let interactive = JSONPathBudget(maxSteps: 5_000_000, maxNodes: 100_000)
}

/// Why an evaluation stopped before its end. The result is then unknown, so no partial result is given.
public enum JSONPathEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More than `maxSteps` steps were needed.
    case stepBudgetExceeded(Int)
    /// A node list would have held more than `maxNodes` nodes.
    case tooManyNodes(Int)
    /// The task running the evaluation was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .stepBudgetExceeded(let steps): return "the query needs more than \(steps) steps"
        case .tooManyNodes(let nodes): return "the query selects more than \(nodes) nodes"
        case .cancelled: return "the query was stopped"
        }
    }
}
