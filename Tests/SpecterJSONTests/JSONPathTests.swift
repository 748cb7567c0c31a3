import Testing
import SpecterJSON

@Suite struct JSONPathTests {
    private func values(_ query: String, _ document: JSONValue) throws -> [JSONValue] {
        try JSONPathQuery(parsing: query).select(in: document).map(\.value)
    }

    private func parseError(_ query: String) -> JSONPathError? {
        do {
            _ = try JSONPathQuery(parsing: query)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Errors

    @Test func syntaxErrorsNameTheColumnAndWhatWasExpected() throws {
        let error = try #require(parseError("$[0 2]"))
        #expect(error.kind == .syntax)
        #expect(error.column == 5)
        #expect(error.offset == 4)
        #expect(error.description == "unexpected '2', expected ',' or ']' at column 5")
        #expect(parseError("$.items[")?.description == "unexpected end of the query, expected a selector (a quoted name, '*', an index, a slice or a '?' filter) at column 9")
        #expect(parseError("$ ")?.description == "unexpected blank space, expected '.', '..' or '[' at column 2")
    }

    @Test func columnsCountCharactersAndLinesAreNamedWhenThereAreSeveral() throws {
        #expect(parseError("$['漢字'].é.&")?.column == 11)
        let error = try #require(parseError("$[?@.a &&\n  @.b ==]"))
        #expect(error.position == TextPosition(line: 2, column: 9))
        #expect(error.description.hasSuffix("at line 2, column 9"))
    }

    @Test func illTypedQueriesAreTypeErrors() throws {
        let comparison = try #require(parseError("$[?@.* == 1]"))
        #expect(comparison.kind == .type)
        #expect(comparison.column == 4)
        #expect(comparison.message.hasPrefix("'@.*' can select several nodes, so it cannot be compared"))
        #expect(parseError("$[?true]")?.message == "the literal true must be compared with something")
        #expect(parseError("$[?length(@.a)]")?.message == "length() returns a value, which must be compared with something")
        #expect(parseError("$[?match(@.a, 'x') == true]")?.message == "match() returns a logical result, so it cannot be compared")
        #expect(parseError("$[?count(1) > 0]")?.message == "argument 1 of count() must be a query, not the literal 1")
        #expect(parseError("$[?foo(@)]")?.message.hasPrefix("unknown function foo()") == true)
    }

    @Test func nestingIsBoundedWithAClearError() throws {
        let deep = "$[?" + String(repeating: "(", count: 100) + "@" + String(repeating: ")", count: 100) + "]"
        let error = try #require(parseError(deep))
        #expect(error.kind == .tooDeep)
        #expect(error.message.contains("nests deeper than \(JSONPathQuery.defaultMaxDepth) levels"))
        let nestedFilters = "$" + String(repeating: "[?@", count: 100) + String(repeating: "]", count: 100)
        #expect(parseError(nestedFilters)?.kind == .tooDeep)
        #expect(try JSONPathQuery(parsing: "$[?" + String(repeating: "(", count: 10) + "@" + String(repeating: ")", count: 10) + "]").text.count == 25)
    }

    // MARK: Paths

    @Test func pathsHaveANormalizedAndADottedForm() throws {
        let document: JSONValue = ["items": [1, 2, ["price": 3, "unit price": 4, "it's": 5, "café": 6, "a\u{202E}b\n": 7]]]
        let nodes = try JSONPathQuery(parsing: "$.items[2].*").select(in: document)
        #expect(nodes.map(\.path.description) == [
            "$['items'][2]['price']", "$['items'][2]['unit price']", "$['items'][2]['it\\'s']",
            "$['items'][2]['café']", "$['items'][2]['a\u{202E}b\\n']",
        ])
        #expect(nodes.map(\.path.dotted) == [
            "$.items[2].price", "$.items[2]['unit price']", "$.items[2]['it\\'s']",
            "$.items[2].café", "$.items[2]['a\\u202eb\\n']",
        ])
        #expect(nodes[0].path.pointer == JSONPointer("/items/2/price"))
        #expect(nodes[0].path.elements == [.name("items"), .index(2), .name("price")])
        #expect(NormalizedPath().description == "$" && NormalizedPath().dotted == "$")
    }

    @Test func dottedPathsReadBackAsTheSameQuery() throws {
        let document: JSONValue = ["a b": ["x-y": [["_ok": ["1st": true]]]]]
        let node = try #require(try JSONPathQuery(parsing: "$..['1st']").select(in: document).first)
        #expect(node.path.dotted == "$['a b']['x-y'][0]._ok['1st']")
        #expect(try JSONPathQuery(parsing: node.path.dotted).select(in: document) == [node])
    }

    // MARK: Budget

    @Test func theBudgetStopsRunawayEvaluations() throws {
        let document = JSONValue.array((0..<1000).map { .object(["id": .int($0)]) })
        let everything = try JSONPathQuery(parsing: "$..*")
        #expect(everything.select(in: document).count == 2000)
        #expect(try everything.select(in: document, budget: .interactive).count == 2000)
        #expect(throws: JSONPathEvaluationError.tooManyNodes(100)) {
            try everything.select(in: document, budget: JSONPathBudget(maxSteps: .max, maxNodes: 100))
        }
        let quadratic = try JSONPathQuery(parsing: "$..[?count($..id) > 0]")
        #expect(throws: JSONPathEvaluationError.stepBudgetExceeded(100_000)) {
            try quadratic.select(in: document, budget: JSONPathBudget(maxSteps: 100_000, maxNodes: .max))
        }
    }

    @Test func theBudgetStopsCatastrophicBacktracking() throws {
        let query = try JSONPathQuery(parsing: "$[?match(@, '(a|a)*b')]")
        let strings = JSONValue.array(Array(repeating: .string(String(repeating: "a", count: 40) + "!"), count: 100))
        #expect(throws: JSONPathEvaluationError.stepBudgetExceeded(100_000)) {
            try query.select(in: strings, budget: JSONPathBudget(maxSteps: 100_000, maxNodes: .max))
        }
    }

    @Test func aCancelledTaskStopsTheEvaluation() async throws {
        let document = JSONValue.array((0..<20_000).map { .int($0) })
        let query = try JSONPathQuery(parsing: "$..*")
        let task = Task { () -> JSONPathEvaluationError? in
            while !Task.isCancelled { await Task.yield() }
            do throws(JSONPathEvaluationError) {
                _ = try query.select(in: document, budget: .unlimited)
                return nil
            } catch {
                return error
            }
        }
        task.cancel()
        let stop = await task.value
        #expect(stop == .cancelled)
    }

    // MARK: Semantics worth pinning

    @Test func numbersCompareByValueExactly() throws {
        #expect(try values("$[?@ == 1]", [1, 1.0, "1", true]) == [1, 1])
        // 2^53 as a double and 2^53 + 1 as an integer are equal as doubles, but not as numbers.
        #expect(try values("$[?@ < 9007199254740993]", [.double(9_007_199_254_740_992)]) == [.double(9_007_199_254_740_992)])
        #expect(try values("$[?@ == 9007199254740993]", [.double(9_007_199_254_740_992)]) == [])
    }

    @Test func namesMatchCodePointsNotCanonicalEquivalents() throws {
        let document: JSONValue = ["caf\u{E9}": 1, "other": 2]
        #expect(try values("$['caf\\u00e9']", document) == [1])
        #expect(try values("$['cafe\\u0301']", document) == [])
        #expect(try values("$[?@ < 'b']", ["\u{E9}", "e\u{301}", "a"]) == ["a"])
    }

    @Test func regularExpressionsAreIRegexpOnly() throws {
        let strings: JSONValue = ["a1", "ab", "a\nb", "a\u{2028}b", "AB", "a*"]
        #expect(try values("$[?match(@, 'a.b')]", strings) == ["a\u{2028}b"])
        #expect(try values("$[?search(@, '\\\\p{Lu}')]", strings) == ["AB"])
        #expect(try values("$[?match(@, 'a[0-9]')]", strings) == ["a1"])
        #expect(try values("$[?match(@, 'a\\\\*')]", strings) == ["a*"])
        // Not I-Regexp, though ICU would read them: no match rather than an error.
        for pattern in ["a\\\\d", "(?i)ab", "a**", "a*+", "(a)\\\\1", "\\\\w+", "[b-a]", "a{2,1}"] {
            #expect(try values("$[?search(@, '\(pattern)')]", strings) == [], "\(pattern)")
        }
        #expect(try values("$[?search(@, $[0])]", ["a(", "b"]) == [])
        // ICU would read `&&` as set intersection (matching nothing); in I-Regexp it is two `&`s.
        #expect(try values("$[?match(@, '[a&&b]')]", ["&", "a", "c"]) == ["&", "a"])
    }

    @Test func singularQueriesAreKnown() throws {
        #expect(try JSONPathQuery(parsing: "$.a[0]['b']").isSingular)
        #expect(try !JSONPathQuery(parsing: "$.a[*]").isSingular)
        #expect(try !JSONPathQuery(parsing: "$..a").isSingular)
    }
}
