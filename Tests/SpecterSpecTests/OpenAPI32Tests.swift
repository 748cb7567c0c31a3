import Foundation
import Testing
import SpecterJSON
import SpecterSpec
import TestSupport

/// What OpenAPI 3.2 adds, read from `Fixtures/openapi-3.2.yaml` (written from the specification's
/// own examples) into the one model every version shares.
@Suite struct OpenAPI32Tests {
    static func document() async throws -> APIDocument { try await loadFixture("openapi-3.2.yaml") }

    @Test func loadsThroughTheFixtureLoaderWithoutAWarning() async throws {
        let document = try await Self.document()
        #expect(document.version.description == "OpenAPI 3.2.0")
        #expect(document.warnings.map(document.describe) == [])
        #expect(document.operations.map(\.displayID) == ["getUser", "copyUser", "linkUser", "searchForm", "searchJSON", "streamEvents"])
    }

    @Test func additionalOperationsKeepTheirMethodAndThePathItemsParameters() async throws {
        let document = try await Self.document()
        #expect(document.operations.map(\.method) == ["GET", "COPY", "LINK", "GET", "QUERY", "GET"])
        let copy = try #require(document.operation(named: "COPY /users/{id}"))
        #expect(copy.operationID == "copyUser")
        #expect(copy.summary == "Copy a user")
        #expect(copy.tags == ["partner"])
        #expect(copy.parameters.map { "\($0.location.rawValue):\($0.name)" } == ["path:id", "header:Destination"])
        #expect(copy.responses.map(\.status) == ["201"])
        #expect(copy.address.pointer.fragment == "#/paths/~1users~1%7Bid%7D/additionalOperations/COPY")
        // Fixed methods answer in any case, other methods only as written.
        #expect(document.operation(named: "get /users/{id}")?.operationID == "getUser")
        #expect(document.operation(named: "copy /users/{id}") == nil)
    }

    /// A method goes on the request line only as an RFC 9110 token: ASCII letters, digits and `tchar` symbols.
    @Test func aMethodNameIsAnHTTPToken() {
        for name in ["GET", "purge", "M-SEARCH", "BIND2", "x!#$%&'*+-.^_`|~"] { #expect(HTTPMethod.isToken(name), "\(name)") }
        for name in ["", "BAD METHOD", "GÉT", "GET\r\n", "A@B", "A[B", "A{B", "A/B", "Ａ"] { #expect(!HTTPMethod.isToken(name), "\(name)") }
    }

    @Test func additionalOperationsThatCannotBeSentOrDuplicateAFieldAreLeftOutWithAWarning() async throws {
        let document = try await loadInline("""
            openapi: 3.2.0
            info: {title: t, version: '1'}
            paths:
              /things:
                post: {responses: {'200': {description: ok}}}
                additionalOperations:
                  Purge: {operationId: purge, responses: {'200': {description: ok}}}
                  POST: {responses: {'200': {description: ok}}}
                  'BAD METHOD': {responses: {'200': {description: ok}}}
            """)
        #expect(document.operations.map { "\($0.method) \($0.path)" } == ["POST /things", "Purge /things"])
        #expect(document.operation(named: "Purge /things")?.operationID == "purge")
        #expect(document.operation(named: "PURGE /things") == nil)
        #expect(document.warnings.map(\.message) == [
            "additionalOperations must not hold POST: the path item's post field is for it; ignored",
            "additionalOperations \"BAD METHOD\" is not an HTTP method name (letters, digits and !#$%&'*+-.^_`|~ only) and is ignored",
        ])
    }

    @Test func aQuerystringParameterIsTheWholeQueryStringWithItsMediaType() async throws {
        let document = try await Self.document()
        let search = try #require(document.operation(named: "searchForm"))
        let selector = try #require(search.parameters.first)
        #expect(search.parameters.count == 1)
        #expect(selector.name == "selector")
        #expect(selector.location == .querystring)
        #expect(selector.schema == nil)
        let form = try #require(selector.content.first)
        #expect(selector.content.map(\.name) == ["application/x-www-form-urlencoded"])
        #expect(form.schema?.value["properties"]?.objectValue?.members.map(\.key) == ["foo", "bar"])
        let example = try #require(form.examples.first)
        #expect(example.name == "spacesAndPluses")
        #expect(example.dataValue == ["foo": "a + b", "bar": true])
        #expect(example.value == ["foo": "a + b", "bar": true])
        #expect(example.serializedValue == "foo=a+%2B+b&bar=true")
        let json = try #require(document.operation(named: "QUERY /search")?.parameters.first)
        #expect(json.location == .querystring && json.content.map(\.name) == ["application/json"])
    }

