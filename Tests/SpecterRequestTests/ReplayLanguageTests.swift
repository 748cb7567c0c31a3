import SpecterHTTP
import SpecterJSON
import SpecterRequest
import Testing

/// The language of replay's captures and assertions, on responses made in the test: what each
/// operator holds for, what a failure says, and what a malformed line is told.
struct ReplayLanguageTests {
    static let rex: JSONValue = ["name": "Rex", "age": 3, "tags": ["dog", "good"], "items": [["price": 2], ["price": 0.5], ["price": -1]], "owner": .null]
    static let facts = ResponseFacts(status: 201, headers: ["Content-Type": "application/json", "X-Count": "3",
                                                              "Set-Cookie": "session=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT, theme=dark"],
                                     bodyText: JSONWriter.compact.string(rex), bodyJSON: rex, duration: .milliseconds(12))

    func check(_ line: String, variables: [String: String] = [:]) throws -> AssertionResult {
        try ReplayAssertion(parsing: line).check(Self.facts) { text in
            variables.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
        }
    }

    @Test func operatorsHoldWhereTheyShould() throws {
        let holding = [
            "status == 201", "status == 2xx", "status in [200, 201]", "status != 200", "header X-Count == 3", "header x-count > 2",
            "header Content-Type contains json", "header Content-Type matches \"^application/\"", "cookie session == abc", "cookie theme == dark",
            "$.name == Rex", "$.name == \"Rex\"", "$.age <= 3", "$.age >= 3", "$.tags contains good", "$.tags not contains cat", "$.owner == null",
            "$.items[*].price > -2", "$.items count == 3", "$.items[*] count == 3", "$.items[0] count == 1", "$..price count == 3",
            "$.name matches \"^R\\w+$\"", "$.tags length == 2", "$.name type == string", "$.items[1].price type == number",
            "$.missing not exists", "$.owner exists", "body contains \"Rex\"", "duration < 1000", "$.tags[*] contains dog", "$.name == {{name}}",
            "header Set-Cookie regex \"theme=(\\\\w+)\" == dark",
        ]
        for line in holding {
            let result = try check(line, variables: ["name": "Rex"])
            #expect(result.passed, "\(line): \(result.message ?? "")")
        }
    }

