import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterSpec
import TestSupport
@testable import SpecterRequest

/// Which schema a stream's items are checked against, and how an SSE event is modelled for it.
@Suite struct StreamItemCheckTests {
    static let description = """
        openapi: 3.1.0
        info: {title: checks, version: "1"}
        paths:
          /lines:
            get:
              operationId: lines
              responses:
                "200":
                  description: lines
                  content:
                    application/x-ndjson:
                      schema: {type: array, items: {type: object, required: [id], properties: {id: {type: integer}}}}
          /events:
            get:
              operationId: events
              responses:
                "200":
                  description: events
                  content:
                    text/event-stream:
                      schema: {type: object, required: [n]}
          /typed:
            get:
              operationId: typed
              responses:
                "200":
                  description: events whose data is an object in the item schema
                  content:
                    text/event-stream:
                      itemSchema: {type: object, properties: {data: {type: object, required: [n]}}}
          /plain:
            get:
              operationId: plain
              responses:
                "200":
                  description: no schema at all
                  content:
                    text/event-stream: {}
        """

    static func check(_ operationID: String, contentType: String) async throws -> StreamItemCheck? {
        let folder = try Fixtures.temporaryFolder("stream-checks")
        let file = folder.appendingPathComponent("streams.yaml")
        try Data(description.utf8).write(to: file)
        let service = DescriptionService(document: try await SpecLoader().load(url: file, displayName: "streams.yaml"))
        let operation = try #require(service.operation(.id(operationID)))
        let head = HTTPResponse(status: 200, headers: ["Content-Type": contentType], url: URL(string: "http://127.0.0.1/")!)
        return StreamItemCheck(service: service, operation: operation, head: head, format: try #require(StreamFormat(contentType: contentType)))
    }

    static func item(_ data: String, event: String? = nil) -> StreamItem {
        StreamItem(event: event, data: data, json: StreamReader.json(in: data))
    }

    @Test func anArraySchemaForTheStreamChecksEachLineAgainstItsItems() async throws {
        let check = try #require(try await Self.check("lines", contentType: "application/x-ndjson"))
        #expect(check.source == .streamSchema)
        #expect(check.mismatches(Self.item("{\"id\": 1}")).isEmpty)
        #expect(check.mismatches(Self.item("{\"id\": \"x\"}")).map(\.readablePath) == ["id"])
    }

    @Test func aSchemaForAnEventStreamChecksEachEventsData() async throws {
        let check = try #require(try await Self.check("events", contentType: "text/event-stream"))
        #expect(check.mismatches(Self.item("{\"n\": 1}")).isEmpty)
        #expect(!check.mismatches(Self.item("{\"m\": 1}")).isEmpty)
        #expect(!check.mismatches(Self.item("plain text")).isEmpty, "text data is a string, not the object the schema wants")
    }

    @Test func anItemSchemaThatTypesDataAsAnObjectIsMetByJSONData() async throws {
        let check = try #require(try await Self.check("typed", contentType: "text/event-stream"))
        #expect(check.source == .itemSchema)
        #expect(check.mismatches(Self.item("{\"n\": 1}", event: "tick")).isEmpty)
        #expect(check.mismatches(Self.item("{\"m\": 1}")).map(\.readablePath) == ["data"])
    }

    @Test func aProblemEntryIsNotCheckedAndNoSchemaMeansNoCheck() async throws {
        let check = try #require(try await Self.check("lines", contentType: "application/x-ndjson"))
        #expect(check.mismatches(StreamItem(data: "oops", problem: .notJSON(detail: "x"))).isEmpty)
        #expect(try await Self.check("plain", contentType: "text/event-stream") == nil)
    }
}
