import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterYAML
import TestSupport

/// Requests for what OpenAPI 3.2 adds: custom methods, the whole query string from one value, and
/// the device authorization flow, which needs a front end's sign-in (`OAuthSignInTests` runs it).
@Suite struct OpenAPI32RequestTests {
    static func document() async throws -> APIDocument {
        try await SpecLoader().load(url: Fixtures.package("Tests/SpecterSpecTests/Fixtures/openapi-3.2.yaml"), displayName: "openapi-3.2.yaml")
    }

    @Test func anAdditionalOperationIsSentWithItsOwnMethod() async throws {
        let builder = try builder("copyUser", try await Self.document())
        let built = try builder.build(RequestInput(parameters: [
            ParameterValue(name: "id", value: "u1"), ParameterValue(name: "Destination", location: .header, value: "/users/u2"),
        ]))
        #expect(built.request.method == "COPY")
        #expect(built.request.url.absoluteString == "https://api.example.com/v1/users/u1")
        #expect(built.request.headers["Destination"] == "/users/u2")
    }

    @Test func aCustomMethodKeepsItsCase() async throws {
        let folder = try Fixtures.temporaryFolder("purge")
        let url = folder.appendingPathComponent("openapi.yaml")
        try """
            openapi: 3.2.0
            info: {title: t, version: '1'}
            servers: [{url: 'https://cache.example.com'}]
            paths:
              /things:
                additionalOperations:
                  Purge: {operationId: purge, responses: {'200': {description: ok}}}
            """.write(to: url, atomically: true, encoding: .utf8)
        let document = try await SpecLoader().load(url: url, displayName: "openapi.yaml")
        let built = try builder("purge", document).build(RequestInput())
        #expect(built.request.method == "Purge")
        #expect(built.request.url.absoluteString == "https://cache.example.com/things")
    }

    @Test func aFormQuerystringIsSentAsTheDescriptionsSerializedExample() async throws {
        let document = try await Self.document()
        let example = try #require(document.operation(named: "searchForm")?.parameters.first?.content.first?.examples.first)
        let value = try #require(example.dataValue)
        let built = try builder("searchForm", document).build(RequestInput(parameters: [ParameterValue(name: "selector", value: value)]))
        #expect(built.request.url.query == example.serializedValue)
        #expect(built.request.url.absoluteString == "https://api.example.com/v1/search?foo=a+%2B+b&bar=true")
    }

    @Test func aFormQuerystringFollowsTheEncodingObject() throws {
        let address = NodeAddress(document: URL(fileURLWithPath: "/spec.yaml"), pointer: .root)
        let form = APIMediaType(name: "application/x-www-form-urlencoded", encoding: [APIEncoding(property: "ids", style: .form, explode: false)])
        let parameter = APIParameter(name: "selector", location: .querystring, content: [form], address: address)
        #expect(try ParameterSerializer.serialize(parameter, value: ["ids": [1, 2], "q": "x y"]) == .queryString("ids=1,2&q=x+y"))
        let bare = APIParameter(name: "selector", location: .querystring, address: address)
        #expect(try ParameterSerializer.serialize(bare, value: ["ids": [1, 2]]) == .queryString("ids=1&ids=2"))
        let error = #expect(throws: SerializationError.self) { try ParameterSerializer.serialize(bare, value: "ids=1") }
        #expect(error?.description == "parameter \"selector\": the whole query string is a form: give an object of fields")
    }

    @Test func aJSONQuerystringIsTheEncodedDocument() async throws {
        let built = try builder("searchJSON", try await Self.document()).build(RequestInput(parameters: [ParameterValue(name: "json", value: ["numbers": [1, 2]])]))
        #expect(built.request.method == "QUERY")
        #expect(built.request.url.absoluteString == "https://api.example.com/v1/search?%7B%22numbers%22%3A%5B1%2C2%5D%7D")
    }

    @Test func anEmptyQuerystringLeavesNoQuestionMark() async throws {
        let built = try builder("searchForm", try await Self.document()).build(RequestInput(parameters: [ParameterValue(name: "selector", value: [:])]))
        #expect(built.request.url.absoluteString == "https://api.example.com/v1/search")
    }

    @Test func draftsNameCustomMethodsExactlyAndFixedOnesInAnyCase() async throws {
        let service = DescriptionService(document: try await Self.document())
        let copy = try RequestDraft(json: try YAMLLoader().load("operation: 'COPY /users/{id}'"))
        #expect(copy.operation == .route(method: "COPY", path: "/users/{id}"))
        #expect(service.position(of: copy.operation) == 1)
        #expect(service.position(of: .route(method: "copy", path: "/users/{id}")) == nil)
        let get = try RequestDraft(json: try YAMLLoader().load("operation: {method: get, path: '/users/{id}'}"))
        #expect(get.operation == .route(method: "GET", path: "/users/{id}"))
        #expect(service.position(of: get.operation) == 0)
        #expect(OperationReference.route(method: "Purge", path: "/x").description == "Purge /x")
        #expect(OperationReference.route(method: "query", path: "/x").description == "QUERY /x")
        let querystring = try RequestDraft(json: try YAMLLoader().load("operation: searchForm\nparameters: {querystring: {selector: {foo: bar}}}"))
        #expect(querystring.parameter("selector", in: .querystring) == ["foo": "bar"])
    }

    @Test func theDeviceAuthorizationGrantIsAClearErrorNotAToken() async throws {
        let document = try await Self.document()
        let operation = try #require(document.operation(named: "streamEvents"))
        let applier = SecurityApplier(tokens: OAuthTokens(client: URLSessionHTTPClient()))
        let settings = CredentialStore(["deviceLogin": Credential(fields: ["client_id": "specter"])])
        do {
            _ = try await applier.apply(for: operation, in: document, credentials: settings, baseURL: nil)
            Issue.record("expected the device flow to be refused")
        } catch {
            #expect(error.unsupportedGrant == .deviceAuthorization)
            #expect(error.description == "the device authorization grant is not supported yet: give an access token instead")
        }
        // A token the user got on their own is used as it is.
        let token = try await applier.apply(for: operation, in: document, credentials: CredentialStore(["deviceLogin": Credential(value: "t-1")]), baseURL: nil)
        #expect(token.headers.map { "\($0.name): \($0.value)" } == ["Authorization: Bearer t-1"])
        let flow = OAuthFlow(grant: .deviceAuthorization, deviceAuthorizationURL: "https://auth.example.com/device", tokenURL: "https://auth.example.com/token")
        await #expect(throws: CredentialError.unsupported(.deviceAuthorization)) {
            try await OAuthTokens(client: URLSessionHTTPClient()).token(
                flow: flow, credential: Credential(fields: ["client_id": "specter"]), scopes: [], tokenURL: URL(string: "https://auth.example.com/token")!)
        }
    }
}
