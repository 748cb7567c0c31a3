import Foundation
import SpecterApp
import SpecterHTTP
import SpecterSpec
import SpecterTerminal

/// `stream-keys [KEYS]`: keystrokes in the explorer while an endless Server-Sent Events stream arrives
/// at full speed from the streams test app (`/endless`, each event checked against its item schema),
/// run as a process of its own so its peak memory is its own. Each key's time is from the moment the
/// terminal hands it over to the frame that shows it written (the loop drains the events that came
/// meanwhile, updates and draws). Goals: keystrokes under 16 ms, memory under 100 MB, over at least
/// 10 000 events.
enum StreamBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        let keys = arguments.first.flatMap(Int.init) ?? 300
        guard let server = TestApp.start("fastapi-streams") else {
            print("cannot start the streams test server: run `swift test` once (it creates .test-venv), or set SPECTER_TEST_VENV")
            exit(2)
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        print("streams server at \(base): GET /endless, events as fast as it makes them; \(keys) keys, one every 10 ms, in the explorer")
        guard let run = ChildRun.run(CommandLine.arguments[0], ["stream-keys-child", base, String(keys)]) else {
            print("the explorer child did not run")
            exit(1)
        }
        print(run.output.trimmingCharacters(in: .whitespacesAndNewlines))
        print(String(format: "peak memory of the explorer process: %.1f MB (goal < 100 MB)", run.peakMB))
    }

    /// The child: the real `AppRunner` on an in-memory terminal opens `/endless`, sends it, moves
    /// through the events with ↓ while they arrive, stops the stream with Esc, and quits.
    @MainActor static func child(_ arguments: [String]) async {
        guard arguments.count == 2, let keys = Int(arguments[1]) else { exit(2) }
        let terminal = MemoryTerminal(size: Size(width: 160, height: 48))
        terminal.patience = .seconds(60)
        var script: [MemoryTerminal.Step] = [
            .type(after: "Endpoints · ", "/endless"),
            .keys(after: "GET    /endless", .enter),
            .keys(after: "GET /endless", KeyPress(.function(5))),
            .keys(after: "● open", .tab),
        ]
        let firstKey = script.count
        for _ in 0..<keys {
            var step = MemoryTerminal.Step.keys(KeyPress(.down))
            step.pause = .milliseconds(10)
            script.append(step)
        }
        script += [.keys(.escape), .keys(after: "■ cancelled", .control("c")), .type(after: "Quit Specter?", "q")]
        terminal.script = script
        let runner = AppRunner(terminal: terminal, source: .argument(arguments[0], LoadOptions()), client: URLSessionHTTPClient(), environment: [:],
                               workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let screenAtEnd = ScreenCapture()
        runner.onFrame = { _ in if terminal.screen.frame.text.contains("■ cancelled") { screenAtEnd.keep(terminal.screen.frame.text) } }
        _ = await runner.run()
        if let stalled = terminal.stalled {
            print("stalled waiting for \(stalled.text):\n\(stalled.screen)")
            exit(1)
        }
        let delivered = Array(terminal.deliveries[firstKey..<(firstKey + keys)])
        let latencies = delivered.compactMap { key in terminal.writeTimes.first { $0 >= key }.map { ($0 - key).milliseconds } }.sorted()
        guard !latencies.isEmpty else {
            print("no frame followed the keys")
            exit(1)
        }
        let received = screenAtEnd.text.flatMap(Self.eventCount) ?? 0
        guard received >= 10_000 else {
            print("only \(received) events arrived: fewer than the 10 000 the goal is about")
            exit(1)
        }
        let streamSeconds = (delivered[delivered.count - 1] - delivered[0]).milliseconds / 1000
        print(String(format: "events received by the time the stream was stopped: %d (the keys took %.2f s)", received, streamSeconds))
        print(String(format: "keystroke to frame: median %.2f ms, p99 %.2f ms, max %.2f ms over %d keys (goal < 16 ms)",
                     latencies[latencies.count / 2], latencies[min(latencies.count - 1, latencies.count * 99 / 100)], latencies[latencies.count - 1], latencies.count))
    }

    /// `12 345 events` (or `12345 events`) in the stream pane's second line.
    static func eventCount(_ screen: String) -> Int? {
        guard let range = screen.range(of: #"[0-9][0-9 ]* events"#, options: .regularExpression) else { return nil }
        return Int(screen[range].filter(\.isNumber))
    }

    /// The last screen seen while the stream showed as cancelled.
    final class ScreenCapture {
        private(set) var text: String?
        func keep(_ screen: String) { text = screen }
    }
}
