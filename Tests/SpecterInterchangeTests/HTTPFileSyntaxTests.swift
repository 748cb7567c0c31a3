import SpecterInterchange
import Testing

/// One rule of the `.http` syntax per test (the JetBrains spec's examples where it has one).
@Suite struct HTTPFileSyntaxTests {
    private func read(_ text: String, environments: HTTPEnvironmentSources = HTTPEnvironmentSources(),
                      scripts: [String: String] = [:]) throws -> ForeignCollection {
        try HTTPFileImport { scripts[$0] }.collection(text: text, file: "dir/a.http", environments: environments)
    }

    private func notes(_ collection: ForeignCollection) -> [String] { collection.allNotes.map(\.description) }

    @Test func separatorsNameRequestsAndNameDirectivesOverrideThem() throws {
        let collection = try read("###\nGET http://a\n### Second one\nPOST http://b\n###\n# @name third\nPUT http://c\n### title\n// @name=fourth\nDELETE http://d\n###\n")
        #expect(collection.requests.map(\.name) == [nil, "Second one", "third", "fourth"])
        #expect(collection.requests.map(\.place.line) == [2, 4, 7, 10])
    }

    @Test func methodIsOptionalAndVersionIsReadOff() throws {
        let collection = try read("http://example.com/api\n###\nget http://x HTTP/1.1\n###\nOPTIONS * HTTP/2\nHost: example.com\n")
        #expect(collection.requests.map(\.method) == ["GET", "GET", "OPTIONS"])
        #expect(collection.requests.map(\.url) == ["http://example.com/api", "http://x", "*"])
        #expect(notes(collection) == ["dir/a.http:5: the request asks for HTTP/2; Specter chooses the protocol itself"])
    }

    /// Spec 4.2.1: path and query continued on indented lines, each trimmed.
    @Test func indentedLinesContinueTheURL() throws {
        let collection = try read("GET http://example.com/\n    api\n    /get\n    ?id=1\n    &b=2 HTTP/1.1\nAccept: */*\n")
        #expect(collection.requests[0].url == "http://example.com/api/get?id=1&b=2")
        #expect(collection.requests[0].headers == [ForeignHeader(name: "Accept", value: "*/*")])
    }

    @Test func headersEndAtABlankLineAndMayContinueOrHoldComments() throws {
        let collection = try read("POST http://x\nContent-Type : text/plain\n# a comment\nX-Long: one\n  two\n\nbody\n")
        #expect(collection.requests[0].headers == [ForeignHeader(name: "Content-Type", value: "text/plain"), ForeignHeader(name: "X-Long", value: "one two")])
        #expect(collection.requests[0].body == .text("body", mediaType: "text/plain"))
    }

    /// Spec 4.2.2: blank lines around an in-place body are not part of it.
    @Test func bodyIsTrimmedOfBlankLines() throws {
        let collection = try read("###\nPOST http://example.com/add\n\n\nmessage-body\n  indented\n\n\n###\n")
        #expect(collection.requests[0].body == .text("message-body\n  indented", mediaType: nil))
    }

    @Test func bodyWithoutBlankLineAfterHeadersAsHttpyacReadsIt() throws {
        let collection = try read("POST http://x\nAccept: a\n{\"a\": 1}\n")
        #expect(collection.requests[0].body == .text("{\"a\": 1}", mediaType: nil))
    }

    @Test func commentsInsideTheBodyAreLeftOutAndNoted() throws {
        let collection = try read("POST http://x\n\nline one\n# not sent\nline two\n")
        #expect(collection.requests[0].body == .text("line one\nline two", mediaType: nil))
        #expect(notes(collection) == ["dir/a.http:4: comment lines inside the body (1) are left out, as the JetBrains format reads them"])
    }

    @Test func fileBodies() throws {
        let collection = try read("POST http://x\nContent-Type: application/json\n\n< ./input.json\n###\nPOST http://y\n\n<@ ./vars.json\n")
        #expect(collection.requests[0].body == .file(path: "./input.json", mediaType: "application/json"))
        #expect(collection.requests[1].body == .file(path: "./vars.json", mediaType: nil))
        #expect(notes(collection) == ["dir/a.http:8: ‘<@ ./vars.json’ asks for the {{variables}} in the file to be replaced; Specter sends the file as it is"])
    }

