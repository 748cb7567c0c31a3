import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterSpec
import TestSupport

/// 3.2's `$self` is the base URI relative references resolve against; the sandbox judges where
/// they lead after that, so `$self` can never carry a reference out of it.
@Suite struct SelfBaseURITests {
    @Test func aRelativeSelfMovesTheBaseOfRelativeReferences() async throws {
        let document = try await loadFixture("self-base/openapi.yaml")
        let root = document.documents.rootURL
        #expect(document.documents.baseURI(of: root) == root.deletingLastPathComponent().appendingPathComponent("v2/openapi.yaml"))
        let schema = try #require(document.operation(named: "listPets")?.response(for: 200)?.content.first?.schema)
        let pet = try document.documents.dereference(schema.value, at: schema.address)
        #expect(pet.value["title"] == "read from the base URI $self gives")
        #expect(pet.address.document.path.hasSuffix("Fixtures/self-base/v2/schemas.yaml"))
        #expect(document.warnings.map(document.describe) == [])
    }

    @Test func selfIsIgnoredBeforeOpenAPI32() async throws {
        let folder = try Self.folderWithTwoPets()
        let text = try String(contentsOf: folder.appendingPathComponent("api/openapi.yaml"), encoding: .utf8)
        let url = folder.appendingPathComponent("api/openapi31.yaml")
        try text.replacingOccurrences(of: "openapi: 3.2.0", with: "openapi: 3.1.0").write(to: url, atomically: true, encoding: .utf8)
        let document = try await SpecLoader().load(url: url, displayName: "openapi31.yaml")
        #expect(document.documents.baseURI(of: url) == url)
        #expect(try Self.petTitle(document) == "beside")
    }

    @Test func aSelfThatLeadsOutOfTheSandboxIsRefusedWhereTheReferenceIsWritten() async throws {
        let folder = try Self.folderWithTwoPets()
        let url = folder.appendingPathComponent("api/openapi.yaml")
        let document = try await SpecLoader().load(url: url, displayName: "api/openapi.yaml")
        let outside = URL(fileURLWithPath: folder.appendingPathComponent("api").path).resolvingSymlinksInPath().path
        let error = try #require(try Self.petProblem(document))
        #expect(error.kind == .refusedReference)
        #expect(error.description == "api/openapi.yaml:14:24 (#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref): "
            + "refused reference \"pet.yaml#/Pet\": it leads outside \(outside); pass --allow-external-refs to allow it")
        let allowed = try await SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: true))).load(url: url, displayName: "api/openapi.yaml")
        #expect(try Self.petTitle(allowed) == "outside")
    }

    @Test func aRemoteSelfOnTheSameOriginIsFetchedFromItsBase() async throws {
        let client = StubClient(files: [
            "https://api.example.com/v2/pet.yaml": "Pet: {title: from v2}",
            "https://api.example.com/pet.yaml": "Pet: {title: beside}",
        ])
        let document = try await SpecLoader(client: client).load(
            bytes: Array(Self.root(self: "https://api.example.com/v2/openapi.yaml").utf8), url: URL(string: "https://api.example.com/openapi.yaml")!,
            displayName: "https://api.example.com/openapi.yaml")
        #expect(try Self.petTitle(document) == "from v2")
    }

    @Test func aRemoteSelfOnAnotherOriginIsRefused() async throws {
        let client = StubClient(files: ["https://elsewhere.example/v2/pet.yaml": "Pet: {title: elsewhere}"])
        let document = try await SpecLoader(client: client).load(
            bytes: Array(Self.root(self: "https://elsewhere.example/v2/openapi.yaml").utf8), url: URL(string: "https://api.example.com/openapi.yaml")!,
            displayName: "https://api.example.com/openapi.yaml")
        let error = try #require(try Self.petProblem(document))
        #expect(error.kind == .refusedReference)
        #expect(error.message == "refused reference \"pet.yaml#/Pet\": it points to another origin (https://elsewhere.example) than the document's; "
            + "pass --allow-external-refs to allow it")
    }

    /// Why the pet schema cannot be read, from following its reference.
    static func petProblem(_ document: APIDocument) throws -> SpecError? {
        let schema = try #require(document.operations.first?.response(for: 200)?.content.first?.schema)
        do {
            _ = try document.documents.dereference(schema.value, at: schema.address)
            return nil
        } catch {
            #expect(document.documents.problem(following: "pet.yaml#/Pet", from: schema.address.appending("$ref")) == error)
            return error
        }
    }

    static func root(self selfURI: String) -> String {
        """
        openapi: 3.2.0
        $self: \(selfURI)
        info:
          title: t
          version: '1'
        paths:
          /pets:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: 'pet.yaml#/Pet'}
        """
    }

    /// `api/openapi.yaml` whose `$self` points at `../outside/`, with a `pet.yaml` in both folders.
    static func folderWithTwoPets() throws -> URL {
        let folder = try Fixtures.temporaryFolder("self")
        for (name, title) in [("api", "beside"), ("outside", "outside")] {
            let sub = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try "Pet: {title: \(title)}\n".write(to: sub.appendingPathComponent("pet.yaml"), atomically: true, encoding: .utf8)
        }
        try root(self: "../outside/openapi.yaml").write(to: folder.appendingPathComponent("api/openapi.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func petTitle(_ document: APIDocument) throws -> String? {
        let schema = try #require(document.operations.first?.response(for: 200)?.content.first?.schema)
        return try document.documents.dereference(schema.value, at: schema.address).value["title"]?.stringValue
    }
}

/// Serves fixed documents by URL; anything else is a 404.
struct StubClient: HTTPClient {
    var files: [String: String]

    func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
        guard let text = files[request.url.absoluteString] else { return HTTPResponse(status: 404, url: request.url) }
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/yaml"], body: ResponseBytes(Array(text.utf8)), url: request.url)
    }
}
