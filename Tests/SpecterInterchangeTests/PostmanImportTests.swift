import SpecterInterchange
import SpecterJSON
import Testing

@Suite struct PostmanImportTests {
    static func collection(_ items: String, extra: String = "") throws -> ForeignCollection {
        try PostmanImport.read(#"{"info": {"name": "c"}, "item": [\#(items)]\#(extra)}"#, file: "c.json")
    }

    @Test func urlPartsTakePathVariablesAndLeaveSwitchedOffQueries() throws {
        let imported = try Self.collection(#"""
        {"name": "one", "request": {"method": "get", "url": {"raw": "ignored", "protocol": "https", "host": ["api", "example", "com"], "port": "8443",
          "path": ["pets", ":id", ":owner"], "query": [{"key": "a", "value": "1"}, {"key": "b", "value": "2", "disabled": true}, {"key": "flag", "value": null}],
          "variable": [{"key": "id", "value": "7"}, {"key": "owner", "value": ""}]}}}
        """#)
        #expect(imported.requests.first?.url == "https://api.example.com:8443/pets/7/{{owner}}?a=1&flag")
        #expect(imported.requests.first?.method == "GET")
    }

    @Test func authIsInheritedUntilNoauth() throws {
        let imported = try Self.collection(#"""
        {"name": "F", "auth": {"type": "apikey", "apikey": {"key": "k", "value": "{{key}}", "in": "query"}}, "item": [
          {"name": "inherits", "request": {"url": "http://h/a"}},
          {"name": "none", "request": {"url": "http://h/b", "auth": {"type": "noauth"}}},
          {"name": "own", "request": {"url": "http://h/c", "auth": {"type": "awsv4", "awsv4": []}}}]}
        """#, extra: #", "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}, {"key": "password", "value": "p"}]}"#)
        #expect(imported.requests.map(\.auth) == [.apiKey(name: "k", value: "{{key}}", inQuery: true), nil, nil])
        #expect(imported.requests.map(\.folder) == [["F"], ["F"], ["F"]])
        #expect(imported.requests[2].notes.map(\.description) == ["c.json:4: F / own: awsv4 authorization is not supported: not carried over"])
    }

    @Test func exactTestScriptsBecomeAssertsAndCaptures() throws {
        let imported = try Self.collection(#"""
        {"name": "login", "request": {"url": "http://h/login", "method": "POST"}, "event": [{"listen": "test", "script": {"exec": [
          "pm.test(\"ok\", function () {", "    pm.response.to.have.status(201);", "});",
          "pm.environment.set(\"token\", pm.response.json().data.token);", "pm.collectionVariables.set('first', pm.response.json().items[0].id)"]}}]},
        {"name": "other", "request": "http://h/x", "event": [{"listen": "test", "script": {"exec": "if (x) { pm.response.to.have.status(200) }"}}]}
        """#, extra: #", "event": [{"listen": "test", "script": {"exec": ["tests[\"up\"] = responseCode.code === 200;"]}}]"#)
        #expect(imported.requests[0].asserts == ["status == 200", "status == 201"])
        #expect(imported.requests[0].captures == [ForeignCapture(variable: "token", query: "$.data.token"), ForeignCapture(variable: "first", query: "$.items[0].id")])
        #expect(imported.requests[1].asserts == ["status == 200"])
        #expect(imported.requests[1].notes.map(\.message) == ["other: test script not carried over (1 line, starting if (x) { pm.response.to.have.status(200) })"])
    }

    @Test func aTestWrittenOnOneLineIsReadAsItsStatements() throws {
        let imported = try Self.collection(#"""
        {"name": "one", "request": "http://h/a", "event": [{"listen": "test", "script": {"exec": [
          "pm.test(\"201\", function () { pm.response.to.have.status(201); pm.response.to.have.header(\"Location\"); });"]}}]},
        {"name": "arrow", "request": "http://h/b", "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', () => { pm.response.to.have.status(200) })"]}}]},
        {"name": "half", "request": "http://h/c", "event": [{"listen": "test", "script": {"exec": ["pm.test('x', () => { pm.response.to.have.status(200); foo(); })"]}}]},
        {"name": "semi", "request": "http://h/d", "event": [{"listen": "test", "script": {"exec": ["tests[\"x\"] = responseBody.has(\"a;b\");"]}}]}
        """#)
        #expect(imported.requests.map(\.asserts) == [["status == 201", "header Location exists"], ["status == 200"], [], [#"body contains "a;b""#]])
        #expect(imported.requests[2].notes.map(\.message).first?.hasPrefix("half: test script not carried over") == true, "a statement Specter cannot say keeps the whole script out")
    }

    @Test func dynamicVariablesTakeSpecterNames() throws {
        let imported = try Self.collection(#"""
        {"name": "d", "request": {"url": "http://h/{{$guid}}?t={{$timestamp}}&n={{$randomInt}}", "header": [{"key": "X", "value": "{{$randomFirstName}}"}]}}
        """#)
        #expect(imported.requests.first?.url == "http://h/{{$uuid}}?t={{$timestamp}}&n={{$randomInt 0 1000}}")
        #expect(imported.requests.first?.notes.map(\.message) == [
            "d: Postman's {{$randomInt}} has no bounds (0 to 1000): written {{$randomInt 0 1000}}",
            "d: Postman's dynamic variables {{$randomFirstName}} have no Specter equivalent: kept as written",
        ])
    }

    @Test func bodiesOfEveryMode() throws {
        let imported = try Self.collection(#"""
        {"name": "raw", "request": {"url": "http://h", "method": "POST", "body": {"mode": "raw", "raw": "{}", "options": {"raw": {"language": "json"}}}}},
        {"name": "form", "request": {"url": "http://h", "method": "POST", "body": {"mode": "formdata", "formdata": [
          {"key": "a", "value": "1", "type": "text", "contentType": "text/csv"}, {"key": "f", "src": ["x.png", "y.png"], "type": "file"},
          {"key": "off", "value": "0", "disabled": true}]}}},
        {"name": "file", "request": {"url": "http://h", "method": "PUT", "header": [{"key": "Content-Type", "value": "image/png"}], "body": {"mode": "file", "file": {"src": "a.png"}}}},
        {"name": "gql", "request": {"url": "http://h", "method": "POST", "body": {"mode": "graphql", "graphql": {"query": "{ a }", "variables": "{\"id\": {{id}}}"}}}}
        """#)
        #expect(imported.requests.map(\.body) == [
            .text("{}", mediaType: "application/json"),
            .multipart([MultipartPart(name: "a", content: .text("1"), mediaType: "text/csv"), MultipartPart(name: "f", content: .file(path: "x.png", filename: nil)),
                        MultipartPart(name: "f", content: .file(path: "y.png", filename: nil))]),
            .file(path: "a.png", mediaType: "image/png"),
            .text(#"{"query":"{ a }","variables":{"id": {{id}}}}"#, mediaType: "application/json"),
        ])
    }

    @Test func environmentsKeepSecretsAndSayWhatIsSwitchedOff() throws {
        let imported = try PostmanImport.read("\u{FEFF}" + #"{"name": "prod", "values": [{"key": "token", "value": "t", "type": "secret"}, {"key": "old", "value": "x", "enabled": false}]}"#,
                                              file: "prod.postman_environment.json")
        #expect(imported.environments == [ForeignEnvironment(name: "prod", variables: [ForeignVariable(name: "token", value: "t", isSecret: true)])])
        #expect(imported.notes.map(\.message) == ["variable old is switched off: left out"])
    }

    @Test func badFilesAreRefusedWithTheirPlace() {
        #expect(throws: JSONSourceError.self) { try PostmanImport.read("{\n  \"item\": [,]\n}", file: "bad.json") }
        do {
            _ = try PostmanImport.read("{\n  \"item\": [,]\n}", file: "bad.json")
        } catch {
            #expect(error.description.hasPrefix("bad.json:2:12: not JSON"))
        }
        #expect(throws: JSONSourceError(file: "x.json", message: "neither a Postman collection (no item list), an environment nor a globals file (no values list)")) {
            try PostmanImport.read("{}", file: "x.json")
        }
    }
}
