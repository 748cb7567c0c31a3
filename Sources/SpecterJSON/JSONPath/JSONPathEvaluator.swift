/// A node during evaluation: its value and, for the top-level query, its path (queries inside filters
/// only need values, so they skip building paths).
struct JSONPathLocated {
    var value: JSONValue
    var path: NormalizedPath?
}

/// Applies parsed segments to one document (RFC 9535 §2.3–§2.5), counting work against a budget.
///
/// A class because one evaluation shares its step count and compiled regular expressions across
/// every filter it runs. Descendants are walked with an explicit stack, so document depth cannot
/// exhaust the call stack; filter nesting is bounded by the parser.
final class JSONPathEvaluator {
    let root: JSONValue
    let budget: JSONPathBudget
    let observesCancellation: Bool
    let regexes = IRegexpCache()
    private(set) var steps = 0
    private var nextCancellationCheck = JSONPathEvaluator.cancellationInterval

    static let cancellationInterval = 4096

    init(root: JSONValue, budget: JSONPathBudget, observesCancellation: Bool) {
        self.root = root
        self.budget = budget
        self.observesCancellation = observesCancellation
    }

    /// Counts `cost` steps; throws once the budget is spent or the task was cancelled.
    func spend(_ cost: Int = 1) throws(JSONPathEvaluationError) {
        let (total, overflow) = steps.addingReportingOverflow(cost)
        steps = overflow ? .max : total
        guard steps <= budget.maxSteps else { throw .stepBudgetExceeded(budget.maxSteps) }
        if observesCancellation, steps >= nextCancellationCheck {
            nextCancellationCheck = steps + Self.cancellationInterval
            if Task.isCancelled { throw .cancelled }
        }
    }

    /// The nodes `segments` select, starting from one node: each segment maps the node list to a new one.
    func select(_ segments: [JSONPathSegment], from start: JSONPathLocated) throws(JSONPathEvaluationError) -> [JSONPathLocated] {
        var nodes = [start]
        for segment in segments {
            var next: [JSONPathLocated] = []
            for node in nodes { try apply(segment, to: node, into: &next) }
            nodes = next
        }
        return nodes
    }

    /// A child segment applies its selectors to the node; a descendant segment applies them to the
    /// node and then to each descendant, depth first in document order.
    private func apply(_ segment: JSONPathSegment, to node: JSONPathLocated, into output: inout [JSONPathLocated]) throws(JSONPathEvaluationError) {
        guard segment.isDescendant else {
            for selector in segment.selectors { try select(selector, from: node, into: &output) }
            return
        }
        var pending = [node]
        while let current = pending.popLast() {
            try spend()
            for selector in segment.selectors { try select(selector, from: current, into: &output) }
            pending.append(contentsOf: children(of: current).reversed())
        }
    }

    private func children(of node: JSONPathLocated) -> [JSONPathLocated] {
        switch node.value {
        case .array(let items):
            return items.enumerated().map { JSONPathLocated(value: $1, path: node.path?.appending(.index($0))) }
        case .object(let object):
            return object.members.map { JSONPathLocated(value: $0.value, path: node.path?.appending(.name($0.key))) }
        default:
            return []
        }
    }

    private func select(_ selector: JSONPathSelector, from node: JSONPathLocated, into output: inout [JSONPathLocated]) throws(JSONPathEvaluationError) {
        switch (selector, node.value) {
        case (.name(let name), .object(let object)):
            if let value = object.value(exactlyNamed: name) { try emit(value, .name(name), from: node, into: &output) }
        case (.wildcard, .array(let items)):
            for (index, item) in items.enumerated() { try emit(item, .index(index), from: node, into: &output) }
        case (.wildcard, .object(let object)):
            for member in object.members { try emit(member.value, .name(member.key), from: node, into: &output) }
        case (.index(let index), .array(let items)):
            let position = index >= 0 ? index : items.count + index
            if items.indices.contains(position) { try emit(items[position], .index(position), from: node, into: &output) }
        case (.slice(let slice), .array(let items)):
            for position in slice.indices(count: items.count) { try emit(items[position], .index(position), from: node, into: &output) }
        case (.filter(let expression), .array), (.filter(let expression), .object):
            try filter(node, by: expression, into: &output)
        default:
            break
        }
    }

    /// The children of an array or object for which the filter expression is true, in order.
    private func filter(_ node: JSONPathLocated, by expression: JSONPathLogical, into output: inout [JSONPathLocated]) throws(JSONPathEvaluationError) {
        for child in children(of: node) where try test(expression, current: child.value) {
            try append(child, to: &output)
        }
    }

    private func emit(_ value: JSONValue, _ element: NormalizedPath.Element, from node: JSONPathLocated, into output: inout [JSONPathLocated]) throws(JSONPathEvaluationError) {
        try append(JSONPathLocated(value: value, path: node.path?.appending(element)), to: &output)
    }

    /// Adds a selected node to a node list, within the budget's steps and node count.
    private func append(_ node: JSONPathLocated, to output: inout [JSONPathLocated]) throws(JSONPathEvaluationError) {
        try spend()
        guard output.count < budget.maxNodes else { throw .tooManyNodes(budget.maxNodes) }
        output.append(node)
    }
}

extension JSONPathSlice {
    /// The indexes the slice selects in an array of `count` items, in selection order (RFC 9535 §2.3.4.2):
    /// bounds count from the end when negative and are clamped to the array; step 0 selects nothing.
    func indices(count: Int) -> StrideTo<Int> {
        let step = self.step ?? 1
        guard step != 0 else { return stride(from: 0, to: 0, by: 1) }
        func normalized(_ bound: Int) -> Int { bound >= 0 ? bound : count + bound }
        if step > 0 {
            let lower = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(normalized(end ?? count), 0), count)
            return stride(from: lower, to: upper, by: step)
        }
        let upper = min(max(normalized(start ?? count - 1), -1), count - 1)
        let lower = min(max(normalized(end ?? -count - 1), -1), count - 1)
        return stride(from: upper, to: lower, by: step)
    }
}

extension JSONObject {
    /// The value of the member named exactly `name`, code point for code point: `JSONObject`'s own
    /// lookup uses Swift string equality, which also equates canonically equivalent names.
    func value(exactlyNamed name: String) -> JSONValue? {
        guard let position = position(of: name) else { return nil }
        if members[position].key.sameCodePoints(as: name) { return members[position].value }
        return members.first { $0.key.sameCodePoints(as: name) }?.value
    }
}
