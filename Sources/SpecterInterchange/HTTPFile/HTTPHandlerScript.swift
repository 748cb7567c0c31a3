import SpecterJSON

/// The response handler scripts Specter can carry over: ones made only of
/// `client.global.set("name", response.body.path)` (a capture) and
/// `client.test("…", function () { client.assert(response.status === 200, "…") })` or a bare
/// `client.assert(…)` (assertions: a comparison, `VALUE.includes(…)` or the status class
/// `Math.floor(response.status / 100) === 2`), on `response.status`, `response.body.path` and
/// `response.headers.valueOf("Name")`. A script with anything else in it is JavaScript Specter does
/// not run: it is carried over not at all, rather than in part (its other statements may change
/// what the recognised ones mean).
struct HTTPHandlerScript: Sendable, Equatable {
    var captures: [ForeignCapture] = []
    var asserts: [String] = []

    /// What the script does in Specter's terms, or nil when it does anything more.
    static func read(_ script: String) -> HTTPHandlerScript? {
        guard let tokens = JavaScriptToken.tokens(of: script) else { return nil }
        var reader = HandlerReader(tokens: tokens)
        return reader.statements()
    }
}

/// A recursive reading of the handler's statements; each reading step leaves the position where it
/// was when it fails, so the next form can be tried.
private struct HandlerReader {
    let tokens: [JavaScriptToken]
    var position = 0

    init(tokens: [JavaScriptToken]) { self.tokens = tokens }

    mutating func statements() -> HTTPHandlerScript? {
        var script = HTTPHandlerScript()
        while position < tokens.count {  // each pass takes at least one token or returns
            if take(";") { continue }
            if let capture = attempt({ $0.globalSet() }) {
                script.captures.append(capture)
            } else if let asserts = attempt({ $0.test() }) {
                script.asserts += asserts
            } else if let assert = attempt({ $0.assertion() }) {
                script.asserts.append(assert)
            } else {
                return nil
            }
        }
        return script
    }

    /// `client.global.set("name", VALUE)`
    private mutating func globalSet() -> ForeignCapture? {
        guard take("client", ".", "global", ".", "set", "("), let name = string(), take(","), let query = responseValue(), take(")") else { return nil }
        return ForeignCapture(variable: name, query: query)
    }

    /// `client.test("name", function () { ASSERTIONS })`, or with `() => { … }`.
    private mutating func test() -> [String]? {
        guard take("client", ".", "test", "("), string() != nil, take(","), take("function", "(", ")") || take("(", ")", "=>"), take("{") else { return nil }
        var asserts: [String] = []
        while position < tokens.count, !take("}") {
            if take(";") { continue }
            guard let assert = attempt({ $0.assertion() }) else { return nil }
            asserts.append(assert)
        }
        return take(")") && !asserts.isEmpty ? asserts : nil
    }

    /// `client.assert(CONDITION[, "message"])` as a Specter assertion line.
    private mutating func assertion() -> String? {
        guard take("client", ".", "assert", "("),
              let condition = attempt({ $0.statusClass() }) ?? attempt({ $0.includes() }) ?? attempt({ $0.comparisonCondition() }) else { return nil }
        if take(",") { guard string() != nil else { return nil } }
        return take(")") ? condition : nil
    }

    /// `VALUE OPERATOR LITERAL`
    private mutating func comparisonCondition() -> String? {
        guard let query = responseValue(), let comparison = comparison(), let value = literal() else { return nil }
        return "\(query) \(comparison) \(value)"
    }

    /// `Math.floor(response.status / 100) === 2`: `status == 2xx`.
    private mutating func statusClass() -> String? {
        guard take("Math", ".", "floor", "(", "response", ".", "status", "/", "100", ")"), let comparison = comparison(), ["==", "!="].contains(comparison),
              position < tokens.count, tokens[position].kind == .number, let digit = Int(tokens[position].text), (1...5).contains(digit) else { return nil }
        position += 1
        return "status \(comparison) \(digit)xx"
    }

