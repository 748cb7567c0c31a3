/// A parsed RFC 9535 JSONPath query (`$.paths[*].get.responses`), ready to select nodes from any
/// number of documents.
///
/// Parsing checks everything RFC 9535 requires: the grammar, integer ranges (indexes within
/// ±(2^53 − 1)), string escapes, and well-typed function use. So a query that parses always
/// evaluates, and errors reach the user while they type, with a column, rather than per document.
/// Queries people type should be evaluated with a budget (`select(in:budget:)`), since nested
/// filters over descendants can cost the square of the document's size or more.
public struct JSONPathQuery: Sendable, CustomStringConvertible {
    /// How deeply filters, parentheses and function calls may nest: far beyond any query a person
    /// writes, and shallow enough that parsing and evaluation stay well within any thread's stack.
    public static let defaultMaxDepth = 64

    /// The query as written.
    public let text: String
    let segments: [JSONPathSegment]

    /// Parses `text`; the error names the column and what was expected there.
    public init(parsing text: String, maxDepth: Int = defaultMaxDepth) throws(JSONPathError) {
        var parser = JSONPathParser(text, maxDepth: maxDepth)
        segments = try parser.parseQuery()
        self.text = text
    }

    /// The query selects at most one node in any document (names and indexes only), so a caller can
    /// show its result as one value rather than a list.
    public var isSingular: Bool { segments.allSatisfy(\.isSingular) }

    public var description: String { text }

    /// Every node the query selects, in RFC 9535 order (document order for objects, as written).
    ///
    /// No limit on work: for queries from code. Use `select(in:budget:)` for queries people type.
    public func select(in document: JSONValue) -> [JSONPathNode] {
        walk(document) ?? evaluatorNodes(in: document)
    }

    /// Every node, always through the evaluator (the tests hold the direct walk to it).
    func evaluatorNodes(in document: JSONValue) -> [JSONPathNode] {
        let evaluator = JSONPathEvaluator(root: document, budget: .unlimited, observesCancellation: false)
        // Without a budget or cancellation, evaluation cannot stop early.
        return (try? nodes(evaluator)) ?? []
    }

    /// Every node the query selects, or an error once `budget` is spent or the task is cancelled
    /// (a partial result would be wrong, not just short: a filter may not have seen every node).
    public func select(in document: JSONValue, budget: JSONPathBudget) throws(JSONPathEvaluationError) -> [JSONPathNode] {
        if let walked = walk(document) { return walked }
        return try nodes(JSONPathEvaluator(root: document, budget: budget, observesCancellation: true))
    }

    /// A singular query (`$.items[0].id`: names and indexes only) walked down the document directly,
    /// as the evaluator would select it: it costs one step a segment, so no budget can run out, and an
    /// assertion on every response of a replay skips making an evaluator. Nil for other queries.
    private func walk(_ document: JSONValue) -> [JSONPathNode]? {
        var value = document
        var path: [NormalizedPath.Element] = []
        for segment in segments {
            guard segment.isSingular, let selector = segment.selectors.first else { return nil }
            switch (selector, value) {
            case (.name(let name), .object(let object)):
                guard let child = object.value(exactlyNamed: name) else { return [] }
                value = child
                path.append(.name(name))
            case (.index(let index), .array(let items)):
                let position = index >= 0 ? index : items.count + index
                guard items.indices.contains(position) else { return [] }
                value = items[position]
                path.append(.index(position))
            case (.name, _), (.index, _):
                return []
            default:
                return nil
            }
        }
        return [JSONPathNode(value: value, path: NormalizedPath(path))]
    }

    private func nodes(_ evaluator: JSONPathEvaluator) throws(JSONPathEvaluationError) -> [JSONPathNode] {
        let start = JSONPathLocated(value: evaluator.root, path: NormalizedPath())
        return try evaluator.select(segments, from: start).map {
            JSONPathNode(value: $0.value, path: $0.path ?? NormalizedPath())
        }
    }
}

/// One node a query selected: the value and where it is.
public struct JSONPathNode: Sendable, Equatable {
    public var value: JSONValue
    public var path: NormalizedPath

    public init(value: JSONValue, path: NormalizedPath) {
        self.value = value
        self.path = path
    }
}
