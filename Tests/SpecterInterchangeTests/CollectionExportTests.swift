import Foundation
import SpecterHTTP
import SpecterInterchange
import SpecterRequest
import SpecterSpec
import Testing
import TestSupport

/// What an export writes for credentials and servers that are not plain values.
@Suite struct CollectionExportTests {
    static func collection() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("specter-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(ImportCredentialTests.description.utf8).write(to: root.appendingPathComponent("api.json"))
        try Data("spec: api.json\nserver: '{{baseUrl}}/v1'\nvariables:\n  baseUrl: https://api.example.com\n".utf8).write(to: root.appendingPathComponent("collection.yaml"))
        try Data("name: Who am I\norder: 1\noperation: me\nauth:\n  basic: {username: alice, password: 'secret:basic_password'}\n".utf8)
            .write(to: root.appendingPathComponent("me.yaml"))
        try Data("name: Sign in\norder: 2\noperation: login\nauth:\n  oauth: {client_id: specter, client_secret: 'secret:machine'}\n".utf8)
            .write(to: root.appendingPathComponent("login.yaml"))
        return root
    }

    static func exported() async throws -> CollectionExport {
        let root = try collection()
        let collection = try CollectionStore.open(root)
        let service = DescriptionService(document: try await SpecLoader().load(root.appendingPathComponent("api.json").path))
        return await CollectionExport(collection, items: collection.ordered, service: service, environment: nil, runner: RequestRunner(client: URLSessionHTTPClient()))
    }

    @Test func aServerMadeOfPlaceholdersStaysOne() async throws {
        let export = try await Self.exported()
        #expect(export.unexported == 0, "\(export.notes)")
        #expect(export.requests.map(\.url) == ["{{baseUrl}}/v1/me", "{{baseUrl}}/v1/login"])
    }

    @Test func basicCredentialsAreTheFormatsOwnAndOAuthTokensAVariable() async throws {
        let export = try await Self.exported()
        #expect(export.requests[0].auth == .basic(user: "alice", password: "{{basic_password}}"))
        #expect(!export.requests[0].headers.contains { $0.name == "Authorization" })
        #expect(export.requests[1].header("Authorization") == "Bearer {{oauth}}")
        #expect(export.notes.map(\.message) == ["the oauth token is fetched by Specter when it sends; the export needs it as {{oauth}}"])
        #expect(Set(export.variables.filter(\.isSecret).map(\.name)) == ["basic_password", "oauth"])
        let hurl = InterchangeFormat.hurl.write(export.requests, variables: export.variables, version: "test").text
        #expect(hurl.contains("[BasicAuth]\nalice: {{basic_password}}\n"), "\(hurl)")
        let curl = InterchangeFormat.curl.write(export.requests, variables: export.variables, version: "test").text
        #expect(curl.contains(": \"${basic_password:?set basic_password: a secret}\"") && curl.contains("-u 'alice:'\"${basic_password}\"''"), "\(curl)")
        #expect(curl.contains("[ -n \"${baseUrl+set}\" ] || baseUrl='https://api.example.com'\n"))
    }
}
