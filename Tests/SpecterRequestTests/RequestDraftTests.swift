import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterYAML
import TestSupport

@Suite struct RequestDraftTests {
    static let yaml = """
        operation: getItem
        note: kept although Specter does not know it
        server: {url: "https://{{host}}/v1", variables: {region: eu}, extra: kept}
        parameters:
          path: {itemId: 7}
          query: {q: "{{term}}", tags: [a, b]}
        body: {mediaType: application/json, json: {name: "{{name}}", price: 9.5}, comment: kept}
        headers:
          - {name: X-Trace, value: t1}
          - {name: X-Token, value: "{{$env TOKEN}}", credential: true}
        auth:
          bearer: env:SHOP_TOKEN
          machine: {client_id: specter, client_secret: env:SECRET}
        """

    static func draft() throws -> RequestDraft {
        try RequestDraft(json: try YAMLLoader().load(yaml))
    }

    @Test func readsEveryPart() throws {
        let draft = try Self.draft()
        #expect(draft.operation == .id("getItem"))
        #expect(draft.server == .url("https://{{host}}/v1", variables: ["region": "eu"]))
        #expect(draft.parameters.map { "\($0.location.rawValue) \($0.name)" } == ["path itemId", "query q", "query tags"])
        #expect(draft.parameter("tags", in: .query) == ["a", "b"])
        #expect(draft.body == DraftBody(.json(["name": "{{name}}", "price": 9.5]), mediaType: "application/json"))
        #expect(draft.headers == [DraftHeader(name: "X-Trace", value: "t1"), DraftHeader(name: "X-Token", value: "{{$env TOKEN}}", isCredential: true)])
        #expect(draft.credential(for: "bearer") == .environment("SHOP_TOKEN"))
        #expect(draft.credential(for: "machine") == .fields([("client_id", .literal("specter")), ("client_secret", .environment("SECRET"))]))
    }

    /// Written back unchanged it is the same JSON, order and unknown fields included.
    @Test func writingBackWhatWasReadChangesNothing() throws {
        let original = try YAMLLoader().load(Self.yaml)
        let written = try Self.draft().json
        #expect(JSONWriter.compact.string(written) == JSONWriter.compact.string(original))
    }

    /// One change is one change: the rest keeps its place.
    @Test func aChangeKeepsTheRestInPlace() throws {
        var draft = try Self.draft()
        draft.setParameter("q", in: .query, to: "lamp")
        draft.setParameter("limit", in: .query, to: 5)
        let written = draft.json
        #expect(written.objectValue?.keys == ["operation", "note", "server", "parameters", "body", "headers", "auth"])
        #expect(written["parameters"]?["query"]?.objectValue?.keys == ["q", "tags", "limit"])
        #expect(written["parameters"]?["query"]?["q"] == "lamp")
        #expect(written["body"]?["comment"] == "kept")
        #expect(written["server"]?["extra"] == "kept")
        #expect(try RequestDraft(json: written) == draft)
    }

    /// A literal secret lives in memory only: it is never written.
    @Test func literalCredentialsAreNeverWritten() throws {
        var draft = RequestDraft(operation: .route(method: "GET", path: "/items"))
        draft.setCredential(.literal("s3cret-literal"), for: "bearer")
        draft.setCredential(.fields([("client_id", .literal("app")), ("client_secret", .literal("s3cret-too"))]), for: "machine")
        draft.headers = [DraftHeader(name: "Authorization", value: "Bearer s3cret-header", isCredential: true),
                         DraftHeader(name: "X-Token", value: "env:TOKEN", isCredential: true), DraftHeader(name: "X-Trace", value: "t1")]
        let text = JSONWriter.compact.string(draft.json)
        #expect(draft.json["headers"] == [["name": "X-Token", "value": "env:TOKEN", "credential": true], ["name": "X-Trace", "value": "t1"]])
        #expect(!text.contains("s3cret"))
        #expect(draft.json["auth"]?["machine"] == ["client_id": "app"])
        #expect(draft.json["operation"] == "GET /items")
    }

    @Test func anOperationWithoutAnIdIsNamedByMethodAndPathEitherWay() throws {
        let written = try RequestDraft(json: ["operation": ["method": "get", "path": "/items"]])
        #expect(written.operation == .route(method: "GET", path: "/items"))
        #expect(written.json["operation"] == ["method": "get", "path": "/items"], "the spelling read is the spelling written")
        #expect(try RequestDraft(json: ["operation": "delete /items/{id}"]).operation == .route(method: "DELETE", path: "/items/{id}"))
        #expect(try RequestDraft(json: ["operation": "getItem"]).operation == .id("getItem"))
    }

