import SpecterJSON

/// Captures and assertions written as a JetBrains response handler, in the forms
/// `HTTPHandlerScript` reads back: `client.global.set` for a capture, `client.test` with one
/// `client.assert` for an assertion. What JavaScript cannot say the same way (filters, `regex`,
/// `matches`, placeholders in values) is handed back unwritten.
enum HTTPHandlerWriter {
    struct Written: Sendable, Equatable {
        /// The script's lines, without `> {%` and `%}`; empty when nothing maps.
        var lines: [String] = []
        var unwrittenCaptures: [ForeignCapture] = []
        var unwrittenAsserts: [String] = []
    }

    static func write(captures: [ForeignCapture], asserts: [String]) -> Written {
        var written = Written()
        for capture in captures {
            if let value = javaScript(forQuery: capture.query) {
                written.lines.append("client.global.set(\(quoted(capture.variable)), \(value));")
            } else {
                written.unwrittenCaptures.append(capture)
            }
        }
        for assert in asserts {
            if let condition = condition(for: assert) {
                written.lines += ["client.test(\(quoted(assert)), function () {", "    client.assert(\(condition), \(quoted(assert)));", "});"]
            } else {
                written.unwrittenAsserts.append(assert)
            }
        }
        return written
    }

    /// `QUERY OPERATOR VALUE` as a JavaScript condition, when it means the same there.
    private static func condition(for assert: String) -> String? {
        let operators = ["==": "===", "!=": "!==", "<": "<", "<=": "<=", ">": ">", ">=": ">="]
        let words = assert.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // `status == 2xx`: the hundreds of the status.
        if words.count == 3, words[0] == "status", words[1] == "==" || words[1] == "!=", let digit = statusClass(words[2]) {
            return "Math.floor(response.status / 100) \(operators[words[1]] ?? "===") \(digit)"
        }
        // `QUERY contains VALUE`: JavaScript's `includes`, of a text (a part of it) or an array (an item).
        if let index = words.firstIndex(of: "contains"), index > 0 {
            let negated = words[index - 1] == "not"
            guard let subject = javaScript(forQuery: words[..<(negated ? index - 1 : index)].joined(separator: " ")),
                  let value = javaScriptLiteral(words[(index + 1)...].joined(separator: " ")) else { return nil }
            return (negated ? "!" : "") + "\(subject).includes(\(value))"
        }
        guard let index = words.indices.first(where: { $0 > 0 && operators[words[$0]] != nil }), let spelled = operators[words[index]],
              let subject = javaScript(forQuery: words[..<index].joined(separator: " ")),
              let value = javaScriptLiteral(words[(index + 1)...].joined(separator: " ")) else { return nil }
        return "\(subject) \(spelled) \(value)"
    }

    /// `2` for `2xx`.
    private static func statusClass(_ value: String) -> Int? {
        guard value.count == 3, value.lowercased().hasSuffix("xx"), let digit = value.first?.wholeNumberValue, (1...5).contains(digit) else { return nil }
        return digit
    }

    /// A JSON number, string, `true`, `false` or `null` (or Specter's bare text, a string) in JavaScript.
    private static func javaScriptLiteral(_ value: String) -> String? {
        guard !value.isEmpty, !value.contains("{{") else { return nil }
        switch try? JSONParser.parse(value) {
        case .int?, .double?: return value
        case .bool?, .null?: return value
        case .string(let text)?: return quoted(text)
        case .array?, .object?: return nil
        case nil:
            let isStatusClass = value.count == 3 && value.hasSuffix("xx")
            return value.hasPrefix("\"") || isStatusClass ? nil : quoted(value)
        }
    }

    /// `status`, `header Name` or a JSONPath made of names and indices, as a JavaScript expression.
    static func javaScript(forQuery query: String) -> String? {
        if query == "status" { return "response.status" }
        if query.hasPrefix("header ") {
            let name = query.dropFirst("header ".count)
            return !name.isEmpty && name.allSatisfy(\.isTokenCharacter) ? "response.headers.valueOf(\(quoted(String(name))))" : nil
        }
        guard query.hasPrefix("$"), let steps = memberSteps(query.dropFirst()), !steps.isEmpty else { return nil }
        return "response.body" + steps.joined()
    }

    /// `.name`, `[0]` and `["name"]` steps of a JSONPath, each in the spelling `HTTPJSONPath` uses.
    private static func memberSteps(_ path: Substring) -> [String]? {
        var steps: [String] = []
        var rest = path
        while !rest.isEmpty {  // each pass takes at least two characters or returns
            if rest.hasPrefix(".") {
                let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                guard !name.isEmpty else { return nil }
                steps.append(HTTPJSONPath.member(String(name)))
                rest = rest.dropFirst(1 + name.count)
            } else if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if !inside.isEmpty && inside.allSatisfy(\.isASCIIDigit) {
                    steps.append("[\(inside)]")
                } else if let name = quotedName(inside) {
                    steps.append(HTTPJSONPath.member(name))
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        return steps
    }

    private static func quotedName(_ text: Substring) -> String? {
        if text.hasPrefix("\""), case .string(let name)? = try? JSONParser.parse(String(text)) { return name }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.contains("\\") { return String(text.dropFirst().dropLast()) }
        return nil
    }

    private static func quoted(_ text: String) -> String {
        var quoted = ""
        JSONWriter.writeString(text, into: &quoted)
        return quoted
    }
}
