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
}
