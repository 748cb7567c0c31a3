import Foundation
import Testing
import SpecterSpec
import TestSupport

/// The ~1 480 edge-case and broken documents in ../shared/edge: each loads, or fails with a located error.
@Suite struct EdgeCorpusTests {
    @Test func everyDocumentLoadsOrFailsWithALocatedError() async throws {
        let manifest = try String(contentsOf: Fixtures.shared("edge/MANIFEST.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        var loaded = 0, failed = 0
        var unlocated: [String] = []
        let loader = SpecLoader()
        for path in paths {
            do {
                _ = try await loader.load(url: Fixtures.shared("edge/" + path), displayName: path)
                loaded += 1
            } catch {
                failed += 1
                if error.location == nil { unlocated.append("\(path): \(error)") }
            }
        }
        print("edge corpus: \(paths.count) documents, \(loaded) loaded, \(failed) failed with a located error, \(unlocated.count) unlocated")
        #expect(paths.count > 1400)
        #expect(unlocated.isEmpty, "\(unlocated.prefix(20))")
    }
}
