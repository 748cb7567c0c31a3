/// Filter expressions at evaluation time (RFC 9535 §2.3.5.2): logical operators, comparisons,
/// existence tests and function calls, with `@` bound to the node being filtered.
extension JSONPathEvaluator {
    func test(_ expression: JSONPathLogical, current: JSONValue) throws(JSONPathEvaluationError) -> Bool {
        try spend()
        switch expression {
        case .or(let terms):
            for term in terms {
                if try test(term, current: current) { return true }
            }
            return false
        case .and(let terms):
            for term in terms {
                if try !test(term, current: current) { return false }
            }
            return true
        case .not(let inner):
            return try !test(inner, current: current)
        case .comparison(let left, let comparison, let right):
            return JSONPathComparison.holds(try value(left, current: current), comparison, try value(right, current: current))
        case .exists(let nodes):
            return try !self.nodes(nodes, current: current).isEmpty
        case .call(let call):
            if case .logical(let result) = try self.call(call, current: current) { return result }
            return false
        }
    }

    /// A value, or `nil` for Nothing (a singular query that selects no node, or a function's Nothing).
    private func value(_ expression: JSONPathValueExpression, current: JSONValue) throws(JSONPathEvaluationError) -> JSONValue? {
        switch expression {
        case .literal(let value): return value
        case .query(let query): return try select(query, current: current).first
        case .call(let call): return try self.call(call, current: current).valueArgument
        }
    }

    private func nodes(_ expression: JSONPathNodesExpression, current: JSONValue) throws(JSONPathEvaluationError) -> [JSONValue] {
        switch expression {
        case .query(let query): return try select(query, current: current)
        case .call(let call): return try self.call(call, current: current).nodesArgument
        }
    }

    private func select(_ query: JSONPathFilterQuery, current: JSONValue) throws(JSONPathEvaluationError) -> [JSONValue] {
        let start = JSONPathLocated(value: query.isRelative ? current : root, path: nil)
        return try select(query.segments, from: start).map(\.value)
    }

    private func call(_ call: JSONPathCall, current: JSONValue) throws(JSONPathEvaluationError) -> JSONPathFunctionValue {
        var arguments: [JSONPathFunctionValue] = []
        arguments.reserveCapacity(call.arguments.count)
        for argument in call.arguments {
            switch argument {
            case .value(let expression): arguments.append(.value(try value(expression, current: current)))
            case .nodes(let expression): arguments.append(.nodes(try nodes(expression, current: current)))
            case .logical(let expression): arguments.append(.logical(try test(expression, current: current)))
            }
        }
        return try apply(call.function, to: arguments)
    }
}

extension JSONPathComparison {
    /// A comparison of two values, `nil` meaning Nothing (RFC 9535 §2.3.5.2.2): `==` is JSON equality
    /// (numbers by value, arrays and objects deeply) and Nothing equals only Nothing; `<` orders numbers
    /// and strings (by Unicode scalar values) and is false for anything else; the others derive from these.
    static func holds(_ left: JSONValue?, _ comparison: JSONPathComparison, _ right: JSONValue?) -> Bool {
        switch comparison {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return less(left, right)
        case .lessOrEqual: return less(left, right) || equal(left, right)
        case .greater: return less(right, left)
        case .greaterOrEqual: return less(right, left) || equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left?, let right?): return left == right
        default: return false
        }
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (.string(let a)?, .string(let b)?):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.int(let a)?, .int(let b)?):
            return a < b
        case (.double(let a)?, .double(let b)?):
            return a < b
        case (.int(let a)?, .double(let b)?):
            return compare(a, b) < 0
        case (.double(let a)?, .int(let b)?):
            return compare(b, a) > 0
        default:
            return false
        }
    }

    /// The sign of `integer − double`, exactly: converting the integer to `Double` can round it.
    private static func compare(_ integer: Int, _ double: Double) -> Int {
        let converted = Double(integer)
        if converted != double { return converted < double ? -1 : 1 }
        // Equal after rounding, so `double` is integral; 2^63 itself is beyond every Int.
        guard double < 9_223_372_036_854_775_808.0 else { return -1 }
        let exact = Int(double)
        return integer == exact ? 0 : (integer < exact ? -1 : 1)
    }
}