    @Test func placeholdersAreFilledWhenResolved() throws {
        let scope = VariableScope(values: ["host": "api.example.com", "term": "lamp", "name": "Lamp"], environment: ["TOKEN": "t-1", "SHOP_TOKEN": "s-1", "SECRET": "x"])
        let resolved = try Self.draft().resolved(in: scope)
        #expect(resolved.input.server == .url("https://api.example.com/v1", variables: ["region": "eu"]))
        #expect(resolved.input.parameters.first { $0.name == "q" }?.value == "lamp")
        #expect(resolved.input.body == .value(["name": "Lamp", "price": 9.5]))
        #expect(resolved.input.headers["X-Token"] == "t-1")
        #expect(resolved.input.credentialHeaders == ["X-Token"])
        #expect(resolved.credentials["bearer"] == Credential(value: "s-1", environmentVariable: "SHOP_TOKEN"))
        #expect(resolved.credentials["machine"]?.fields == ["client_id": "specter", "client_secret": "x"])
    }

    @Test func anUndefinedVariableNamesItselfAndItsPlace() throws {
        do {
            _ = try Self.draft().resolved(in: VariableScope(values: ["host": "h", "name": "n"], environment: ["TOKEN": "t", "SHOP_TOKEN": "s", "SECRET": "x"]))
            Issue.record("expected an error")
        } catch {
            #expect(String(describing: error) == "query parameter q: the variable {{term}} is not defined")
        }
    }

    @Test func builtInsFillThemselves() throws {
        let scope = VariableScope(environment: ["HOME": "/home/a"], now: { Date(timeIntervalSince1970: 1_700_000_000) }, random: { $0.lowerBound })
        #expect(try Placeholders.fill("{{$timestamp}} {{$randomInt 3 9}} {{$env HOME}}", from: scope) == "1700000000 3 /home/a")
        #expect(try Placeholders.fill("{{$isoTimestamp}}", from: scope) == "2023-11-14T22:13:20Z")
        #expect(try Placeholders.fill("{{$uuid}}", from: scope).count == 36)
        #expect(throws: PlaceholderError.self) { try Placeholders.fill("{{$nope}}", from: scope) }
    }

    @Test func onlyFilesDefineVariablesAsReferences() throws {
        var scope = VariableScope(files: [["token": "secret:API", "home": "env:HOME", "plain": "x"], ["plain": "y"]], overrides: ["given": "env:HOME"],
                                  environment: ["HOME": "/home/a"])
        scope.secrets = ["API": "s3cr3t"]
        #expect(try Placeholders.fill("{{token}} {{home}} {{plain}} {{given}}", from: scope) == "s3cr3t /home/a y env:HOME", "a --var is a value")
        #expect(Set(scope.referencedValues) == ["s3cr3t", "/home/a"] && scope.needsSecrets)
        // A response cannot make Specter send a secret back: a captured value is used as it came.
        scope.values["captured"] = "env:HOME"
        #expect(try Placeholders.fill("{{captured}}", from: scope) == "env:HOME")
        scope.values["token"] = "from-a-response"
        #expect(try Placeholders.fill("{{token}}", from: scope) == "from-a-response" && scope.referencedValues == ["/home/a"], "a value given over a reference wins")
        var missing = VariableScope(files: [["token": "secret:API"]])
        missing.secrets = [:]
        missing.environment = ["XDG_CONFIG_HOME": "/config"]
        #expect { try Placeholders.fill("{{token}}", from: missing) } throws: {
            String(describing: $0) == "{{token}} is secret:API, which your secrets file (/config/specter/secrets.yaml) does not hold"
        }
    }

    @Test func malformedDraftsSayWhere() {
        let cases: [(JSONValue, String)] = [
            (["parameters": ["query": 1]], "/operation: the operation is missing"),
            (["operation": "x", "parameters": ["body": ["a": 1]]], "/parameters/body: \"body\" is not a parameter place"),
            (["operation": "x", "headers": [["name": "A"]]], "/headers/0: a header is {name: …, value: …}"),
            (["operation": "x", "auth": ["s": 1]], "/auth/s: a credential is env:NAME"),
        ]
        for (json, expected) in cases {
            do {
                _ = try RequestDraft(json: json)
                Issue.record("expected an error for \(json)")
            } catch {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
        }
    }
}
