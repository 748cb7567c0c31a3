import Foundation
import Testing
import TestSupport

/// `specter replay` in a real terminal (tmux) against the FastAPI app: the progress line counts while
/// a slow request runs, and the finished screen holds only the result lines and the summary.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ReplayEndToEndTests {
    @Test func theProgressLineCountsThenGivesWayToTheSummary() async throws {
        let server = try await TestServers.shared.url(for: .fastapi).absoluteString
        let folder = try Fixtures.temporaryFolder("e2e-replay").appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("calls"), withIntermediateDirectories: true)
        try Data("spec: \(server)/openapi.json\nserver: \(server)\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        try Data("name: Quick\norder: 1\noperation: GET /pets/{pet_id}\nparameters: {path: {pet_id: 1}}\nasserts: [status == 200]\n".utf8)
            .write(to: folder.appendingPathComponent("calls/quick.yaml"))
        try Data("name: Slow\norder: 2\noperation: GET /slow\nparameters: {query: {seconds: 2.5}}\n".utf8).write(to: folder.appendingPathComponent("calls/slow.yaml"))

        let tmux = try Tmux(ExplorerEndToEndTests.launch("replay '\(folder.path)'"), width: 100, height: 20, name: "replay-progress")
        defer { tmux.kill() }
        let running = try await tmux.waitFor("the progress line with the slow request's time") { $0.range(of: #"\[1/2\] Slow [1-2]\.[0-9] s"#, options: .regularExpression) != nil }
        #expect(running.contains("✓ GET /pets/1 → 200 · "))
        let done = try await tmux.waitFor("EXIT=0", timeout: 20)
        let lines = done.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("✓ GET /slow?seconds=2.5 → 200 · ") })
        #expect(lines.contains("2 passed, 0 failed"))
        #expect(!done.contains("[1/2]"), "the progress line was left on screen:\n\(done)")
    }

    /// Ctrl-C stops a check that runs beside the next request (its schema would take 30 s, the
    /// default `--timeout`, to be stopped otherwise); the next request, already answered, is not
    /// checked either.
    @Test func ctrlCStopsACheckInProgress() async throws {
        let scratch = try Fixtures.costlyCheckCollection(server: try await TestServers.shared.url(for: .fastapi))
        let tmux = try Tmux(ExplorerEndToEndTests.launch("replay '\(scratch.path)'"), width: 100, height: 20, name: "replay-costly")
        defer { tmux.kill() }
        // The request takes 20 ms; a second later its check is what runs.
        _ = try await tmux.waitFor("the check running") { $0.range(of: #"\[0/2\] Costly [1-9]\.[0-9] s"#, options: .regularExpression) != nil }
        let interrupted = ContinuousClock.now
        try tmux.keys("C-c")
        let done = try await tmux.waitFor("EXIT=130", timeout: 15)
        #expect(ContinuousClock.now - interrupted < .seconds(10), "the check ran on after Ctrl-C")
        #expect(done.contains("- Costly (calls/1.yaml): interrupted while its response was checked"), "\(done)")
        #expect(done.contains("- Plain (calls/2.yaml): interrupted while its response was checked"), "\(done)")
        #expect(done.contains("0 passed, 0 failed, 2 skipped"), "\(done)")
    }

    /// A collection `slow` against the FastAPI app, with these request files under `calls/`.
    static func slowCollection(_ label: String, _ requests: [String: String]) async throws -> URL {
        let server = try await TestServers.shared.url(for: .fastapi).absoluteString
        let folder = try Fixtures.temporaryFolder(label).appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("calls"), withIntermediateDirectories: true)
        try Data("spec: \(server)/openapi.json\nserver: \(server)\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        for (file, text) in requests { try Data(text.utf8).write(to: folder.appendingPathComponent("calls/" + file)) }
        return folder
    }

    static let quickRequest = "operation: GET /pets/{pet_id}\nparameters: {path: {pet_id: 1}}\n"
    static let slowRequest = "operation: GET /slow\nparameters: {query: {seconds: 20}}\n"

    @Test func ctrlCStillGivesTheSummaryAndTheReports() async throws {
        let folder = try await Self.slowCollection("e2e-replay-interrupt", [
            "quick.yaml": "name: Quick\norder: 1\n" + Self.quickRequest,
            "slow-2.yaml": "name: Slow 2\norder: 2\n" + Self.slowRequest,
            "slow-3.yaml": "name: Slow 3\norder: 3\n" + Self.slowRequest,
        ])
        let report = folder.deletingLastPathComponent().appendingPathComponent("junit.xml")
        let tmux = try Tmux(ExplorerEndToEndTests.launch("replay '\(folder.path)' --report 'junit:\(report.path)'"), width: 100, height: 24, name: "replay-interrupt")
        defer { tmux.kill() }
        _ = try await tmux.waitFor("the slow request running") { $0.contains("[1/3] Slow 2") }
        try tmux.keys("C-c")
        let done = try await tmux.waitFor("EXIT=130", timeout: 10)
        #expect(done.contains("1 passed, 0 failed, 2 skipped"), "\(done)")
        #expect(done.contains("- Slow 2 (calls/slow-2.yaml): interrupted while it ran"))
        #expect(done.contains("- Slow 3 (calls/slow-3.yaml): not run: the replay was interrupted"))
        let xml = String(decoding: try Fixtures.bytes(report), as: UTF8.self)
        #expect(xml.contains("tests=\"3\"") && xml.contains("<skipped message=\"not run: the replay was interrupted\"/>"), "\(xml)")
    }

    /// A second Ctrl-C ends the run at once, but not before the lines of the requests that finished
    /// behind a slow one are written (they wait for it to keep collection order), and the progress line goes.
    @Test func aSecondCtrlCStillWritesTheFinishedRequestsLines() async throws {
        var requests = ["0-slow.yaml": "name: Slow\norder: 1\n" + Self.slowRequest]
        for index in 1...5 { requests["quick-\(index).yaml"] = "name: Quick \(index)\norder: \(index + 1)\n" + Self.quickRequest }
        let folder = try await Self.slowCollection("e2e-replay-double-interrupt", requests)
        let tmux = try Tmux(ExplorerEndToEndTests.launch("replay '\(folder.path)' --jobs 3"), width: 100, height: 24, name: "replay-double-interrupt")
        defer { tmux.kill() }
        _ = try await tmux.waitFor("the quick requests done behind the slow one") { $0.contains("[5/6] Slow") }
        try tmux.keys("C-c", "C-c")
        let done = try await tmux.waitFor("EXIT=130", timeout: 10)
        for index in 1...5 { #expect(done.contains("· Quick \(index)"), "\(done)") }
        #expect(!done.contains("[5/6]"), "the progress line was left on screen:\n\(done)")
    }
}