    @Test func querystringRulesAreWarnedAbout() async throws {
        let document = try await loadInline("""
            openapi: 3.2.0
            info: {title: t, version: '1'}
            paths:
              /find:
                get:
                  parameters:
                    - {name: q, in: query, schema: {type: string}}
                    - {name: whole, in: querystring, content: {application/x-www-form-urlencoded: {schema: {type: object}}}}
                    - {name: again, in: querystring, schema: {type: object}}
                  responses: {'200': {description: ok}}
            """)
        #expect(document.operations.first?.parameters.map(\.location) == [.query, .querystring, .querystring])
        #expect(document.warnings.map(\.message) == [
            "querystring parameter \"again\" needs content (the media type of the whole query string); it is sent as a form",
            "operation GET /find has 2 querystring parameters; only one can describe the query string",
            "operation GET /find has query parameter \"q\" beside querystring parameter \"whole\", which is the whole query string",
        ])
    }

    @Test func itemSchemaDescribesEachItemOfASequentialMediaTypeAndResolvesLikeSchema() async throws {
        let document = try await Self.document()
        let ok = try #require(document.operation(named: "streamEvents")?.response(for: 200))
        #expect(ok.content.map(\.name) == ["text/event-stream", "application/jsonl"])
        let events = try #require(ok.content.first)
        #expect(events.schema == nil)
        let itemSchema = try #require(events.itemSchema)
        #expect(itemSchema.value == ["$ref": "https://api.example.com/specs/openapi-3.2.yaml#/components/schemas/Event"])
        // The reference names the document by its $self: it resolves to this file, read from disk.
        let event = try document.documents.dereference(itemSchema.value, at: itemSchema.address)
        #expect(event.address == NodeAddress(document: document.documents.rootURL, pointer: JSONPointer(tokens: ["components", "schemas", "Event"])))
        #expect(event.value["required"] == ["data"])
        let lines = try #require(ok.content.last?.itemSchema)
        let line = try document.documents.dereference(lines.value, at: lines.address)
        #expect(line.value["required"] == ["level", "message"])
    }

    @Test func tagsHaveASummaryAParentAndAKind() async throws {
        let tags = try await Self.document().tags
        #expect(tags == [
            APITag(name: "account-updates", summary: "Account Updates", description: "Account update operations", kind: "nav"),
            APITag(name: "partner", summary: "Partner", description: "Operations available to the partners network", parent: "external", kind: "audience"),
            APITag(name: "external", summary: "External", description: "Operations available to external consumers", kind: "audience"),
        ])
    }

    @Test func serversHaveNames() async throws {
        let servers = try await Self.document().servers
        #expect(servers == [
            APIServer(url: "https://api.example.com/v1", description: "The production API", name: "production"),
            APIServer(url: "https://staging.example.com/v1", name: "staging"),
        ])
    }

    @Test func anExampleWithOnlyADataValueGivesItAsItsValue() async throws {
        let media = try #require(try await Self.document().operation(named: "getUser")?.response(for: 200)?.content.first)
        let alice = try #require(media.examples.first)
        #expect(alice.summary == "A user")
        #expect(alice.dataValue == ["id": "u1", "name": "Alice"])
        #expect(alice.value == ["id": "u1", "name": "Alice"])
        #expect(alice.serializedValue == #"{"id":"u1","name":"Alice"}"#)
        #expect(alice.externalValue == nil)
    }

    @Test func deviceAuthorizationFlowMetadataURLAndDeprecatedSchemes() async throws {
        let schemes = try await Self.document().securitySchemes
        #expect(schemes == [
            SecurityScheme(
                name: "deviceLogin",
                kind: .oauth2([OAuthFlow(
                    grant: .deviceAuthorization, deviceAuthorizationURL: "https://auth.example.com/device", tokenURL: "https://auth.example.com/token",
                    scopes: ["read": "Read access"])]),
                description: "Sign in on another device",
                oauth2MetadataURL: "https://auth.example.com/.well-known/oauth-authorization-server"),
            SecurityScheme(name: "legacyKey", kind: .apiKey(name: "X-API-Key", location: .header), deprecated: true),
        ])
    }

    @Test func cafeFromTheEdgeCorpusReadsItsDataValueExamples() async throws {
        let path = "edge/redocly-cli/resources/cafe.yaml"
        let document = try await SpecLoader().load(url: Fixtures.shared(path), displayName: path)
        #expect(document.version.description == "OpenAPI 3.2.0")
        #expect(document.operations.count == 12)
        let body = try #require(document.operation(named: "createOrder")?.requestBody?.content.first)
        let example = try #require(body.examples.first)
        #expect(example.name == "OrderRequest")
        #expect(example.value?["customerName"] == "Mary Ann")
        #expect(example.value == example.dataValue)
    }
}

/// Loads a description from text, as if read from a file in a folder of its own.
func loadInline(_ text: String, allowExternal: Bool = false) async throws -> APIDocument {
    let folder = try Fixtures.temporaryFolder("inline")
    let loader = SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: allowExternal)))
    return try await loader.load(bytes: Array(text.utf8), url: folder.appendingPathComponent("openapi.yaml"), displayName: "openapi.yaml")
}