    @Test func aFailureSaysWhereWhatWasExpectedAndWhatCame() throws {
        #expect(try check("$.items[*].price > 0").message == "$.items[2].price: expected > 0, got -1")
        #expect(try check("$.items[*].price > 0").text == "$.items[*].price > 0")
        #expect(try check("status == 4xx").message == "status: expected == 4xx, got 201")
        #expect(try check("$.tags[*] contains cat").message == "$.tags[*]: expected the values to include \"cat\", got [\"dog\",\"good\"]")
        #expect(try check("$.age == \"3\"").message == "$.age: expected == \"3\", got 3")
        #expect(try check("$.name > 0").message == "$.name: expected > 0, got \"Rex\"")
        let masked = try ReplayAssertion(parsing: "$.name == Max").check(Self.facts, masking: Redactor(secrets: ["Rex"])) { $0 }
        #expect(masked.message == "$.name: expected == \"Max\", got \"••••••\"")
        #expect(try check("header X-Missing exists").message == "header X-Missing: expected to exist, but no header X-Missing (the response has: Content-Type, X-Count, Set-Cookie)")
        #expect(try check("$.owner.name == x").message?.hasPrefix("$.owner.name: expected == \"x\", but $.owner.name selects nothing in {\"name\":\"Rex\"") == true)
        #expect(try check("duration < 5").message == "duration: expected < 5 ms, got 12 ms")
        // A pattern is shown as the file writes it, its quotes and backslashes escaped.
        let unmatched = try check(#"body regex "\"nick\":\"(\\w+)\"" == x"#).message ?? ""
        #expect(unmatched.hasPrefix(#"body regex "\"nick\":\"(\\w+)\"": expected == "x", but regex "\"nick\":\"(\\w+)\"" does not match"#), "\(unmatched)")
    }

    @Test func malformedLinesAreToldWhatIsWrong() {
        func problem(_ line: String) -> String? {
            do {
                _ = try ReplayAssertion(parsing: line)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(problem("") == "empty: write status, header NAME, cookie NAME, body, duration or a JSONPath query such as $.id")
        #expect(problem("statu == 200")?.hasPrefix("\"statu\" is not something a response has") == true)
        #expect(problem("body == {{x") == "a {{ in \"{{x\" is not closed with }}")
        #expect(problem("body == {{x}}") == nil)
        #expect(problem("status") == "expected an operator after status, found nothing (use ==, !=, <, <=, >, >=, contains, not contains, matches, exists, not exists, in)")
        #expect(problem("status ==") == "== needs a value after it")
        #expect(problem("$.id exists 3") == "exists takes no value (found \"3\")")
        #expect(problem("header") == "header needs a name: header NAME")
        #expect(problem("body regex \"(a\" == x") == "\"(a\" is not a valid regular expression")
        #expect(problem("body regex \"a == x") == "the quoted pattern after regex is not closed")
        #expect(problem("$.items[?@.price > ] count == 1")?.hasPrefix("$.items[?@.price > ] is not a JSONPath query: ") == true)
        #expect(problem("$.name matches \"[a\"") == "\"[a\" is not a valid regular expression")
        #expect(problem("status in 200") == "in takes a list: in [200, 201]")
        #expect(problem("$.name matches \"{{pattern}}\"") == nil, "a placeholder is filled when the response is checked")
    }

    @Test func aCheckOverManyValuesStopsAtItsTimeLimit() throws {
        let values = JSONValue.array(Array(repeating: .string("aaaa"), count: 200))
        let facts = ResponseFacts(status: 200, bodyJSON: ["items": values])
        let assertion = try ReplayAssertion(parsing: #"$.items[*] matches "^(a+)+$""#)
        #expect(assertion.check(facts) { $0 }.passed)
        let stopped = assertion.check(facts, timeLimit: .zero) { $0 }
        #expect(!stopped.passed)
        #expect(stopped.message?.hasPrefix("$.items[*]: not checked to the end: 1 of 200 values took more than ") == true, "\(stopped.message ?? "")")
    }

    @Test func capturesTakeOneValueOrSayWhy() throws {
        #expect(try ReplayCapture(name: "n", query: ResponseQuery(parsing: "$.name")).value(in: Self.facts) == .success("Rex"))
        #expect(try ReplayCapture(name: "n", query: ResponseQuery(parsing: "$.age")).value(in: Self.facts) == .success("3"))
        #expect(try ReplayCapture(name: "n", query: ResponseQuery(parsing: "$.tags")).value(in: Self.facts) == .success("[\"dog\",\"good\"]"))
        #expect(try ReplayCapture(name: "c", query: ResponseQuery(parsing: "cookie session")).value(in: Self.facts) == .success("abc"))
        #expect(try ReplayCapture(name: "s", query: ResponseQuery(parsing: "status")).value(in: Self.facts) == .success("201"))
        let many = try ReplayCapture(name: "p", query: ResponseQuery(parsing: "$.items[*].price")).value(in: Self.facts)
        guard case .failure(let failure) = many else { Issue.record("three values captured as one"); return }
        #expect(failure.message == "capture p: $.items[*].price selects 3 values; choose one (the first is at $.items[0].price): [2,0.5,-1]")
        #expect(throws: ReplaySyntaxError.self) { try ResponseQuery(parsing: "$.name == Rex") }
    }

    @Test func recordingsDifferOnlyWhereNothingIsIgnored() throws {
        let old = RecordedResponse(Self.facts, redactor: Redactor(secrets: []))
        var changed = Self.facts
        changed.bodyJSON = ["name": "Rexy", "age": 3, "tags": ["dog"], "items": [["price": 2], ["price": 0.5], ["price": -1]], "owner": .null, "id": 7]
        changed.headers.set("X-Count", "4")
        let new = RecordedResponse(changed, redactor: Redactor(secrets: []))
        #expect(old.differences(to: new, ignoring: CompareIgnore()) == [
            "header x-count: \"3\" → \"4\"", "$.name: \"Rex\" → \"Rexy\"", "$.tags[1]: removed (was \"good\")", "$.id: added 7",
        ])
        let ignore = try CompareIgnore(json: ["$..name", "$.id", "X-Count", "$.tags"])
        #expect(old.differences(to: new, ignoring: ignore) == [])
        #expect(throws: CompareIgnore.FormatError.self) { try CompareIgnore(json: ["$.[", "Date"]) }
    }

    @Test func recordingsMaskSecrets() {
        let facts = ResponseFacts(status: 200, headers: ["Content-Type": "application/json"], bodyJSON: ["access_token": "issued-41", "token_type": "bearer"])
        let recorded = RecordedResponse(facts, redactor: Redactor(secrets: ["issued-41"]))
        #expect(JSONWriter.compact.string(recorded.json) == #"{"status":200,"headers":{"content-type":"application/json"},"body":{"access_token":"••••••","token_type":"bearer"}}"#)
    }
}
