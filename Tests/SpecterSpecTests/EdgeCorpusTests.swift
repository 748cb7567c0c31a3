import Foundation
import Testing
import SpecterSpec
import TestSupport

/// The ~1 480 edge-case and broken documents in ../shared/edge, each against what its manifest
/// says: an OpenAPI document loads with the operation count listed; a fragment, another kind of
/// document, an unsupported version or a broken file fails with an error that names its place.
/// References that leave the document's folder or go to the network are refused by default (and
/// then the refusal is the expected, located error); with them allowed, local ones load as listed.
@Suite struct EdgeCorpusTests {
    struct Entry: Sendable, CustomStringConvertible {
        var path: String
        var version: String
        var operations: Int?
        var notes: String

        var description: String { path }

        /// OpenAPI 2 or 3 (Specter also takes versions written short, `3.0` or `2`); not 1.2, not 4.
        var isOpenAPI: Bool {
            version.range(of: #"^(2(\.0)?|3(\.\d+){0,2})$"#, options: .regularExpression) != nil && !notes.contains("PARSE ERROR")
        }

        /// Upstream's validators reject it (a bad parameter location, a duplicate parameter): Specter
        /// is an explorer, not a validator, and may load it; if it does, the operations must be right.
        var upstreamInvalid: Bool { notes.contains("expected INVALID") }

        /// The manifest counted operations without resolving some path items, so there may be more.
        var countIsALowerBound: Bool { notes.contains("path items unresolved") }

        var hasRemoteReferences: Bool { notes.contains("URL $refs") }
    }

    /// Files whose manifest line does not describe them, and why.
    static let misdescribed = [
        "kin-openapi/openapi2conv/testdata/swagger.json": "a symbolic link checked out as a one-line file holding its target's path: not a document",
    ]

    static let entries: [Entry] = {
        guard let manifest = try? String(contentsOf: Fixtures.shared("edge/MANIFEST.tsv"), encoding: .utf8) else { return [] }
        return manifest.split(separator: "\n").dropFirst().map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Entry(path: columns[0], version: columns[6], operations: Int(columns[7]), notes: columns.count > 8 ? columns[8] : "")
        }
    }()

    @Test func everyDocumentDoesWhatItsManifestSays() async throws {
        #expect(Self.entries.count > 1400)
        var wrong: [String] = []
        var tally = (loaded: 0, failed: 0, refused: 0)
        for entry in Self.entries {
            let url = Fixtures.shared("edge/" + entry.path)
            do {
                let document = try await SpecLoader().load(url: url, displayName: entry.path)
                tally.loaded += 1
                wrong += Self.check(document, against: entry)
            } catch {
                tally.failed += 1
                if error.location == nil { wrong.append("\(entry.path): an error without a place: \(error)") }
                guard entry.isOpenAPI, !entry.upstreamInvalid, Self.misdescribed[entry.path] == nil else { continue }
                guard error.description.contains("refused reference") else {
                    wrong.append("\(entry.path) (\(entry.version)): failed: \(error)")
                    continue
                }
                tally.refused += 1
                // Refused by default; allowed, a document with only local references loads as listed.
                guard !entry.hasRemoteReferences else { continue }
                do {
                    let document = try await SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: true))).load(url: url, displayName: entry.path)
                    wrong += Self.check(document, against: entry)
                } catch {
                    wrong.append("\(entry.path): failed with references allowed: \(error)")
                }
            }
        }
        print("edge corpus: \(Self.entries.count) documents; \(tally.loaded) loaded, \(tally.failed) failed with a located error (\(tally.refused) of them for references leaving the document's folder), \(wrong.count) not as the manifest says")
        #expect(wrong.isEmpty, "\(wrong.count) documents not as the manifest says:\n\(wrong.joined(separator: "\n"))")
    }

    static func check(_ document: APIDocument, against entry: Entry) -> [String] {
        let count = document.operations.count
        if let reason = misdescribed[entry.path] { return ["\(entry.path) loaded, but it is \(reason)"] }
        guard entry.isOpenAPI else { return ["\(entry.path) (\(entry.version.isEmpty ? entry.notes : entry.version)): loaded with \(count) operations, should fail"] }
        guard let expected = entry.operations else { return [] }
        if entry.countIsALowerBound ? count < expected : count != expected {
            return ["\(entry.path): \(count) operations, the manifest says \(entry.countIsALowerBound ? "at least " : "")\(expected)"]
        }
        return []
    }
}
