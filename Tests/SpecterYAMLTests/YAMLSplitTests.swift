import Foundation
import Testing
import SpecterJSON
@testable import SpecterYAML
import TestSupport

/// Large documents are cut in two and parsed on two threads: the result must be exactly the whole
/// document's, in member order, whatever the text holds at the cut.
@Suite struct YAMLSplitTests {
    /// A description-shaped document of about `schemas` × 300 bytes; `middle` is put halfway through the schemas.
    static func document(schemas: Int, middle: String = "") -> [UInt8] {
        var text = "openapi: 3.1.0\ninfo:\n  title: Split test\n  version: '1'\ncomponents:\n  schemas:\n"
        for index in 0..<schemas {
            if index == schemas / 2 { text += middle }
            text += """
                    Model\(index):
                      type: object
                      description: A model whose description is long enough to be a heap string, number \(index) # a comment
                      properties:
                        id: {type: integer, minimum: \(index)}
                        name:
                          type: string
                          pattern: '^[a-z]+$'
                          $ref: '#/components/schemas/Model\(max(0, index - 1))'

                """
        }
        text += "  responses:\n    NotFound:\n      description: not found\nx-tail: [end]\n"
        return Array(text.utf8)
    }

    /// The whole-document reading (`loadAll` never cuts) as order-preserving text.
    static func whole(_ bytes: [UInt8]) throws -> String {
        JSONWriter.compact.string(try #require(try YAMLLoader().loadAll(bytes).first))
    }

    @Test func aLargeDocumentIsCutAtAKeyLineAndMergesIntoTheSameTree() throws {
        let bytes = Self.document(schemas: 4000)
        let split = try #require(YAMLSplit.find(in: bytes))
        #expect(split.offset > bytes.count / 2)
        #expect(split.ancestors.first.map { String(decoding: $0, as: UTF8.self) } == "components:\n")
        let parsed = try YAMLLoader().loadDocument(bytes)
        #expect(JSONWriter.compact.string(parsed.value) == (try Self.whole(bytes)))
        #expect(parsed.references.count == 4000)
        #expect(parsed.references.last == "#/components/schemas/Model3998")
    }

    @Test func aCutInsideAQuotedScalarFallsBackToTheWholeDocument() throws {
        let fakeKeys = (0..<20_000).map { "    Fake\($0): not a key, still inside the quotes\n" }.joined()
        let bytes = Self.document(schemas: 1000, middle: "    Quoted:\n      description: \"starts here\n" + fakeKeys + "    ends here\"\n")
        let split = try #require(YAMLSplit.find(in: bytes))
        let cutLine = String(decoding: bytes[split.offset...].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        #expect(cutLine.hasPrefix("    Fake"), "the cut should land inside the quoted scalar for this test to mean anything")
        let parsed = try YAMLLoader().loadDocument(bytes)
        #expect(JSONWriter.compact.string(parsed.value) == (try Self.whole(bytes)))
        #expect(parsed.value["components"]?["schemas"]?["Quoted"]?["description"]?.stringValue?.contains("Fake19999: not a key") == true)
    }

    @Test func anAliasAcrossTheCutFallsBackToTheWholeDocument() throws {
        var bytes = Self.document(schemas: 4000)
        bytes.insert(contentsOf: Array("x-shared: &shared {kind: anchored}\n".utf8), at: 0)
        bytes += Array("x-uses: *shared\n".utf8)
        let parsed = try YAMLLoader().loadDocument(bytes)
        #expect(parsed.value["x-uses"] == ["kind": "anchored"])
        #expect(JSONWriter.compact.string(parsed.value) == (try Self.whole(bytes)))
    }

    @Test func errorsInALargeDocumentAreReportedAsForTheWhole() throws {
        var bytes = Self.document(schemas: 4000)
        bytes += Array("broken: [unclosed\n".utf8)
        #expect(throws: YAMLError.self) { try YAMLLoader().loadDocument(bytes) }
        let message = try? YAMLLoader().loadAll(bytes)
        #expect(message == nil)
    }

    @Test func textsTheCutDoesNotUnderstandAreNotCut() {
        let plain = Self.document(schemas: 4000)
        #expect(YAMLSplit.find(in: Array("%YAML 1.2\n---\n".utf8) + plain) == nil)
        #expect(YAMLSplit.find(in: plain + Array("---\nsecond: document\n".utf8)) == nil)
        #expect(YAMLSplit.find(in: Array("- a sequence\n".utf8) + plain) == nil)
        #expect(YAMLSplit.find(in: Array(plain.prefix(100_000))) == nil)
    }

    @Test func theBenchmarkDocumentReadsTheSameAsItsJSONTwin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-split-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.shared("tools/synth-spec.py").path, folder.path, "400"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let yaml = try Fixtures.bytes(folder.appendingPathComponent("big.yaml"))
        #expect(YAMLSplit.find(in: yaml) != nil)
        let fromYAML = try YAMLLoader().loadDocument(yaml).value
        let fromJSON = try JSONParser.parse(try Fixtures.bytes(folder.appendingPathComponent("big.json")))
        #expect(JSONWriter.compact.string(fromYAML) == JSONWriter.compact.string(fromJSON))
    }
}