    /// Spec 3.2.3.1 and 4.3: a text part and a file part.
    @Test func multipartBodiesAreReadIntoParts() throws {
        let text = """
        POST http://example.com/api/upload
        Content-Type: multipart/form-data; boundary=abcd

        --abcd
        Content-Disposition: form-data; name="text"

        Text
        --abcd
        Content-Disposition: form-data; name="file_to_send"; filename="input.txt"
        Content-Type: text/plain

        < ./input.txt
        --abcd
        Content-Disposition: form-data; name="renamed"; filename="other.txt"

        < ./input.txt
        --abcd--
        """
        let collection = try read(text)
        #expect(collection.requests[0].body == .multipart([
            MultipartPart(name: "text", content: .text("Text")),
            MultipartPart(name: "file_to_send", content: .file(path: "./input.txt", filename: nil), mediaType: "text/plain"),
            MultipartPart(name: "renamed", content: .file(path: "./input.txt", filename: "other.txt")),
        ]))
        #expect(collection.allNotes.isEmpty)
    }

    @Test func multipartThatDoesNotReadAsPartsStaysText() throws {
        let collection = try read("POST http://x\nContent-Type: multipart/form-data; boundary=b\n\n--b\nno blank line\n--b--\n")
        #expect(collection.requests[0].body == .text("--b\nno blank line\n--b--", mediaType: "multipart/form-data; boundary=b"))
        #expect(notes(collection) == ["dir/a.http:4: the multipart body is kept as text: a part (line 5) has no blank line after its headers"])
    }

    @Test func authorizationShorthands() throws {
        let collection = try read("""
        GET http://a
        Authorization: Basic {{user}} {{password}}
        ###
        GET http://b
        Authorization: Basic user:pass
        ###
        GET http://c
        Authorization: Basic dXNlcjpwYXNz
        ###
        GET http://d
        Authorization: Digest joe secret
        ###
        GET http://e
        Authorization: Bearer {{token}}
        X-Other: 1
        """)
        #expect(collection.requests.map(\.auth) == [.basic(user: "{{user}}", password: "{{password}}"), .basic(user: "user", password: "pass"), nil,
                                                    .digest(user: "joe", password: "secret"), .bearer(token: "{{token}}")])
        #expect(collection.requests[2].headers == [ForeignHeader(name: "Authorization", value: "Basic dXNlcjpwYXNz")])
        #expect(collection.requests[4].headers == [ForeignHeader(name: "X-Other", value: "1")])
    }

    @Test func fileVariablesAndPlaceholdersAreKept() throws {
        let collection = try read("@host = http://h\n@token=abc\n@host = http://other\n\nGET {{host}}/a?t={{ token }}\n")
        #expect(collection.variables == [ForeignVariable(name: "host", value: "http://other"), ForeignVariable(name: "token", value: "abc")])
        #expect(collection.requests[0].url == "{{host}}/a?t={{ token }}")
        #expect(notes(collection) == ["dir/a.http:3: ‘host’ is defined again with another value; the last one is kept"])
    }

    @Test func dynamicVariablesInSpecterSpelling() throws {
        let collection = try read("GET http://x/{{$guid}}/{{$random.uuid}}/{{$randomInt 1 10}}/{{$random.integer(1, 10)}}/{{$processEnv HOME}}/{{$datetime iso8601}}/{{$timestamp}}/{{$random.email}}\n")
        #expect(collection.requests[0].url == "http://x/{{$uuid}}/{{$uuid}}/{{$randomInt 1 9}}/{{$randomInt 1 9}}/{{$env HOME}}/{{$isoTimestamp}}/{{$timestamp}}/{{$random.email}}")
        #expect(notes(collection) == ["dir/a.http:1: {{$random.email}} has no Specter equivalent (there are $uuid, $timestamp, $isoTimestamp, $randomInt MIN MAX, $env NAME); kept as written"])
    }

    @Test func responseHandlersBecomeCapturesAndAssertions() throws {
        let collection = try read("""
        POST http://x/login

        > {%
            client.global.set("token", response.body.data.items[0]["access-token"]);
            client.global.set('where', response.headers.valueOf("Location"));
            client.test("ok", () => {
                client.assert(response.status === 200, "status");
                client.assert(response.body.name !== 'Rex');
                client.assert(response.body.count >= -1)
            });
        %}
        """)
        #expect(collection.requests[0].captures == [ForeignCapture(variable: "token", query: "$.data.items[0][\"access-token\"]"),
                                                    ForeignCapture(variable: "where", query: "header Location")])
        #expect(collection.requests[0].asserts == ["status == 200", "$.name != \"Rex\"", "$.count >= -1"])
        #expect(collection.allNotes.isEmpty)
    }

    @Test func aHandlerWithOtherJavaScriptIsNotedWhole() throws {
        let collection = try read("GET http://x\n\n> {%\n  client.global.set(\"a\", response.body.a);\n  console.log(\"hi\");\n%}\n###\nGET http://y\n\n> ./check.js\n")
        #expect(collection.requests[0].captures.isEmpty)
        #expect(notes(collection) == [
            "dir/a.http:3: the response handler (lines 3–6) is JavaScript beyond client.global.set and client.test/client.assert on the response; Specter does not run it",
            "dir/a.http:10: the response handler file ‘./check.js’ is not read: what it checks and sets is not carried over",
        ])
    }

    @Test func handlerFilesAreReadBesideTheHTTPFile() throws {
        let collection = try read("GET http://x\n\n> ./check.js\n", scripts: ["dir/check.js": "client.global.set(\"id\", response.body.id)"])
        #expect(collection.requests[0].captures == [ForeignCapture(variable: "id", query: "$.id")])
    }

    @Test func scriptsReferencesAndDirectivesAreNoted() throws {
        let collection = try read("""
        < {%
          request.variables.set("a", "b")
        %}
        # @no-redirect
        // @timeout 5
        GET http://x

        <> ./2024-01-01T000000.200.json
        >> ./saved.json
        """)
        #expect(notes(collection) == [
            "dir/a.http:1: the pre-request script (lines 1–3) is not run by Specter: variables it sets stay undefined",
            "dir/a.http:8: the response reference ‘./2024-01-01T000000.200.json’ (a recorded response to compare with) is left out",
            "dir/a.http:9: saving the response to ‘./saved.json’ is not carried over",
            "dir/a.http:4: the directive @no-redirect is not carried over",
            "dir/a.http:5: the directive @timeout 5 is not carried over",
        ])
    }

    @Test func requestVariablesBecomeCaptures() throws {
        let collection = try read("""
        # @name login
        POST http://x/login

        ###
        GET http://x/me
        Authorization: Bearer {{login.response.body.$.token}}
        X-Where: {{login.response.headers.Location}}
        X-Later: {{later.response.body.$.id}}
        ###
        # @name later
        GET http://x/later
        """)
        // headers are read before credentials
        #expect(collection.requests[0].captures == [ForeignCapture(variable: "login_Location", query: "header Location"), ForeignCapture(variable: "login_token", query: "$.token")])
        #expect(collection.requests[1].auth == .bearer(token: "{{login_token}}"))
        #expect(collection.requests[1].headers == [ForeignHeader(name: "X-Where", value: "{{login_Location}}"), ForeignHeader(name: "X-Later", value: "{{later.response.body.$.id}}")])
        #expect(notes(collection) == ["dir/a.http:5: {{later.response.body.$.id}} reads a request or response that no earlier request named ‘later’ has; kept as written"])
    }

    @Test func requestsWithoutSeparatorsAndExampleResponses() throws {
        let collection = try read("GET /a\n\nPOST /b\nContent-Type: text/plain\n\nbody\n\n\nGET /c\n\nHTTP/1.1 200 OK\nA: b\n\n{}\n\nGET /d\nGET /e\n")
        #expect(collection.requests.map(\.url) == ["/a", "/b", "/c", "/d", "/e"])
        #expect(collection.requests[1].body == .text("body", mediaType: "text/plain"))
        #expect(notes(collection) == ["dir/a.http:11: the example response (lines 11–14) is left out"])
    }

    @Test func graphQLRequestsAreSentAsJSON() throws {
        let collection = try read("GRAPHQL http://x/graphql\n\nquery Q($id: ID) {\n  a(id: $id)\n}\n\n{ \"id\": 1 }\n")
        #expect(collection.requests[0].method == "POST")
        #expect(collection.requests[0].body == .text("{\"query\": \"query Q($id: ID) {\\n  a(id: $id)\\n}\", \"variables\": { \"id\": 1 }}", mediaType: "application/json"))
        #expect(collection.requests[0].headers == [ForeignHeader(name: "Content-Type", value: "application/json")])
    }

    @Test func lineEndsAndByteOrderMark() throws {
        let collection = try read("\u{FEFF}GET http://a\r\nAccept: x\r\n\r\nbody\r\n###\rGET http://b\r")
        #expect(collection.requests.map(\.url) == ["http://a", "http://b"])
        #expect(collection.requests[0].body == .text("body", mediaType: nil))
    }
}