    /// `VALUE.includes(LITERAL)`, or `!VALUE.includes(LITERAL)`: `contains`, `not contains`.
    private mutating func includes() -> String? {
        let negated = take("!")
        guard let query = responseValue(), take(".", "includes", "("), let value = literal(), take(")") else { return nil }
        return "\(query) \(negated ? "not contains" : "contains") \(value)"
    }

    private mutating func comparison() -> String? {
        let specter = ["===": "==", "==": "==", "!==": "!=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="]
        guard position < tokens.count, tokens[position].kind == .punctuation, let spelled = specter[tokens[position].text] else { return nil }
        position += 1
        return spelled
    }

    /// `response.status`, `response.body.a[0]["b-c"]`, `response.headers.valueOf("H")` or `.valuesOf("H")[0]`, as a Specter query.
    private mutating func responseValue() -> String? {
        guard take("response", ".") else { return nil }
        if take("status") { return "status" }
        if take("headers", ".", "valueOf", "("), let name = string(), take(")") { return "header \(name)" }
        if take("headers", ".", "valuesOf", "("), let name = string(), take(")", "[", "0", "]") { return "header \(name)" }
        guard take("body") else { return nil }
        var path = "$"
        while position < tokens.count, !lookingAt(".", "includes", "(") {
            if take("."), let name = name() {
                path += HTTPJSONPath.member(name)
            } else if take("["), let key = indexOrKey(), take("]") {
                path += key
            } else {
                break
            }
        }
        return path == "$" ? nil : path
    }

    private mutating func indexOrKey() -> String? {
        guard position < tokens.count else { return nil }
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .number where token.text.allSatisfy(\.isASCIIDigit): return "[\(token.text)]"
        case .string: return HTTPJSONPath.member(token.text)
        default: return nil
        }
    }

    /// A number, string, `true`, `false` or `null`, written as Specter's assertion value (JSON).
    private mutating func literal() -> String? {
        let negative = take("-")
        guard position < tokens.count else { return nil }
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .number where Double(token.text) != nil: return (negative ? "-" : "") + token.text
        case .string where !negative:
            var quoted = ""
            JSONWriter.writeString(token.text, into: &quoted)
            return quoted
        case .name where !negative && ["true", "false", "null"].contains(token.text): return token.text
        default: return nil
        }
    }

    private mutating func string() -> String? {
        guard position < tokens.count, tokens[position].kind == .string else { return nil }
        position += 1
        return tokens[position - 1].text
    }

    private mutating func name() -> String? {
        guard position < tokens.count, tokens[position].kind == .name else { return nil }
        position += 1
        return tokens[position - 1].text
    }

    /// The tokens in a row (names and punctuation), taken only if all are there.
    private mutating func take(_ texts: String...) -> Bool {
        guard position + texts.count <= tokens.count else { return false }
        for (offset, text) in texts.enumerated() where tokens[position + offset].kind == .string || tokens[position + offset].text != text { return false }
        position += texts.count
        return true
    }

    /// Whether those tokens come next (none taken).
    private func lookingAt(_ texts: String...) -> Bool {
        guard position + texts.count <= tokens.count else { return false }
        return zip(tokens[position...], texts).allSatisfy { $0.kind != .string && $0.text == $1 }
    }

    private mutating func attempt<T>(_ step: (inout HandlerReader) -> T?) -> T? {
        let start = position
        if let result = step(&self) { return result }
        position = start
        return nil
    }
}

/// Member steps of the JSONPath queries handlers are read into and written from.
enum HTTPJSONPath {
    /// `.name` when RFC 9535's shorthand allows it, `["name"]` otherwise.
    static func member(_ name: String) -> String {
        let first = name.first
        let isShorthand = first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        if isShorthand { return "." + name }
        var quoted = ""
        JSONWriter.writeString(name, into: &quoted)
        return "[\(quoted)]"
    }
}
