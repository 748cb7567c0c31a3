import Foundation
import SpecterInterchange
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterYAML
import Testing
import SpecterHTTP
import TestSupport

/// Imported requests matched to the FastAPI test app's description.
@Suite struct CollectionImportTests {
    static func pets() async throws -> APIDocument {
        try await SpecLoader().load(Fixtures.package("sample-specs/fastapi-pets.json").path)
    }

    static func imported(_ requests: [ForeignRequest], variables: [ForeignVariable] = []) async throws -> CollectionImport {
        CollectionImport(ForeignCollection(requests: requests, variables: variables), document: try await pets())
    }

    static func request(_ method: String, _ url: String, headers: [(String, String)] = [], body: ForeignBody? = nil, auth: ForeignAuth? = nil) -> ForeignRequest {
        ForeignRequest(method: method, url: url, headers: headers.map { ForeignHeader(name: $0.0, value: $0.1) }, body: body, auth: auth,
                       place: SourcePlace(file: "in.http", line: 1))
    }

    @Test func pathValuesBecomeTypedPathParametersAndQueryFieldsTheirParameters() async throws {
        let result = try await Self.imported([Self.request("GET", "http://127.0.0.1:8000/pets/7"), Self.request("get", "http://127.0.0.1:8000/pets?limit=5&tag=a&tag=b&extra=x")])
        #expect(result.matchedCount == 2 && result.unlistedCount == 0)
        let get = result.requests[0].request.draft
        #expect(get.operation == .id("get_pet_pets__pet_id__get"))
        #expect(get.parameter("pet_id", in: .path) == .int(7))
        let list = result.requests[1].request.draft
        #expect(list.parameter("limit", in: .query) == .int(5))
        #expect(list.parameter("tag", in: .query) == .array([.string("a"), .string("b")]))
        #expect(list.parameter("extra", in: .query) == .string("x"), "a field the description lacks is kept, and sent")
        #expect(result.server == "http://127.0.0.1:8000", "the description names no server: the one the requests call is kept")
        #expect(get.server == nil && list.server == nil)
    }

    @Test func aLiteralPathWinsOverATemplateAndPlaceholdersStayText() async throws {
        let result = try await Self.imported([Self.request("GET", "{{base}}/echo/query?q={{term}}"), Self.request("GET", "{{base}}/pets/{{pet_id}}")])
        #expect(result.requests[0].request.draft.operation == .id("echo_query_echo_query_get"))
        #expect(result.requests[0].request.draft.parameter("q", in: .query) == .string("{{term}}"))
        #expect(result.requests[1].request.draft.parameter("pet_id", in: .path) == .string("{{pet_id}}"))
        #expect(result.server == "{{base}}")
    }

    @Test func credentialsBecomeReferencesAndLiteralsAreNeverKept() async throws {
        let result = try await Self.imported([
            Self.request("GET", "http://h/secure/bearer", headers: [("Authorization", "Bearer s3cr3t-token")]),
            Self.request("GET", "http://h/secure/key", headers: [("x-api-key", "{{key}}")]),
            Self.request("GET", "http://h/secure/bearer", auth: .bearer(token: "{{token}}")),
        ])
        #expect(result.requests[0].request.draft.credential(for: "HTTPBearer") == .secret("HTTPBearer"))
        #expect(result.requests[1].request.draft.credential(for: "APIKeyHeader") == .variable("key"))
        #expect(result.requests[2].request.draft.credential(for: "HTTPBearer") == .variable("token"))
        #expect(result.secrets.map(\.name) == ["HTTPBearer"])
        #expect(result.secrets.first?.place == SourcePlace(file: "in.http", line: 1))
        let written = result.requests.map { YAMLWriter.string($0.request.json) }.joined()
        #expect(!written.contains("s3cr3t-token"))
    }

