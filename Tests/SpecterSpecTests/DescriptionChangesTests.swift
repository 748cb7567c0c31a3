import Testing
import SpecterSpec

/// What a reload reports: operations added, removed, changed, and inputs that appeared or became required.
@Suite struct DescriptionChangesTests {
    static func version(itemRequired: [String], extraRoute: Bool = false, limitRequired: Bool = false, description: String = "An item") -> String {
        """
        openapi: 3.1.0
        info: {title: Items, version: '1'}
        paths:
          /items:
            get:
              parameters:
                - {name: limit, in: query, required: \(limitRequired), schema: {type: integer}}
              responses: {'200': {description: ok}}
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
              responses: {'201': {description: created}}
        \(extraRoute ? "  /items/{id}:\n    delete:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: gone}}" : "")
          /health:
            get:
              responses: {'200': {description: ok}}
        components:
          schemas:
            Item:
              type: object
              description: \(description)
              required: \(itemRequired)
              properties:
                name: {$ref: '#/components/schemas/Name'}
                priority: {type: integer}
            Name: {type: string}
        """
    }

    @Test func anIdenticalVersionHasNoChanges() async throws {
        let old = try await loadInline(Self.version(itemRequired: ["name"]))
        let new = try await loadInline(Self.version(itemRequired: ["name"]))
        #expect(DescriptionChanges(from: old, to: new).isEmpty)
    }

    @Test func addedRemovedAndChangedOperationsWithTheirNewInputs() async throws {
        let old = try await loadInline(Self.version(itemRequired: ["name"]))
        let new = try await loadInline(Self.version(itemRequired: ["name", "priority"], extraRoute: true, limitRequired: true))
        let changes = DescriptionChanges(from: old, to: new)
        #expect(changes.added.map(\.description) == ["DELETE /items/{id}"])
        #expect(changes.removed.isEmpty)
        #expect(changes.changed.map(\.key.description) == ["GET /items", "POST /items"])
        #expect(changes.changed.map(\.details) == [[.parameterNowRequired("limit", .query)], [.bodyFieldNowRequired("priority")]])
        let back = DescriptionChanges(from: new, to: old)
        #expect(back.removed.map(\.description) == ["DELETE /items/{id}"])
    }

    /// A change two references away (the operation names Item, Item names Name) still marks the operation.
    @Test func aChangeInASchemaReachedThroughReferencesMarksTheOperation() async throws {
        let old = try await loadInline(Self.version(itemRequired: ["name"]))
        let new = try await loadInline(Self.version(itemRequired: ["name"]).replacingOccurrences(of: "Name: {type: string}", with: "Name: {type: string, minLength: 1}"))
        let changes = DescriptionChanges(from: old, to: new)
        #expect(changes.changed.map(\.key.description) == ["POST /items"])
        #expect(changes.changed.first?.details == [], "nothing a form shows as new; the operation is still reported as changed")
        #expect(changes.added.isEmpty && changes.removed.isEmpty)
    }

    /// Component names that must be escaped in a pointer (`a/b` as `a~1b`, a space as `%20`) are
    /// found like any other, so a change inside them marks the operation that names them.
    @Test func escapedAndPercentEncodedReferencesReachTheirComponent() async throws {
        func version(_ type: String) -> String {
            """
            openapi: 3.1.0
            info: {title: Escapes, version: '1'}
            paths:
              /slash:
                get:
                  responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/a~1b'}}}}}
              /space:
                get:
                  responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/with%20space/properties/x'}}}}}
              /plain:
                get:
                  responses: {'200': {description: ok}}
            components:
              schemas:
                a/b: {type: \(type)}
                with space: {type: object, properties: {x: {type: \(type)}}}
            """
        }
        let old = try await loadInline(version("string"))
        let new = try await loadInline(version("integer"))
        let changes = DescriptionChanges(from: old, to: new, oldFingerprints: OperationFingerprints(old), newFingerprints: OperationFingerprints(new))
        #expect(changes.changed.map(\.key.description) == ["GET /slash", "GET /space"])
        #expect(OperationFingerprints(old).byOperation == OperationFingerprints(try await loadInline(version("string"))).byOperation)
    }

    /// Nesting far deeper than the digest's recursion goes is walked without exhausting the stack,
    /// and a change at the bottom still counts.
    @Test func deeplyNestedSchemasAreDigestedToTheBottom() async throws {
        func version(_ leaf: String) -> String {
            let depth = 400
            let schema = String(repeating: #"{"type": "array", "items": "#, count: depth) + #"{"type": "\#(leaf)"}"# + String(repeating: "}", count: depth)
            return #"{"openapi": "3.1.0", "info": {"title": "Deep", "version": "1"}, "paths": {"/deep": {"get": {"responses": {"200": "#
                + #"{"description": "ok", "content": {"application/json": {"schema": "# + schema + "}}}}}}}}"
        }
        let old = try await loadInline(version("string"))
        let new = try await loadInline(version("integer"))
        let same = try await loadInline(version("string"))
        #expect(OperationFingerprints(old).byOperation == OperationFingerprints(same).byOperation)
        #expect(DescriptionChanges(from: old, to: new).changed.map(\.key.description) == ["GET /deep"])
    }
}
