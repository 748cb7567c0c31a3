import Foundation
import SpecterApp
import SpecterHTTP
import SpecterSpec
import SpecterTerminal

/// `bodies [MB] [RUNS]`: large and hostile response bodies from the hostile test server, each run as its
/// own process so its peak memory is its own: `specter call -o` and a summarised `call` against
/// `curl -o` on the same body, a gzip bomb (10 MB expanding to 10 GiB) against curl fetching its
/// compressed bytes, and the explorer receiving and showing the body.
enum BodyBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        let megabytes = arguments.first.flatMap(Int.init) ?? 500
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let specter = beside.appendingPathComponent("specter").path
        guard FileManager.default.isExecutableFile(atPath: specter) else {
            print("build the command too: swift build -c release --product specter")
            exit(2)
        }
        guard let server = TestApp.start("hostile") else {
            print("cannot start the hostile test server: run `swift test` once (it creates .test-venv), or set SPECTER_TEST_VENV")
            exit(2)
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-bodies-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        print("hostile server at \(base); a \(megabytes) MB JSON body; each line one process: wall time, its own peak memory")

        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 3 : 3
        print("each line: \(runs) runs, median (and range) of the wall time and of the process's peak memory")
        /// Runs a command `runs` times and prints its medians and ranges; returns the last run (for its output).
        @discardableResult
        func measure(_ label: String, _ executable: String, _ arguments: [String], note: (ChildRun) -> String = { _ in "" }) -> ChildRun? {
            let results = (0..<runs).compactMap { _ in ChildRun.run(executable, arguments) }
            guard let last = results.last else {
                print(label + ": could not run")
                return nil
            }
            let seconds = results.map(\.seconds).sorted(), peaks = results.map(\.peakMB).sorted()
            print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: "%5.2f s (%.2f–%.2f)  %6.1f MB peak (%.1f–%.1f)  exit %d", seconds[runs / 2], seconds[0], seconds[runs - 1],
                         peaks[runs / 2], peaks[0], peaks[runs - 1], last.status) + " " + note(last))
            return last
        }
        let big = ["call", base, "big", "-p", "mb=\(megabytes)"]
        measure("specter call -o FILE", specter, big + ["-o", folder.appendingPathComponent("specter.json").path])
        measure("baseline: curl -o FILE", "curl", ["-s", "-o", folder.appendingPathComponent("curl.json").path, base + "/big?mb=\(megabytes)"])
        measure("specter call (summary printed)", specter, big) { "\"" + ($0.output.split(separator: "\n").first.map(String.init) ?? "") + "\"" }
        let bomb = measure("specter call: gzip bomb (10 MB → 10 GiB)", specter, ["call", base, "bomb"])
        if let message = bomb?.output.split(separator: "\n").first(where: { $0.contains("expands") }) { print("  says: " + message) }
        measure("baseline: curl fetching the bomb's 10 MB", "curl", ["-s", "-o", "/dev/null", base + "/bomb"])
        measure("explorer: send, show, scroll to the end", CommandLine.arguments[0], ["explorer-body", base, String(megabytes)]) {
            $0.output.split(separator: "\n").last.map(String.init) ?? ""
        }
    }

    /// The child the explorer line measures: the real `AppRunner` on an in-memory terminal sends the
    /// request, shows the body (read from its file), goes to its last line, and quits.
    @MainActor static func explorerChild(_ arguments: [String]) async {
        guard arguments.count == 2 else { exit(2) }
        let terminal = MemoryTerminal(size: Size(width: 160, height: 48))
        terminal.patience = .seconds(120)
        terminal.script = [
            .type(after: "Endpoints · ", "/big"),
            .keys(after: "GET    /big", .enter),
            .type(after: "GET /big", arguments[1]),
            .keys(KeyPress(.function(5))),
            .keys(after: "200 OK", .tab),
            .keys(after: "read from its file", .character("G")),
            .keys(.control("c")),
            .type(after: "Quit Specter?", "q"),
        ]
        let runner = AppRunner(terminal: terminal, source: .argument(arguments[0], LoadOptions()), client: URLSessionHTTPClient(), environment: [:],
                               workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let start = ContinuousClock.now
        _ = await runner.run()
        if let stalled = terminal.stalled {
            print("stalled waiting for \(stalled.text)")
            exit(1)
        }
        let shown = terminal.deliveries.count > 4 ? (terminal.deliveries[4] - start).timeInterval : 0
        print(String(format: "response shown after %.2f s", shown))
    }
}
