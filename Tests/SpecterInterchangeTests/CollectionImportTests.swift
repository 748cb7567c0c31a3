import Foundation
import SpecterInterchange
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterYAML
import Testing
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
        #expect(result.requests[1].request.draft.body == DraftBody(.text("username=alice&password=wonder+land"), mediaType: "application/x-www-form-urlencoded"),
                "a form written as text keeps its bytes")
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
        #expect(result.secrets.map(\.name) == ["password"])
    }
}