    @Test func anUnknownPathIsKeptAsWrittenWithItsSecretHeaderReferenced() async throws {
        let result = try await Self.imported([Self.request("POST", "https://legacy.example.com/ping?x=1", headers: [("X-Session-Token", "abc123"), ("Content-Type", "text/plain")],
                                                          body: .text("hello", mediaType: nil))])
        #expect(result.unlistedCount == 1)
        let draft = result.requests[0].request.draft
        #expect(draft.operation == .unlisted(method: "POST", url: "https://legacy.example.com/ping?x=1"))
        #expect(draft.headers == [DraftHeader(name: "X-Session-Token", value: "{{x-session-token}}", isCredential: true)])
        #expect(draft.body == DraftBody(.text("hello"), mediaType: "text/plain"))
        #expect(result.variables["x-session-token"] == "secret:x-session-token")
        #expect(!YAMLWriter.string(result.requests[0].request.json).contains("abc123"))
    }

    @Test func aPathOfTheDescriptionCalledWithAnotherMethodSaysSo() async throws {
        let result = try await Self.imported([Self.request("PATCH", "http://h/pets/1")])
        #expect(result.unlistedCount == 1)
        #expect(result.notes.map(\.message) == ["the description has this path for DELETE, GET, PUT only: kept as written"])
    }

