import Foundation
import Testing
import SpecterFuzzing
import TestSupport

/// Every input the fuzzer ever crashed on (`Regressions/TARGET/`), run through its target again: each
/// must now pass its target's checks. `.ci/run` runs this with the rest of the suite.
@Suite struct FuzzRegressionTests {
    static let folder = Fixtures.package("Tests/SpecterFuzzingTests/Regressions")

    static let inputs: [String] = {
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.contains("/") && !$0.hasSuffix(".md") }.sorted()
    }()

    @Test func theCorpusIsThere() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test(arguments: inputs)
    func replays(_ path: String) async throws {
        let target = try #require(FuzzTarget(rawValue: String(path.prefix { $0 != "/" })), "unknown target folder in \(path)")
        let bytes = try Fixtures.bytes(Self.folder.appendingPathComponent(path))
        // Targets wait for async loading as libFuzzer's synchronous callback must; on a thread of
        // their own they never hold up the test runner's few threads.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                target.run(bytes)
                done.resume()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
