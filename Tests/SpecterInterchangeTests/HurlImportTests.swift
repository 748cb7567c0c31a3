import SpecterInterchange
import Testing

/// The request part of a Hurl entry: URL and query, headers, sections, bodies, options.
@Suite struct HurlImportTests {
    static func imported(_ text: String) throws(HurlSyntaxError) -> ForeignCollection {
        try HurlImport.collection(from: text, file: "t.hurl")
    }

    static func request(_ text: String) throws -> ForeignRequest {
        let requests = try imported(text).requests
        #expect(requests.count == 1)
        return try #require(requests.first)
    }

    @Test func requestLineHeadersAndPlaces() throws {
        let collection = try Self.imported("""
            # a comment
            GET https://example.org/pets # trailing comment
            Accept: application/json
            X-Token: {{ token }}
            X-Hash: a\\#b

            DELETE https://example.org/pets/{{id}}
            """)
        #expect(collection.requests.map(\.method) == ["GET", "DELETE"])
        #expect(collection.requests.map(\.url) == ["https://example.org/pets", "https://example.org/pets/{{id}}"])
        #expect(collection.requests.map(\.place.description) == ["t.hurl:2", "t.hurl:7"])
        #expect(collection.requests[0].headers == [ForeignHeader(name: "Accept", value: "application/json"),
                                                   ForeignHeader(name: "X-Token", value: "{{token}}"), ForeignHeader(name: "X-Hash", value: "a#b")])
    }

    @Test func queryParametersAreAppendedEncodedWithTemplatesKept() throws {
        let request = try Self.request("""
            GET https://example.org/search?q=1
            [Query]
            text: a b/c=d
            $top: 5
            id: {{id}}
            empty:
            """)
        #expect(request.url == "https://example.org/search?q=1&text=a%20b%2Fc%3Dd&$top=5&id={{id}}&empty=")
        let legacyName = try Self.request("GET https://example.org/\n[QueryStringParams]\na: 1\n")
        #expect(legacyName.url == "https://example.org/?a=1")
    }

    @Test func formMultipartCookiesAndCredentials() throws {
        let form = try Self.request("POST https://h/f\n[Form]\nname: Bob\nvalues\\u{5b}0\\u{5d}: a=b\n")
        #expect(form.body == .form([FormField(name: "name", value: "Bob"), FormField(name: "values[0]", value: "a=b")]))
        let multipart = try Self.request("POST https://h/m\n[MultipartFormData]\nkey: value\nupload: file,data.txt;\nother: file,my\\ file.html; text/html\n")
        #expect(multipart.body == .multipart([MultipartPart(name: "key", content: .text("value")),
                                              MultipartPart(name: "upload", content: .file(path: "data.txt", filename: nil)),
                                              MultipartPart(name: "other", content: .file(path: "my file.html", filename: nil), mediaType: "text/html")]))
        let cookies = try Self.request("GET https://h/\n[Cookies]\na: 1\nb: {{b}}\n")
        #expect(cookies.headers == [ForeignHeader(name: "Cookie", value: "a=1; b={{b}}")])
        let basic = try Self.request("GET https://h/\n[BasicAuth]\nbob@email.com: secret\n")
        #expect(basic.auth == .basic(user: "bob@email.com", password: "secret"))
        let user = try Self.request("GET https://h/\n[Options]\nuser: {{user}}:{{password}}\n")
        #expect(user.auth == .basic(user: "{{user}}", password: "{{password}}"))
    }

    @Test func optionsSetVariablesOrBecomeNotes() throws {
        let collection = try Self.imported("""
            GET https://h/a
            [Options]
            variable: id=12
            variable: pattern="a b"
            location: true
            retry: 3
            location: false

            GET https://h/b
            [Options]
            variable: id=13
            """)
        #expect(collection.variables == [ForeignVariable(name: "id", value: "12"), ForeignVariable(name: "pattern", value: "a b")])
        #expect(collection.allNotes.map(\.description) == [
            "t.hurl:6: option retry: 3 has no Specter equivalent; not carried over",
            "t.hurl:7: option location: false: Specter always follows redirects",
            "t.hurl:11: variable id is set again (13); a collection keeps its first value (12)",
        ])
    }

    @Test func bodiesKeepTheirTextAndMediaType() throws {
        let cases: [(String, ForeignBody)] = [
            ("{\n  \"age\": {{age}},\n  \"name\": \"Bob\"\n}", .text("{\n  \"age\": {{age}},\n  \"name\": \"Bob\"\n}", mediaType: "application/json")),
            ("[1,2,3]  # a list", .text("[1,2,3]", mediaType: "application/json")),
            ("<a><b x=\"1>\"/>\n</a>", .text("<a><b x=\"1>\"/>\n</a>", mediaType: "application/xml")),
            ("```\nline1\nline2\n```", .text("line1\nline2\n", mediaType: nil)),
            ("```json\n{\"a\": 1}\n```", .text("{\"a\": 1}\n", mediaType: "application/json")),
            ("```graphql\n{\n  hero { name }\n}\n\nvariables {\n  \"id\": \"{{id}}\"\n}\n```",
             .text("{\"query\":\"{\\n  hero { name }\\n}\",\"variables\":{\"id\":\"{{id}}\"}}", mediaType: "application/json")),
            ("`Hello \\`world\\`!`", .text("Hello `world`!", mediaType: nil)),
            ("base64,SGVsbG8gV29ybGQh;", .text("Hello World!", mediaType: "application/octet-stream")),
            ("hex,48692e;", .text("Hi.", mediaType: "application/octet-stream")),
            ("file,my\\ data.bin;", .file(path: "my data.bin", mediaType: nil)),
        ]
        for (written, expected) in cases {
            let request = try Self.request("POST https://h/\n\(written)\nHTTP 200\n")
            #expect(request.body == expected, "\(written)")
            #expect(request.notes.isEmpty)
        }
        let declared = try Self.request("POST https://h/\nContent-Type: application/vnd.api+json\n{\"a\": 1}\n")
        #expect(declared.body == .text("{\"a\": 1}", mediaType: "application/vnd.api+json"))
    }

    @Test func binaryBodiesAndUnknownHintsAreNoted() throws {
        let binary = try Self.request("POST https://h/\nhex,ff00;\n")
        #expect(binary.body == nil)
        #expect(binary.notes.map(\.description) == ["t.hurl:2: a binary body (2 bytes that are not UTF-8 text) is not carried over"])
        let hinted = try Self.request("POST https://h/\n```yaml\na: 1\n```\n")
        #expect(hinted.body == .text("a: 1\n", mediaType: nil))
        #expect(hinted.notes.map(\.description) == ["t.hurl:2: the ```yaml hint has no meaning to Hurl or Specter; the text is sent as written"])
    }

    @Test func syntaxErrorsNameTheirPlace() {
        let cases: [(String, String)] = [
            ("GET https://h/\nHTTP 200\n[Asserts]\nheader \"X\" == \"v\n", "t.hurl:4:15: this quoted string is not closed"),
            ("GET https://h/\n[Foo]\n", "t.hurl:2:1: [Foo] is not a Hurl section"),
            ("GET https://h/\nHTTP 200\n[Query]\na: 1\n", "t.hurl:3:1: [Query] belongs to a request (before HTTP …)"),
            ("Accept: text/plain\n", "t.hurl:1:1: expected a request: METHOD URL (GET https://example.org)"),
            ("GET https://h/\nHTTP 200\n[Asserts]\nstatus is 200\n", "t.hurl:4:1: expected a predicate (==, !=, >, contains, matches, exists, isInteger, …)"),
            ("POST https://h/\n{\"a\": [1, 2}\n", "t.hurl:2:1: this JSON body is not closed"),
            ("POST https://h/\n```\ntext\n", "t.hurl:2:1: this ``` string is not closed with ```"),
            ("GET https://h/\nX-A: \\q\n", "t.hurl:2:6: \\q is not an escape Hurl knows in a value"),
            ("GET https://h/\nHTTP 200\nnonsense here\n", "t.hurl:3:1: expected the next request (METHOD URL)"),
        ]
        for (text, expected) in cases {
            do {
                _ = try Self.imported(text)
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test func aByteOrderMarkAndCarriageReturnsAreRead() throws {
        let request = try Self.request("\u{FEFF}GET https://h/\r\nAccept: text/plain\r\nHTTP 200\r\n")
        #expect(request.headers == [ForeignHeader(name: "Accept", value: "text/plain")])
        #expect(request.asserts == ["status == 200"])
    }
}
