import Foundation
import SpecterHTTP
import SpecterApp
import SpecterSpec
import SpecterTerminal

/// `explorer FILE`: the explorer's speed on a real document — the first full frame (load, the
/// workspace and its index, render, the bytes to the terminal) beside the spec engine's bare load
/// of the same file, and one filter keystroke (update + render + diff).
enum ExplorerBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            print("usage: specter-bench explorer FILE [RUNS]")
            exit(2)
        }
        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 7 : 7
        let bytes = Array(data)
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let size = Size(width: 160, height: 48)
        let (bare, first) = await Timing.interleavedMedians(runs, {
            try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        }, {
            let document = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
            var state = AppState(size: size, source: path, theme: .colour)
            _ = state.update(.loaded(document, isDemo: false))
            var renderer = FrameRenderer(capabilities: TerminalCapabilities())
            return (state, renderer.render(AppView.render(state)))
        })
        let document = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        print("file: \(path), \(document.operations.count + document.webhooks.count) operations, \(runs) runs each, medians, \(size) screen")
        print(Timing.row("spec engine load", bare))
        print(Timing.row("first full frame", first) + String(format: "  ratio %.2fx (goal ≤ 1.5x)", first / bare))

        var state = AppState(size: size, source: path, theme: .colour)
        _ = state.update(.loaded(document, isDemo: false))
        var renderer = FrameRenderer(capabilities: TerminalCapabilities())
        _ = renderer.render(AppView.render(state))
        _ = state.update(.input(.key(.character("/"))))
        var times: [Double] = []
        for character in "get users id" {
            let start = ContinuousClock.now
            _ = state.update(.input(.key(.character(character))))
            let bytes = renderer.render(AppView.render(state))
            times.append((ContinuousClock.now - start).milliseconds)
            _ = bytes
        }
        for _ in 0..<6 {
            let start = ContinuousClock.now
            _ = state.update(.input(.key(.backspace)))
            _ = renderer.render(AppView.render(state))
            times.append((ContinuousClock.now - start).milliseconds)
        }
        let sorted = times.sorted()
        print(Timing.row("filter keystroke + render, median", sorted[sorted.count / 2]) + "  (goal < 16 ms)")
        print(Timing.row("  slowest of \(times.count)", sorted[sorted.count - 1]))

    }
}
