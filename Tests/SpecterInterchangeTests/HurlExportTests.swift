import SpecterInterchange
import Testing

/// Requests written as Hurl entries: request parts, bodies, and captures and assertions in
/// Hurl's terms; what Hurl cannot say is reported.
@Suite struct HurlExportTests {
    static let place = SourcePlace(file: "pets/create.yaml", line: 1)

    static func exported(_ request: ForeignRequest) -> HurlExportResult { HurlExport.file(for: [request]) }

    @Test func builtInsAreHurlsFunctionsOrVariablesItCanBeGiven() throws {
        let request = ForeignRequest(
            name: "Built-ins", method: "POST", url: "https://h/pets?id={{ $uuid }}&at={{$isoTimestamp}}&n={{$randomInt 1 9}}",
            headers: [ForeignHeader(name: "X-Odd", value: "{{ {{$uuid}}")] + [
            ForeignHeader(name: "Authorization", value: "Bearer {{$env PETS_BEARER}}")], place: Self.place)
        let result = Self.exported(request)
        #expect(result.text == "# Built-ins\nPOST https://h/pets?id={{newUuid}}&at={{newDate}}&n={{randomInt_1_9}}\nX-Odd: {{ {{newUuid}}\nAuthorization: Bearer {{PETS_BEARER}}\n")
        #expect(result.notes.map(\.message) == [
            "{{$randomInt 1 9}} has no Hurl function: it is written {{randomInt_1_9}}, to be passed with --variable randomInt_1_9=…",
            "{{$env PETS_BEARER}} is written {{PETS_BEARER}}: give it to hurl with --variable PETS_BEARER=… (or HURL_VARIABLE_PETS_BEARER in its environment)",
        ])
        let again = try HurlImport.collection(from: result.text, file: "a.hurl").requests
        #expect(again.first?.url == "https://h/pets?id={{$uuid}}&at={{$isoTimestamp}}&n={{randomInt_1_9}}", "Hurl's functions read back as built-ins")
    }

    @Test func aRequestWithItsResponseChecks() throws {
        let request = ForeignRequest(
            name: "Create a pet", method: "POST", url: "https://h/pets?tag=a#b", headers: [ForeignHeader(name: "X-Id", value: "{{id}}")],
            body: .text("{\"name\": \"{{name}}\"}", mediaType: "application/json"), auth: .basic(user: "bob@email.com", password: "s#cret"),
            captures: [ForeignCapture(variable: "id", query: "$.id"), ForeignCapture(variable: "pet", query: "header Location regex \"/pets/(\\\\d+)\"")],
            asserts: ["header Content-Type contains json", "status == 201", "$.id type == integer", "$.name == {{name}}"], place: Self.place)
        let result = Self.exported(request)
        #expect(result.text == """
            # Create a pet
            POST https://h/pets?tag=a\\#b
            X-Id: {{id}}
            [BasicAuth]
            bob@email.com: s\\#cret
            {"name": "{{name}}"}
            HTTP 201
            [Captures]
            id: jsonpath "$.id"
            pet: header "Location" regex /\\/pets\\/(\\d+)/
            [Asserts]
            header "Content-Type" contains "json"
            jsonpath "$.id" isInteger
            jsonpath "$.name" == {{name}}

            """)
        #expect(result.notes.isEmpty)
        let again = try HurlImport.collection(from: result.text, file: "a.hurl").requests
        #expect(again.map { HurlRoundTripTests.kept($0) } == [HurlRoundTripTests.kept(ForeignRequest(
            name: "Create a pet", method: request.method, url: request.url, headers: request.headers, body: request.body, auth: request.auth,
            captures: request.captures, asserts: ["status == 201", "header Content-Type contains \"json\"", "$.id type == integer", "$.name == {{name}}"],
            place: Self.place))])
    }

    @Test(arguments: [
        (ForeignBody.text("{\"a\": 1}", mediaType: "application/vnd.api+json"), "Content-Type: application/vnd.api+json\n{\"a\": 1}"),
        (.text("<a/>", mediaType: "application/xml"), "<a/>"),
        (.text("line1\nline2\n", mediaType: nil), "```\nline1\nline2\n```"),
        (.text("{\"a\": 1}\n", mediaType: "application/json"), "```json\n{\"a\": 1}\n```"),
        (.text("a=1&b=2", mediaType: "application/x-www-form-urlencoded"), "Content-Type: application/x-www-form-urlencoded\n`a=1&b=2`"),
        (.text("one `line`\nno end", mediaType: nil), "`one \\`line\\`\\nno end`"),
        (.text("{\"a\": 1}", mediaType: nil), "`{\"a\": 1}`"),
        (.text("Hello World!", mediaType: "application/octet-stream"), "base64,SGVsbG8gV29ybGQh;"),
        (.file(path: "my data.bin", mediaType: "image/png"), "Content-Type: image/png\nfile,my\\ data.bin;"),
        (.form([FormField(name: "values[0]", value: "a b"), FormField(name: "x y", value: "#1")]), "[Form]\nvalues[0]: a b\nx\\u{20}y: \\#1"),
        (.multipart([MultipartPart(name: "k", content: .text("v")), MultipartPart(name: "f", content: .file(path: "d.txt", filename: nil), mediaType: "text/plain")]),
         "[Multipart]\nk: v\nf: file,d.txt; text/plain"),
    ])
    func bodiesAreWrittenAsHurlReadsThem(body: ForeignBody, written: String) throws {
        let request = ForeignRequest(method: "POST", url: "https://h/", body: body, place: Self.place)
        let text = Self.exported(request).text
        #expect(text == "POST https://h/\n\(written)\n")
        let again = try #require(try HurlImport.collection(from: text, file: "a.hurl").requests.first)
        #expect(again.body == body)
    }

    @Test(arguments: [
        ("status == 200", "GET https://h/\nHTTP 200\n", nil),
        ("status == 2xx", "GET https://h/\n", "assert status == 2xx: Hurl has no status class (2xx); not written"),
        ("status in [200, 201]", "GET https://h/\n", "assert status in [200, 201]: Hurl has no in predicate; not written"),
        ("$.id type == number", "GET https://h/\n", "assert $.id type == number: Hurl has no predicate for type == number; not written"),
        ("$.name length == 3", "GET https://h/\n", "assert $.name length == 3: Hurl has no length query; not written"),
        ("$.tags == [1, 2]", "GET https://h/\n", "assert $.tags == [1, 2]: Hurl compares no lists or objects: [1, 2]; not written"),
    ] as [(String, String, String?)])
    func statusLinesAndUnsupportedAssertions(assertion: String, written: String, note: String?) {
        let result = Self.exported(ForeignRequest(method: "GET", url: "https://h/", asserts: [assertion], place: Self.place))
        #expect(result.text == written)
        #expect(result.notes.map(\.message) == (note.map { [$0] } ?? []))
        #expect(result.notes.allSatisfy { $0.place == Self.place })
    }

    @Test(arguments: [
        ("$.name == \"Rex\"", "jsonpath \"$.name\" == \"Rex\""),
        ("$.name == bearer", "jsonpath \"$.name\" == \"bearer\""),
        ("$.id matches \"^issued-\\d+$\"", "jsonpath \"$.id\" matches /^issued-\\d+$/"),
        ("$.tags contains 3", "jsonpath \"$.tags\" includes 3"),
        ("$.tags not contains \"x\"", "jsonpath \"$.tags\" not contains \"x\""),
        ("$.items count >= 2", "jsonpath \"$.items\" count >= 2"),
        ("$.items length == 0", "jsonpath \"$.items\" isEmpty"),
        ("$.items length != 0", "jsonpath \"$.items\" not isEmpty"),
        ("$.id type != string", "jsonpath \"$.id\" not isString"),
        ("$.id type in [\"integer\", \"number\"]", "jsonpath \"$.id\" isNumber"),
        ("cookie session exists", "cookie \"session\" exists"),
        ("body regex \"id=(\\\\d+)\" == 7", "body regex /id=(\\d+)/ == 7"),
        ("duration < 500", "duration < 500"),
    ])
    func assertionsAreWrittenInHurlTerms(specter: String, hurl: String) {
        let result = Self.exported(ForeignRequest(method: "GET", url: "https://h/", asserts: [specter], place: Self.place))
        #expect(result.text == "GET https://h/\nHTTP *\n[Asserts]\n\(hurl)\n")
        #expect(result.notes.isEmpty)
    }

    @Test func credentialsHurlLacksAreWrittenAsWhatTheySendOrReported() {
        let requests = [
            ForeignRequest(method: "GET", url: "https://h/a", auth: .bearer(token: "{{token}}"), place: Self.place),
            ForeignRequest(method: "GET", url: "https://h/b", auth: .apiKey(name: "key", value: "a b", inQuery: true), place: Self.place),
            ForeignRequest(method: "GET", url: "https://h/c", auth: .digest(user: "u", password: "p"), place: Self.place),
            ForeignRequest(method: "M-SEARCH", url: "https://h/d", place: Self.place),
        ]
        let result = HurlExport.file(for: requests)
        #expect(result.text == "GET https://h/a\nAuthorization: Bearer {{token}}\n\nGET https://h/b?key=a%20b\n\nGET https://h/c\n")
        #expect(result.notes.map(\.message) == [
            "the bearer token is written as an Authorization header", "the API key key is written as a query parameter",
            "Hurl has no per-request digest credentials (hurl --digest); not written",
            "the method M-SEARCH cannot be written in Hurl (upper-case letters only); the request is left out",
        ])
    }

    /// A file Specter heads says each request's file and which variables Specter reads from the
    /// environment, in comments Hurl skips: read back, each request is where it was, as it was.
    @Test func aFileSpecterHeadsPutsEachRequestBackInItsFolderReadingTheEnvironment() throws {
        let request = ForeignRequest(name: "Sign in", method: "POST", url: "https://h/token",
                                     body: .text("user=alice&password={{$env PETS_PASSWORD}}", mediaType: "application/x-www-form-urlencoded"),
                                     place: SourcePlace(file: "auth/1-token.yaml", line: 1))
        let result = HurlExport.file(for: ForeignCollection(requests: [request]), version: "1.2")
        #expect(result.text == "# 1 request exported by Specter 1.2.\n\n# {{PETS_PASSWORD}} is the environment variable PETS_PASSWORD\n# Sign in (auth/1-token.yaml)\n"
                + "POST https://h/token\nContent-Type: application/x-www-form-urlencoded\n`user=alice&password={{PETS_PASSWORD}}`\n")
        let again = try #require(try HurlImport.collection(from: result.text, file: "a.hurl").requests.first)
        #expect(again.name == "Sign in" && again.folder == ["auth"])
        #expect(again.body == .text("user=alice&password={{$env PETS_PASSWORD}}", mediaType: "application/x-www-form-urlencoded"))
        // In a file Specter did not head, the same comments are comments: a name, nothing more.
        let unheaded = String(result.text.drop { $0 != "\n" }.dropFirst(2))
        let foreign = try #require(try HurlImport.collection(from: unheaded, file: "b.hurl").requests.first)
        #expect(foreign.name == "Sign in (auth/1-token.yaml)" && foreign.folder.isEmpty)
        #expect(foreign.body == .text("user=alice&password={{PETS_PASSWORD}}", mediaType: "application/x-www-form-urlencoded"))
        let quoting = try #require(try HurlImport.collection(from: "# notes\n" + result.text, file: "c.hurl").requests.first)
        #expect(quoting.folder.isEmpty, "the header counts only as the file's first line")
    }

    /// Every place a value goes — credentials, a form, an assertion — reads the environment back.
    @Test func environmentVariablesComeBackWhereverTheRequestUsesThem() throws {
        let request = ForeignRequest(name: "Form", method: "POST", url: "https://h/forms", body: .form([FormField(name: "key", value: "{{$env API_KEY}}")]),
                                     auth: .basic(user: "alice", password: "{{$env PETS_PASSWORD}}"), asserts: ["$.key == {{$env API_KEY}}"],
                                     place: SourcePlace(file: "forms/form.yaml", line: 1))
        let result = HurlExport.file(for: ForeignCollection(requests: [request]), version: "1.2")
        #expect(result.text.components(separatedBy: "is the environment variable API_KEY").count == 2, "named once: \(result.text)")
        let again = try #require(try HurlImport.collection(from: result.text, file: "a.hurl").requests.first)
        #expect(again.body == .form([FormField(name: "key", value: "{{$env API_KEY}}")]))
        #expect(again.auth == .basic(user: "alice", password: "{{$env PETS_PASSWORD}}"))
        #expect(again.asserts.contains("$.key == {{$env API_KEY}}"), "\(again.asserts)")
    }

    @Test func collectionVariablesOpenTheFile() throws {
        let collection = ForeignCollection(
            requests: [ForeignRequest(method: "GET", url: "https://h/{{id}}", place: Self.place), ForeignRequest(method: "GET", url: "https://h/", place: Self.place)],
            variables: [ForeignVariable(name: "id", value: "7"), ForeignVariable(name: "token", value: "x", isSecret: true)],
            environments: [ForeignEnvironment(name: "prod", variables: [])])
        let result = HurlExport.file(for: collection)
        #expect(result.text == "GET https://h/{{id}}\n[Options]\nvariable: id=7\n\nGET https://h/\n")
        #expect(result.notes.map(\.message) == ["the secret variable token is not written (pass it with --secret)",
                                                "the environment prod is not written (Hurl takes --variables-file)"])
        #expect(try HurlImport.collection(from: result.text, file: "a.hurl").variables == [ForeignVariable(name: "id", value: "7")])
    }
}
