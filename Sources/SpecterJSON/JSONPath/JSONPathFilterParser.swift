/// Filter expressions (RFC 9535 §2.3.5): `||` over `&&` over basic expressions, which are a
/// parenthesized expression, a comparison, or a test (a query's existence, or a function result).
///
/// Types are checked here (RFC 9535 §2.4.3): a literal must be compared, a comparison needs values
/// (a literal, a singular query, or a function returning a value), and each function argument must
/// fit its parameter's declared type. An ill-typed query is an error, as the RFC requires.
extension JSONPathParser {
    mutating func parseLogicalOr() throws(JSONPathError) -> JSONPathLogical {
        var terms = [try parseLogicalAnd()]
        while acceptOperator("||") { terms.append(try parseLogicalAnd()) }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseLogicalAnd() throws(JSONPathError) -> JSONPathLogical {
        var terms = [try parseBasic()]
        while acceptOperator("&&") { terms.append(try parseBasic()) }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    /// Consumes `op` with blank space around it, or leaves the position where it was.
    private mutating func acceptOperator(_ op: String) -> Bool {
        let mark = scanner.index
        scanner.skipBlank()
        guard scanner.accept(op) else {
            scanner.index = mark
            return false
        }
        scanner.skipBlank()
        return true
    }

    private mutating func parseBasic() throws(JSONPathError) -> JSONPathLogical {
        if scanner.accept("!") {
            scanner.skipBlank()
            if scanner.peek == "(" { return .not(try parseParenthesized()) }
            return .not(try test(parseOperand()))
        }
        if scanner.peek == "(" { return try parseParenthesized() }
        let left = try parseOperand()
        guard let comparison = acceptComparison() else { return try test(left) }
        let leftValue = try value(left, role: "compared")
        let right = try parseOperand()
        return .comparison(leftValue, comparison, try value(right, role: "compared"))
    }

    private mutating func parseParenthesized() throws(JSONPathError) -> JSONPathLogical {
        try enterNesting()
        defer { depth -= 1 }
        let start = scanner.index
        scanner.advance()
        scanner.skipBlank()
        let expression = try parseLogicalOr()
        scanner.skipBlank()
        guard scanner.accept(")") else { throw scanner.unexpected(expected: "an operator or ')'") }
        let mark = scanner.index
        if acceptComparison() != nil {
            throw scanner.error("a parenthesized expression is true or false, so it cannot be compared", at: start, kind: .type)
        }
        scanner.index = mark
        return expression
    }

    private mutating func acceptComparison() -> JSONPathComparison? {
        let mark = scanner.index
        scanner.skipBlank()
        for comparison in JSONPathComparison.allCases where scanner.accept(comparison.rawValue) {
            scanner.skipBlank()
            return comparison
        }
        scanner.index = mark
        return nil
    }
}

// MARK: - Operands

/// A literal, query or function call, with where it was written (for messages about its type).
struct JSONPathOperand {
    enum Kind {
        case literal(JSONValue)
        case query(JSONPathFilterQuery)
        case call(JSONPathCall)
    }

    var kind: Kind
    var start: Int
    var end: Int
}

extension JSONPathParser {
    private mutating func parseOperand() throws(JSONPathError) -> JSONPathOperand {
        let start = scanner.index
        let expected = "a query ('@' or '$'), a literal or a function call"
        guard let next = scanner.peek else { throw scanner.unexpected(expected: expected) }
        let kind: JSONPathOperand.Kind
        switch next {
        case "@", "$":
            let isRelative = next == "@"
            scanner.advance()
            kind = .query(JSONPathFilterQuery(isRelative: isRelative, segments: try parseSegments()))
        case "'", "\"":
            kind = .literal(.string(try scanner.parseStringLiteral()))
        case "-", "0"..."9":
            kind = .literal(try scanner.parseNumberLiteral())
        case "a"..."z":
            kind = try parseWord()
        default:
            throw scanner.unexpected(expected: expected)
        }
        return JSONPathOperand(kind: kind, start: start, end: scanner.index)
    }

    /// `true`, `false`, `null`, or a function call `name(…)`.
    private mutating func parseWord() throws(JSONPathError) -> JSONPathOperand.Kind {
        let start = scanner.index
        let word = scanner.parseLowercaseWord()
        if scanner.peek == "(" { return .call(try parseCall(named: word, at: start)) }
        switch word {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null": return .literal(.null)
        default: break
        }
        if JSONPathFunction(rawValue: word) != nil { throw scanner.unexpected(expected: "'(' right after \(word)") }
        throw scanner.error("unknown word '\(word)', expected a query, a literal or a function call", at: start)
    }

    /// `name(argument, …)`: the name must be a function RFC 9535 defines, the arguments fit its parameters.
    private mutating func parseCall(named name: String, at start: Int) throws(JSONPathError) -> JSONPathCall {
        guard let function = JSONPathFunction(rawValue: name) else {
            throw scanner.error("unknown function \(name)(); the functions are \(JSONPathFunction.names)", at: start)
        }
        try enterNesting()
        defer { depth -= 1 }
        scanner.advance()
        scanner.skipBlank()
        var arguments: [JSONPathArgument] = []
        if scanner.peek != ")" {
            repeat {
                scanner.skipBlank()
                arguments.append(try parseArgument(of: function, number: arguments.count))
                scanner.skipBlank()
            } while scanner.accept(",")
        }
        guard scanner.accept(")") else { throw scanner.unexpected(expected: "',' or ')'") }
        guard arguments.count == function.parameters.count else {
            throw scanner.error("\(function.signature) takes \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s"), not \(arguments.count)", at: start, kind: .type)
        }
        return JSONPathCall(function: function, arguments: arguments)
    }

    private mutating func parseArgument(of function: JSONPathFunction, number: Int) throws(JSONPathError) -> JSONPathArgument {
        guard number < function.parameters.count else {
            throw scanner.error("\(function.signature) takes only \(function.parameters.count) argument\(function.parameters.count == 1 ? "" : "s")", kind: .type)
        }
        switch function.parameters[number] {
        case .value:
            return .value(try value(parseOperand(), role: "argument \(number + 1) of \(function.rawValue)()"))
        case .nodes:
            return .nodes(try nodes(parseOperand(), role: "argument \(number + 1) of \(function.rawValue)()"))
        case .logical:
            return .logical(try parseLogicalOr())
        }
    }
}

// MARK: - Types

extension JSONPathParser {
    /// An operand where a value is needed: a comparison side or a ValueType parameter.
    private func value(_ operand: JSONPathOperand, role: String) throws(JSONPathError) -> JSONPathValueExpression {
        switch operand.kind {
        case .literal(let value):
            return .literal(value)
        case .query(let query):
            guard query.isSingular else {
                throw typeError("\(text(of: operand)) can select several nodes, so it cannot be \(role) (only names and indexes select a single node)", operand)
            }
            return .query(query)
        case .call(let call):
            guard call.function.result == .value else {
                throw typeError("\(call.function.rawValue)() returns \(call.function.result.description), so it cannot be \(role)", operand)
            }
            return .call(call)
        }
    }

    /// An operand where a node list is needed: a NodesType parameter.
    private func nodes(_ operand: JSONPathOperand, role: String) throws(JSONPathError) -> JSONPathNodesExpression {
        switch operand.kind {
        case .query(let query):
            return .query(query)
        case .call(let call) where call.function.result == .nodes:
            return .call(call)
        case .call(let call):
            throw typeError("\(call.function.rawValue)() returns \(call.function.result.description), but \(role) must be a query", operand)
        case .literal:
            throw typeError("\(role) must be a query, not the literal \(text(of: operand))", operand)
        }
    }

    /// An operand standing alone as a test: a query (does it select anything?) or a function returning
    /// a logical result or nodes.
    private func test(_ operand: JSONPathOperand) throws(JSONPathError) -> JSONPathLogical {
        switch operand.kind {
        case .literal:
            throw typeError("the literal \(text(of: operand)) must be compared with something", operand)
        case .query(let query):
            return .exists(.query(query))
        case .call(let call):
            switch call.function.result {
            case .logical: return .call(call)
            case .nodes: return .exists(.call(call))
            case .value: throw typeError("\(call.function.rawValue)() returns a value, which must be compared with something", operand)
            }
        }
    }

    /// The operand as written: quoted when it is a query (`'@.*'`), as is when it is a literal.
    private func text(of operand: JSONPathOperand) -> String {
        let text = scanner.text(from: operand.start, to: operand.end)
        if case .literal = operand.kind { return text }
        return "'" + text + "'"
    }

    private func typeError(_ message: String, _ operand: JSONPathOperand) -> JSONPathError {
        scanner.error(message, at: operand.start, kind: .type)
    }
}
