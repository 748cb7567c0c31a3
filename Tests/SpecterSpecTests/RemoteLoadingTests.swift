import Foundation
import Testing
import SpecterJSON
import SpecterSpec
import TestSupport

/// Loading descriptions over HTTP from real FastAPI and Flask apps started on 127.0.0.1.
@Suite(.serialized) struct RemoteLoadingTests {
    @Test func bareFastAPIServerURLDiscoversOpenAPIJSON() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let document = try await SpecLoader().load(base.absoluteString)
        #expect(document.info.title == "Specter Test Pets")
        #expect(document.documents.rootURL.path == "/openapi.json")
        #expect(document.operation(named: "GET /pets/{pet_id}") != nil)
        // FastAPI publishes no servers: the default "/" resolves against the document's URL.
        #expect(document.servers.map(\.url) == [base.absoluteString + "/"])
        let createPet = try #require(document.operation(named: "POST /pets"))
        #expect(createPet.requestBody?.content.first?.name == "application/json")
        #expect(createPet.responses.map(\.status) == ["201", "422"])
    }

    @Test func bareFlaskServerURLDiscoversItsDescriptionElsewhere() async throws {
        let base = try await TestServers.shared.url(for: .flask)
        let document = try await SpecLoader().load(base.absoluteString + "/")
        #expect(document.info.title == "Specter Test Books")
        #expect(document.documents.rootURL.path == "/api/openapi.json")
        // A relative server URL resolves against the document's URL.
        #expect(document.servers.map(\.url) == [base.absoluteString + "/library"])
        #expect(document.operations.map(\.displayID).contains("GET /books"))
    }

    @Test func directDocumentURLLoads() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let document = try await SpecLoader().load(base.absoluteString + "/openapi.json")
        #expect(document.operations.count > 10)
    }

    @Test func urlWithoutADescriptionExplainsWhatWasTried() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        do {
            _ = try await SpecLoader().load(base.absoluteString + "/nothing/here")
            Issue.record("expected discovery to fail")
        } catch {
            #expect(error.description.contains("found no OpenAPI description"))
            #expect(error.description.contains("/nothing/here/openapi.json (HTTP 404)"))
        }
    }

    @Test func unreachableServerIsOneClearSentence() async throws {
        do {
            _ = try await SpecLoader().load("http://127.0.0.1:9")
            Issue.record("expected a connection error")
        } catch {
            #expect(error.description.contains("127.0.0.1:9"))
            #expect(error.description.contains("refused"))
        }
    }
}
