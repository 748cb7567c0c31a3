import SpecterInterchange
import Testing

/// The response part of a Hurl entry: status line, headers, body, `[Captures]` and `[Asserts]`,
/// each translated into Specter's replay language or reported with its line.
@Suite struct HurlResponseImportTests {
    static func response(_ lines: String) throws -> ForeignRequest {
        try HurlImportTests.request("GET https://h/\n" + lines + "\n")
    }

    static func assertion(_ hurl: String) throws -> ForeignRequest {
        try response("HTTP *\n[Asserts]\n" + hurl)
    }

    @Test func statusLineHeadersAndBody() throws {
        let request = try Self.response("HTTP/1.1 201\nContent-Type: application/json\nSet-Cookie: a=1\nSet-Cookie: b=2\n`created`")
        #expect(request.asserts == ["status == 201", "header Content-Type == \"application/json\"", "header Set-Cookie contains \"a=1\"",
                                    "header Set-Cookie contains \"b=2\"", "body == \"created\""])
        #expect(request.notes.map(\.description) == [
            "t.hurl:2: HTTP/1.1: Specter does not check the protocol version",
            "t.hurl:4: Set-Cookie is expected several times: checked with contains, which for a single Set-Cookie header also accepts a part of its value",
            "t.hurl:5: Set-Cookie is expected several times: checked with contains, which for a single Set-Cookie header also accepts a part of its value",
        ])
        #expect(try Self.response("HTTP *").asserts.isEmpty)
        #expect(try Self.response("HTTP 302").notes.map(\.description)
            == ["t.hurl:2: Specter follows redirects, so it sees 302 only when the redirect cannot be followed (Hurl does not follow unless told to)"])
        #expect(try Self.response("HTTP 200\n```graphql\n{ a }\n```").asserts == ["status == 200", "body == \"{\\\"query\\\":\\\"{ a }\\\"}\""])
        #expect(try Self.response("HTTP 200\n{\"a\": 1}").notes.map(\.description)
            == ["t.hurl:3: the expected JSON body is not carried over (Hurl compares it as JSON; write a JSONPath assertion)"])
    }

    @Test(arguments: [
        ("status == 200", "status == 200"),
        ("status != 500", "status != 500"),
        ("header \"Location\" == \"/pets/1\"", "header Location == \"/pets/1\""),
        ("header \"Content-Type\" contains \"json\"", "header Content-Type contains \"json\""),
        ("header \"ETag\" matches /^W\\//", "header ETag matches \"^W/\""),
        ("header \"X-Id\" exists", "header X-Id exists"),
        ("header \"X-Id\" not exists", "header X-Id not exists"),
        ("cookie \"session\" == \"abc\"", "cookie session == \"abc\""),
        ("jsonpath \"$.count\" == 5", "$.count == 5"),
        ("jsonpath \"$.count\" equals 5.0", "$.count == 5.0"),
        ("jsonpath \"$.count\" != {{ four }}", "$.count != {{four}}"),
        ("jsonpath \"$.count\" not == 4", "$.count != 4"),
        ("jsonpath \"$.count\" not != 4", "$.count == 4"),
        ("jsonpath \"$.count\" > 1", "$.count > 1"),
        ("jsonpath \"$.count\" greaterThanOrEquals 1", "$.count >= 1"),
        ("jsonpath \"$.count\" < 9", "$.count < 9"),
        ("jsonpath \"$.count\" <= 9", "$.count <= 9"),
        ("jsonpath \"$.name\" > \"te\"", "$.name > \"te\""),
        ("jsonpath \"$.name\" == \"Bob says \\\"Hi\\\" \\u{e9}\"", "$.name == \"Bob says \\\"Hi\\\" é\""),
        ("jsonpath \"$.name\" == `Bob`", "$.name == \"Bob\""),
        ("jsonpath \"$.name\" == null", "$.name == null"),
        ("jsonpath \"$.ok\" == true", "$.ok == true"),
        ("jsonpath \"$.name\" startsWith \"a.b\"", "$.name matches \"^a\\\\.b\""),
        ("jsonpath \"$.name\" endsWith \"(x)\"", "$.name matches \"\\\\(x\\\\)$\""),
        ("jsonpath \"$.name\" contains \"ob\"", "$.name contains \"ob\""),
        ("jsonpath \"$.tags\" includes \"a\"", "$.tags contains \"a\""),
        ("jsonpath \"$.tags\" not includes null", "$.tags not contains null"),
        ("jsonpath \"$.tags\" not contains \"b\"", "$.tags not contains \"b\""),
        ("jsonpath \"$.id\" matches \"^\\\\d+$\"", "$.id matches \"^\\\\d+$\""),
        ("jsonpath \"$.id\" matches /^\\d+$/", "$.id matches \"^\\\\d+$\""),
        ("jsonpath \"$.id\" exists", "$.id exists"),
        ("jsonpath \"$.id\" not exists", "$.id not exists"),
        ("jsonpath \"$.id\" isInteger", "$.id type == integer"),
        ("jsonpath \"$.id\" isString", "$.id type == string"),
        ("jsonpath \"$.id\" not isString", "$.id type != string"),
        ("jsonpath \"$.id\" isBoolean", "$.id type == boolean"),
        ("jsonpath \"$.id\" isNumber", "$.id type in [\"integer\", \"number\"]"),
        ("jsonpath \"$.id\" isCollection", "$.id type in [\"array\", \"object\"]"),
        ("jsonpath \"$.id\" isList", "$.id type == array"),
        ("jsonpath \"$.id\" isObject", "$.id type == object"),
        ("jsonpath \"$.items\" isEmpty", "$.items length == 0"),
        ("jsonpath \"$.items\" not isEmpty", "$.items length != 0"),
        ("jsonpath \"$..id\" isEmpty", "$..id count == 0"),
        ("jsonpath \"$.items\" count == 3", "$.items count == 3"),
        ("jsonpath \"$.items[?(@.price < 10)]\" count > 0", "$.items[?(@.price < 10)] count > 0"),
        ("jsonpath \"$.message\" regex \"Hello (.*)!\" == \"Bob\"", "$.message regex \"Hello (.*)!\" == \"Bob\""),
        ("header \"Location\" regex /\\/pets\\/(\\d+)/ == \"1\"", "header Location regex \"/pets/(\\\\d+)\" == \"1\""),
        ("regex \"id=(\\\\d+)\" == \"7\"", "body regex \"id=(\\\\d+)\" == \"7\""),
        ("body == \"line1\\nline2\"", "body == \"line1\\nline2\""),
        ("body contains \"llo\"", "body contains \"llo\""),
        ("body isEmpty", "body length == 0"),
        ("duration < 1000", "duration < 1000"),
    ])
    func assertionsTranslate(hurl: String, specter: String) throws {
        let request = try Self.assertion(hurl)
        #expect(request.asserts == [specter])
        #expect(request.notes.isEmpty)
    }

    @Test(arguments: [
        ("xpath \"//p\" count == 2", "the xpath query has no Specter equivalent"),
        ("variable \"id\" == 1", "the variable query has no Specter equivalent"),
        ("bytes count == 3", "the bytes query has no Specter equivalent"),
        ("jsonpath \"$.list\" nth 0 == 1", "the nth filter has no Specter equivalent here"),
        ("jsonpath \"$.date\" toDate \"%+\" format \"%Y\" == \"2024\"", "the toDate filter has no Specter equivalent here"),
        ("jsonpath \"$.[0].name\" == \"Bob\"", "Specter reads JSONPath as RFC 9535, which refuses $.[0].name (unexpected '[', expected a member name or '*' after '.')"),
        ("cookie \"session[Path]\" == \"/\"", "cookie attributes (session[Path]) have no Specter query"),
        ("jsonpath \"$.n\" not > 1", "not > has no Specter operator"),
        ("jsonpath \"$.n\" not startsWith \"a\"", "not startsWith has no Specter operator"),
        ("jsonpath \"$.n\" startsWith \"{{prefix}}\"", "startsWith with a template has no Specter equivalent"),
        ("jsonpath \"$.n\" isFloat", "isFloat has no Specter equivalent"),
        ("jsonpath \"$.n\" not isInteger", "Specter counts a number such as 1.0 as an integer, Hurl does not"),
        ("jsonpath \"$.n\" not isNumber", "not isNumber has no Specter operator"),
        ("header \"X-Fruit\" isCollection", "isCollection has no Specter equivalent on this query"),
        ("jsonpath \"$.n\" isIsoDate", "isIsoDate has no Specter equivalent"),
        ("body == hex,00ff;", "bytes (hex, base64, file) and regexes are not values Specter compares"),
        ("jsonpath \"$.n\" count count == 1", "the count filter has no Specter equivalent here"),
    ])
    func unsupportedAssertionsBecomeNotes(hurl: String, reason: String) throws {
        let request = try Self.assertion("status == 200\n" + hurl + "  # why")
        #expect(request.asserts == ["status == 200"])
        #expect(request.notes.map(\.description) == ["t.hurl:5: \(hurl): \(reason); not carried over"])
    }

    @Test func capturesTranslate() throws {
        let request = try Self.response("""
            HTTP 201
            [Captures]
            id: jsonpath "$.id"
            location: header "Location"
            session: cookie "session"
            code: status
            text: body
            number: regex "n=(\\\\d+)"
            pet: header "Location" regex /\\/pets\\/(\\d+)/
            token: header "X-Token" redact
            day: jsonpath "$.date" toDate "%+"
            {{name}}: body
            """)
        #expect(request.captures == [
            ForeignCapture(variable: "id", query: "$.id"), ForeignCapture(variable: "location", query: "header Location"),
            ForeignCapture(variable: "session", query: "cookie session"), ForeignCapture(variable: "code", query: "status"),
            ForeignCapture(variable: "text", query: "body"), ForeignCapture(variable: "number", query: "body regex \"n=(\\\\d+)\""),
            ForeignCapture(variable: "pet", query: "header Location regex \"/pets/(\\\\d+)\""), ForeignCapture(variable: "token", query: "header X-Token"),
        ])
        #expect(request.notes.map(\.description) == [
            "t.hurl:11: token is redacted in Hurl; Specter masks a captured value only once it is used as a credential",
            "t.hurl:12: day: jsonpath \"$.date\" toDate \"%+\": the toDate filter has no Specter equivalent here; not carried over",
            "t.hurl:13: {{name}}: body: a capture into a variable named by a template is not carried over",
        ])
    }

    @Test func multilineValuesSpanTheirLines() throws {
        let request = try Self.assertion("body == ```\nline1\nline2\n```\nstatus == 200")
        #expect(request.asserts == ["body == \"line1\\nline2\\n\"", "status == 200"])
    }
}