    @Test func bodiesAreReadByTheirMediaType() async throws {
        let result = try await Self.imported([
            Self.request("POST", "http://h/pets", headers: [("Content-Type", "application/json")], body: .text(#"{"name":"Rex","age":3}"#, mediaType: nil)),
            Self.request("POST", "http://h/forms/login", body: .text("username=alice&password=wonder+land", mediaType: "application/x-www-form-urlencoded")),
            Self.request("POST", "http://h/uploads", body: .multipart([MultipartPart(name: "file", content: .file(path: "pixel.png", filename: nil)),
                                                                     MultipartPart(name: "note", content: .text("hi"))])),
        ])
        #expect(result.requests[0].request.draft.body == DraftBody(.json(["name": "Rex", "age": 3]), mediaType: "application/json"))
        #expect(result.requests[1].request.draft.body == DraftBody(.text("username=alice&password={{password}}"), mediaType: "application/x-www-form-urlencoded"),
                "a form written as text keeps its bytes, but for its secret fields")
        #expect(result.variables["password"] == "secret:password" && result.secrets.first { $0.name == "password" }?.value == "wonder land")
        #expect(result.requests[2].request.draft.body == DraftBody(.json(["file": "@pixel.png", "note": "hi"]), mediaType: "multipart/form-data"))
    }

    @Test func namesAndFoldersMakeUniqueOrderedFiles() async throws {
        var first = Self.request("GET", "http://h/ping")
        first.name = "Ping"
        first.folder = ["Health Checks"]
        var second = first
        second.url = "http://h/text"
        let result = try await Self.imported([first, second, Self.request("GET", "http://h/pets")])
        #expect(result.requests.map(\.path) == ["health-checks/ping.yaml", "health-checks/ping-2.yaml", "get-pets.yaml"])
        #expect(result.requests.map(\.request.order) == [1, 2, 1])
        #expect(result.requests[2].request.name == "GET /pets")
    }

    @Test func secretVariablesAreReferencesAndSecretNamesComeBackAsSecrets() async throws {
        let result = try await Self.imported([Self.request("GET", "http://h/secure/bearer", auth: .bearer(token: "{{TOKEN}}"))],
                                             variables: [ForeignVariable(name: "password", value: "hunter2", isSecret: true), ForeignVariable(name: "TOKEN", value: "", isSecret: true),
                                                         ForeignVariable(name: "host", value: "h")])
        #expect(result.variables == ["password": "secret:password", "TOKEN": "secret:TOKEN", "host": "h"])
        #expect(result.requests[0].request.draft.credential(for: "HTTPBearer") == .secret("TOKEN"))
        #expect(result.secrets.map(\.name) == ["password", "TOKEN"], "TOKEN's value is not in the source: the user must provide it")
        #expect(result.secrets.map(\.value) == ["hunter2", ""])
    }
}

/// Credentials that other tools write apart, descriptions with global security, and collections that already have things.
@Suite struct ImportCredentialTests {
    static let description = #"""
        {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.example.com/v1"}],
         "security": [{"basic": []}],
         "paths": {"/me": {"get": {"operationId": "me", "responses": {"200": {"description": "ok"}}}},
                   "/login": {"post": {"operationId": "login", "security": [{"oauth": []}], "responses": {"200": {"description": "ok"}}}}},
         "components": {"securitySchemes": {"basic": {"type": "http", "scheme": "basic"},
                                            "oauth": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/token", "scopes": {}}}}}}}
        """#

    static func document() async throws -> APIDocument {
        try await SpecLoader().load(bytes: Array(description.utf8), url: URL(fileURLWithPath: "/t/api.json"), displayName: "api.json")
    }

    @Test func basicCredentialsKeepTheUserAndReferenceThePassword() async throws {
        let document = try await Self.document()
        let request = ForeignRequest(method: "GET", url: "https://api.example.com/v1/me", auth: .basic(user: "alice", password: "wonderland"), place: SourcePlace(file: "c.sh", line: 1))
        let result = CollectionImport(ForeignCollection(requests: [request]), document: document)
        #expect(result.requests[0].request.draft.credential(for: "basic") == .fields([("username", .literal("alice")), ("password", .secret("basic_password"))]))
        #expect(result.secrets.map(\.value) == ["wonderland"])
        let written = YAMLWriter.string(result.requests[0].request.json)
        #expect(written.contains("username: alice") && !written.contains("wonderland"))
        #expect(result.secrets.map(\.role) == ["the basic password"], "the role names no credential")
    }

    @Test func aKeySentAsTheUserWithNoPasswordIsTheSecret() async throws {
        let request = ForeignRequest(method: "GET", url: "https://api.example.com/v1/me", auth: .basic(user: "sk_test_123456", password: ""), place: SourcePlace(file: "c.sh", line: 1))
        let result = CollectionImport(ForeignCollection(requests: [request]), document: try await Self.document())
        #expect(result.requests[0].request.draft.credential(for: "basic") == .fields([("username", .secret("basic_user"))]))
        #expect(result.secrets.map(\.value) == ["sk_test_123456"] && !result.secrets[0].role.contains("sk_test"))
        #expect(!YAMLWriter.string(result.requests[0].request.json).contains("sk_test"))
    }

    @Test func aDigestCredentialIsNotSentAsBasic() async throws {
        let request = ForeignRequest(method: "GET", url: "https://api.example.com/v1/me", auth: .digest(user: "alice", password: "pw"), place: SourcePlace(file: "c.sh", line: 2))
        let result = CollectionImport(ForeignCollection(requests: [request]), document: try await Self.document())
        #expect(result.requests[0].request.draft.credentials.isEmpty && result.requests[0].request.draft.headers.isEmpty)
        #expect(result.notes.map(\.description) == ["c.sh:2: Digest authentication is not supported (Specter answers no Digest challenge); its credentials are left out"])
    }

    @Test func anUnlistedRequestNeverGetsTheDescriptionsCredentials() async throws {
        let service = DescriptionService(document: try await Self.document())
        var draft = RequestDraft(operation: .unlisted(method: "GET", url: "https://elsewhere.example.org/collect"))
        draft.setCredential(.literal("alice:wonderland"), for: "basic")
        let prepared = try await RequestRunner(client: URLSessionHTTPClient()).prepare(draft, service: service, scope: VariableScope(), workingDirectory: URL(fileURLWithPath: "/"),
                                                                                     sending: false)
        #expect(prepared.built.request.headers["Authorization"] == nil)
        #expect(prepared.built.request.url.absoluteString == "https://elsewhere.example.org/collect")
        #expect(!prepared.built.warnings.contains { if case .missingCredentials = $0 { return true } else { return false } })
    }

    @Test func secretsFoundInQueriesBodiesCookiesAndCredentialVariablesAreReferences() async throws {
        let request = ForeignRequest(method: "POST", url: "https://other.example.org/hook?api_key=k-123&page=2",
                                     headers: [ForeignHeader(name: "Cookie", value: "session=abc; theme={{theme}}"), ForeignHeader(name: "Authorization", value: "Bearer {{tok}}")],
                                     body: .text(#"{"user": "bob", "password": "pw-1"}"#, mediaType: "application/json"), place: SourcePlace(file: "a.http", line: 4))
        let result = CollectionImport(ForeignCollection(requests: [request], variables: [ForeignVariable(name: "tok", value: "eyJ-literal")]), document: try await Self.document())
        let draft = result.requests[0].request.draft
        #expect(draft.operation == .unlisted(method: "POST", url: "https://other.example.org/hook?api_key={{api_key}}&page=2"))
        #expect(draft.headers.first?.value == "session={{session}}; theme={{theme}}")
        #expect(draft.body == DraftBody(.json(["user": "bob", "password": "{{password}}"]), mediaType: "application/json"))
        #expect(result.variables["tok"] == "secret:tok", "a variable used as a credential holds a secret, whatever its file said")
        #expect(Set(result.secrets.map(\.name)) == ["api_key", "session", "password", "tok"])
        let written = result.requests.map { YAMLWriter.string($0.request.json) }.joined()
        for secret in ["k-123", "abc", "pw-1", "eyJ-literal"] { #expect(!written.contains(secret)) }
    }

    @Test func aVariableSentAsASecretFieldHoldsASecret() async throws {
        let script = "PASS=hunter2\nTOKEN=t-1\nuser=alice\nDB_PASS=pw-2\nACCESS_KEY=ak-3\ncurl -d username=$user -d password=$PASS -H 'X-Trace: $TOKEN' http://other.example.org/login\n"
        let read = try CurlImport.parse(script, file: "login.sh") { _ in [] }
        let result = CollectionImport(read, document: try await Self.document())
        #expect(result.variables["PASS"] == "secret:PASS", "the whole value of a field named password")
        #expect(result.variables["TOKEN"] == "secret:TOKEN", "a variable whose own name says secret")
        #expect(result.variables["user"] == "alice")
        #expect(Set(result.secrets.map(\.name)) == ["PASS", "TOKEN", "DB_PASS", "ACCESS_KEY"])
        #expect(Set(result.secrets.map(\.value)) == ["hunter2", "t-1", "pw-2", "ak-3"])
    }

    @Test func requestsForTheCollectionsOwnServerNeedNoServerOfTheirOwn() async throws {
        let request = ForeignRequest(method: "GET", url: "https://staging.example.com/v1/me", place: SourcePlace(file: "c.sh"))
        let result = CollectionImport(ForeignCollection(requests: [request]), document: try await Self.document(),
                                      into: ImportTarget(server: "https://staging.example.com/v1"))
        #expect(result.requests[0].request.draft.server == nil && result.server == nil)
        let elsewhere = CollectionImport(ForeignCollection(requests: [request]), document: try await Self.document(), into: ImportTarget(server: "https://prod.example.com/v1"))
        #expect(elsewhere.requests[0].request.draft.server == .url("https://staging.example.com/v1"))
    }
}

@Suite struct PathTemplateBoundTests {
    /// A description can write a segment of many parameters; matching it stays bounded (it matches nothing).
    @Test func aSegmentOfTooManyParametersMatchesNothingAtOnce() async throws {
        let parameters = (1...30).map { "{p\($0)}" }.joined()
        let text = #"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/x/"# + parameters + #"": {"get": {"responses": {"200": {"description": "ok"}}}}}}"#
        let document = try await SpecLoader().load(bytes: Array(text.utf8), url: URL(fileURLWithPath: "/t/x.json"), displayName: "x.json")
        let request = ForeignRequest(method: "GET", url: "http://h/x/" + String(repeating: "a", count: 200), place: SourcePlace(file: "c.sh"))
        let start = ContinuousClock.now
        let result = CollectionImport(ForeignCollection(requests: [request]), document: document)
        #expect(result.unlistedCount == 1)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func notesNeverQuoteASecretTheImportMet() async throws {
        var request = ForeignRequest(method: "GET", url: "http://h/secure/bearer", headers: [ForeignHeader(name: "Authorization", value: "Bearer tok-123456")],
                                     place: SourcePlace(file: "c.sh", line: 1))
        request.notes = [ImportNote(place: SourcePlace(file: "c.sh", line: 1), "pre-request script not carried over (starting pm.environment.set(\"t\", \"tok-123456\"))")]
        let result = CollectionImport(ForeignCollection(requests: [request]), document: try await CollectionImportTests.pets())
        #expect(result.notes.map(\.message) == ["pre-request script not carried over (starting pm.environment.set(\"t\", \"••••••\"))"])
    }
}
