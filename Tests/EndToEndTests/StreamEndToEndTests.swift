import Foundation
import Testing
import TestSupport

/// Streams through the real binary in tmux: the explorer shows an endless stream's entries and
/// state, stays within its memory bound, keeps answering keys and stops on Esc; `call` stops on
/// Ctrl-C with exit 0.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct StreamEndToEndTests {
    static func launch(_ arguments: String) -> String {
        "cd '\(Fixtures.packageRoot.path)' && '\(SpecterBinary.path)' \(arguments) 2>&1; echo \"EXIT=$?\"; sleep 600"
    }

    /// Resident memory of a process, in bytes.
    static func residentBytes(_ pid: Int32) async throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    @Test func theExplorerShowsAnEndlessStreamWithinBoundsAndEscStopsIt() async throws {
        let base = try await TestServers.shared.url(for: .streams)
        let tmux = try Tmux(Self.launch("'\(base.absoluteString)/openapi.json'"), width: 120, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · 6")
        try tmux.type("/")
        try tmux.type("endless")
        try tmux.keys("Enter")
        try await tmux.waitFor("GET /endless")
        try tmux.keys("F5")
        try await tmux.waitFor("● open")
        let busy = try await tmux.waitFor("thousands of events", timeout: 20) { screen in
            screen.contains("dropped") && screen.split(separator: "\n").contains { $0.contains("events ·") && $0.contains("00 events") }
        }
        #expect(busy.contains("the newest 1000 shown"))
        let pid = try #require(try tmux.childPID())
        // Keys are answered while events pour in: F1 opens help and Esc closes it.
        let asked = ContinuousClock.now
        try tmux.keys("F1")
        try await tmux.waitFor("Keys · ")
        #expect(ContinuousClock.now - asked < .seconds(1), "help took \(ContinuousClock.now - asked) to show")
        try tmux.keys("Escape")
        try await tmux.waitFor("help closed") { !$0.contains("Keys · ") }
        try await Task.sleep(for: .seconds(2))
        let memory = try await Self.residentBytes(pid)
        #expect(memory < 100 << 20, "the explorer holds \(memory >> 20) MB while the stream runs")
        try tmux.keys("Escape")
        let stopped = try await tmux.waitFor("■ cancelled")
        #expect(stopped.contains("Stream cancelled"))
        let counted = stopped.split(separator: "\n").first { $0.contains(" events · ") }.map(String.init) ?? ""
        try await Task.sleep(for: .milliseconds(500))
        #expect(try tmux.screen().contains(counted), "no event arrives after Esc")
        try tmux.keys("C-c")
        try await tmux.waitFor("EXIT=0")
    }

    @Test func theExplorerShowsAFiniteStreamClosedByTheServer() async throws {
        let base = try await TestServers.shared.url(for: .streams)
        let tmux = try Tmux(Self.launch("'\(base.absoluteString)/openapi.json'"), width: 120, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · 6")
        try tmux.type("/")
        try tmux.type("finite event")
        try tmux.keys("Enter")
        try await tmux.waitFor("GET /sse")
        try tmux.keys("F5")
        let screen = try await tmux.waitFor("■ closed by server")
        #expect(screen.contains("5 events · 1 invalid"))
        #expect(screen.contains("#0 greeting id=1  hello⏎world"))
        #expect(screen.contains("#3 ✗ surprise id=2  not in the enum"))
    }

    @Test func callStopsOnCtrlCWithSuccess() async throws {
        let base = try await TestServers.shared.url(for: .streams).absoluteString
        let command = "cd '\(Fixtures.packageRoot.path)' && '\(SpecterBinary.path)' call '\(base)/openapi.json' trickle_trickle_get --server '\(base)' "
            + "-p count=100 -p interval=0.3; echo \"EXIT=$?\"; sleep 600"
        let tmux = try Tmux(command, width: 160, height: 20)
        defer { tmux.kill() }
        try await tmux.waitFor("#1 tick id=1")
        try tmux.keys("C-c")
        let screen = try await tmux.waitFor("EXIT=0")
        #expect(screen.contains("specter: stream cancelled · "))
        #expect(!screen.contains("#99 tick"))
    }
}
