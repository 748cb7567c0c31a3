/// Parses RFC 9535 JSONPath text into segments: recursive descent over the grammar in RFC 9535 §2,
/// checking well-typedness as it goes (JSONPathFilterParser.swift) so a parsed query always evaluates.
///
/// Nesting (parentheses, filters, function calls) is bounded, so a hostile query cannot exhaust the
/// stack, here or in the evaluator that follows the same structure.
struct JSONPathParser {
    var scanner: JSONPathScanner
    let maxDepth: Int
    var depth = 0

    init(_ text: String, maxDepth: Int) {
        scanner = JSONPathScanner(text)
        self.maxDepth = maxDepth
    }

    /// `$` followed by segments, and nothing else (not even blank space).
    mutating func parseQuery() throws(JSONPathError) -> [JSONPathSegment] {
        guard scanner.accept("$") else { throw scanner.unexpected(expected: "'$' to begin the query") }
        let segments = try parseSegments()
        guard scanner.isAtEnd else { throw scanner.unexpected(expected: "'.', '..' or '['") }
        return segments
    }

    /// Segments, each possibly after blank space; stops before blank space that no segment follows.
    mutating func parseSegments() throws(JSONPathError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        while true {
            let mark = scanner.index
            scanner.skipBlank()
            guard scanner.peek == "." || scanner.peek == "[" else {
                scanner.index = mark
                return segments
            }
            segments.append(try parseSegment())
        }
    }

    private mutating func parseSegment() throws(JSONPathError) -> JSONPathSegment {
        if scanner.accept("..") {
            let selectors = scanner.peek == "[" ? try parseBracketedSelection() : [try parseShorthand(after: "'..'", allowingBracket: true)]
            return JSONPathSegment(isDescendant: true, selectors: selectors)
        }
        if scanner.accept(".") {
            return JSONPathSegment(isDescendant: false, selectors: [try parseShorthand(after: "'.'", allowingBracket: false)])
        }
        return JSONPathSegment(isDescendant: false, selectors: try parseBracketedSelection())
    }

    /// `*` or a member name, right after the dot (no blank space).
    private mutating func parseShorthand(after dots: String, allowingBracket: Bool) throws(JSONPathError) -> JSONPathSelector {
        if scanner.accept("*") { return .wildcard }
        if let name = scanner.parseMemberName() { return .name(name) }
        let choices = allowingBracket ? "a member name, '*' or '['" : "a member name or '*'"
        throw scanner.unexpected(expected: "\(choices) after \(dots)")
    }

    /// `[selector, selector, …]`.
    private mutating func parseBracketedSelection() throws(JSONPathError) -> [JSONPathSelector] {
        scanner.advance()
        var selectors: [JSONPathSelector] = []
        repeat {
            scanner.skipBlank()
            selectors.append(try parseSelector())
            scanner.skipBlank()
        } while scanner.accept(",")
        guard scanner.accept("]") else {
            let endsInFilter = if case .filter? = selectors.last { true } else { false }
            throw scanner.unexpected(expected: endsInFilter ? "an operator, ',' or ']'" : "',' or ']'")
        }
        return selectors
    }

    private mutating func parseSelector() throws(JSONPathError) -> JSONPathSelector {
        let expected = "a selector (a quoted name, '*', an index, a slice or a '?' filter)"
        guard let next = scanner.peek else { throw scanner.unexpected(expected: expected) }
        switch next {
        case "'", "\"":
            return .name(try scanner.parseStringLiteral())
        case "*":
            scanner.advance()
            return .wildcard
        case "?":
            try enterNesting()
            defer { depth -= 1 }
            scanner.advance()
            scanner.skipBlank()
            return .filter(try parseLogicalOr())
        case ":", "-", "0"..."9":
            return try parseIndexOrSlice()
        default:
            throw scanner.unexpected(expected: expected)
        }
    }

    /// `2`, or a slice `start:end:step` with every part optional.
    private mutating func parseIndexOrSlice() throws(JSONPathError) -> JSONPathSelector {
        var start: Int?
        if scanner.peek != ":" {
            let index = try scanner.parseInteger()
            let mark = scanner.index
            scanner.skipBlank()
            guard scanner.peek == ":" else {
                scanner.index = mark
                return .index(index)
            }
            start = index
        }
        scanner.advance()
        scanner.skipBlank()
        let end = try parseOptionalInteger()
        scanner.skipBlank()
        var step: Int?
        if scanner.accept(":") {
            scanner.skipBlank()
            step = try parseOptionalInteger()
        }
        return .slice(JSONPathSlice(start: start, end: end, step: step))
    }

    private mutating func parseOptionalInteger() throws(JSONPathError) -> Int? {
        guard scanner.peek == "-" || JSONPathScanner.isDigit(scanner.peek) else { return nil }
        return try scanner.parseInteger()
    }

    /// Counts one level of nesting; an error past `maxDepth`. The caller undoes it with `depth -= 1`.
    mutating func enterNesting() throws(JSONPathError) {
        depth += 1
        guard depth <= maxDepth else {
            throw scanner.error("the query nests deeper than \(maxDepth) levels of filters, parentheses and function calls", kind: .tooDeep)
        }
    }
}
