import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec
import TestSupport

/// Deep but finite reference chains (issue 10, item 6): followed in a loop, named by their ends,
/// never called a cycle; schemas that nest deeper than the evaluator goes say so.
@Suite struct DeepReferenceTests {
    /// A document whose schemas `S0 … S<count>` are built by `schema(index)`, loaded from a temporary file.
    static func document(count: Int, _ schema: (Int) -> JSONValue, last: JSONValue) async throws -> APIDocument {
        var schemas = JSONObject()
        for index in 0..<count { schemas["S\(index)"] = schema(index) }
        schemas["S\(count)"] = last
        let root: JSONValue = ["openapi": "3.1.0", "info": ["title": "chain", "version": "1"], "paths": [:], "components": ["schemas": .object(schemas)]]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("specter-chain-\(UUID().uuidString).json")
        try Data(JSONWriter.compact.string(root).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await SpecLoader().load(url: file, displayName: "chain.json")
    }

    static let named: JSONValue = ["type": "object", "required": ["name"], "properties": ["name": ["type": "string"]]]

    @Test func aLongChainOfBareReferencesIsFollowedWithoutDepth() async throws {
        let document = try await Self.document(count: 10_000, { ["$ref": .string("#/components/schemas/S\($0 + 1)")] }, last: Self.named)
        let start = try #require(document.schema(at: "S0"))
        let validator = SchemaValidator(document: document)
        #expect(validator.validate(["name": "x"], against: start).isEmpty)
        #expect(validator.validate(["name": 1], against: start).map(\.description) == ["name: must be a string"])
        let outline = SchemaOutline.build(start, documents: document.documents)
        #expect(outline.type == "S1 → S10000", "S0 is the chain's first link")
        #expect(outline.notes.contains("through 9999 references"), "\(outline.notes)")
        #expect(outline.children.map(\.name) == ["name"])
        #expect(ExampleGenerator(document: document).example(for: start).value == ["name": "string"])
    }

    @Test func aChainOfBareReferencesThatComesBackIsRecursiveNotEndless() async throws {
        let document = try await Self.document(count: 3, { ["$ref": .string("#/components/schemas/S\(($0 + 1) % 3)")] }, last: Self.named)
        let start = try #require(document.schema(at: "S0"))
        #expect(SchemaValidator(document: document).validate(["anything": true], against: start).isEmpty, "a loop of references adds nothing")
        #expect(SchemaOutline.build(start, documents: document.documents).type.hasSuffix("(recursive)"))
    }

    @Test func nestingDeeperThanTheEvaluatorGoesIsNamedForWhatItIs() async throws {
        let document = try await Self.document(count: 1_000, { ["allOf": [["$ref": .string("#/components/schemas/S\($0 + 1)")]]] }, last: Self.named)
        let errors = SchemaValidator(document: document).validate(["name": "x"], against: try #require(document.schema(at: "S0"))).map(\.description)
        #expect(errors == ["the schema nests more than 300 levels deep here; it is not checked further"])
        #expect(!errors.joined().contains("cycle") && !errors.joined().contains("itself"))
    }
}
