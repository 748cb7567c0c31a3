import Foundation
import Testing
import SpecterSpec
import TestSupport

/// Every real-world document in ../shared/specs loads, with exactly the manifest's operation count.
@Suite struct CorpusTests {
    struct Entry: CustomTestStringConvertible, Sendable {
        var path: String
        var operations: Int
        var testDescription: String { path }
    }

    /// Documents whose references leave their folder (Azure's shared `common/` types): they load only when allowed.
    static let needsExternalReferences: Set<String> = [
        "azure-subset-via-oav/specification/sql/resource-manager/Microsoft.Sql/preview/2020-02-02-preview/Databases.json",
    ]

    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: Fixtures.shared("specs/MANIFEST.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 4, let count = Int(fields[4]) else { return nil }
            return Entry(path: String(fields[0]), operations: count)
        }
    }()

    @Test func manifestIsComplete() {
        #expect(Self.entries.count == 41)
    }

    @Test(arguments: entries) func loadsWithTheManifestOperationCount(_ entry: Entry) async throws {
        let url = Fixtures.shared("specs/" + entry.path)
        let allow = Self.needsExternalReferences.contains(entry.path)
        let loader = SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: allow)))
        let document = try await loader.load(url: url, displayName: entry.path)
        #expect(document.operations.count == entry.operations, "\(entry.path)")
    }

    @Test func externalReferencesAreRefusedByDefault() async throws {
        let path = try #require(Self.needsExternalReferences.first)
        do {
            _ = try await SpecLoader().load(url: Fixtures.shared("specs/" + path), displayName: path)
            Issue.record("expected the reference to ../../../common to be refused")
        } catch {
            #expect(error.description.contains("refused reference \"../../../common/v1/types.json"))
            #expect(error.description.contains("--allow-external-refs"))
            #expect(error.location?.position != nil)
        }
    }

    /// Our own OpenAPI 3.2 document (written from the specification's examples) beside the real ones:
    /// it loads with its exact operations, and every addition of 3.2 is in the model.
    @Test func theOpenAPI32DocumentHasEveryAdditionOf32() async throws {
        let path = "Tests/SpecterSpecTests/Fixtures/openapi-3.2.yaml"
        let document = try await SpecLoader().load(url: Fixtures.package(path), displayName: path)
        #expect(document.version.description == "OpenAPI 3.2.0")
        #expect(document.operations.map { "\($0.method) \($0.path)" } == ["GET /users/{id}", "COPY /users/{id}", "LINK /users/{id}", "GET /search", "QUERY /search", "GET /events"])
        let parameters = document.operations.flatMap(\.parameters)
        #expect(parameters.contains { $0.location == .querystring }, "in: querystring")
        #expect(document.operations.contains { $0.responses.contains { $0.content.contains { $0.itemSchema != nil } } }, "itemSchema")
        #expect(document.tags.contains { $0.parent != nil && $0.kind != nil && $0.summary != nil }, "tag parent, kind, summary")
        #expect(document.servers.allSatisfy { $0.name != nil }, "server names")
        #expect(document.operations.contains { $0.responses.contains { $0.content.contains { $0.examples.contains { $0.dataValue != nil && $0.serializedValue != nil } } } },
                "examples' dataValue and serializedValue")
        #expect(document.securitySchemes.contains { scheme in
            guard case .oauth2(let flows) = scheme.kind else { return false }
            return scheme.oauth2MetadataURL != nil && flows.contains { $0.grant == .deviceAuthorization }
        }, "the device flow and oauth2MetadataUrl")
        #expect(document.documents.root?.value["$self"] != nil, "$self")
    }
}
