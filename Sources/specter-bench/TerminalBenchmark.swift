import Foundation
import SpecterHTTP
import SpecterSpec
import SpecterTerminal

/// `terminal [SPEC]`: the toolkit's speed goals, each beside the goal — a full 200×60 render of list
/// rows, the bytes written when the selection moves one row in a 1 000-row list, and fuzzy filtering
/// of 50 000 strings per keystroke. With SPEC, the list rows are that document's endpoints as the
/// explorer lists them (method, path, summary); without, synthetic rows of about 90 characters.
enum TerminalBenchmark {
    static let size = Size(width: 200, height: 60)
    static let palette = Palette(accent: Style(foreground: .cyan, attributes: .bold), selection: Style(background: .indexed(24), attributes: .bold))

    static func syntheticRow(_ index: Int) -> ListRow {
        let methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
        let method = methods[index % methods.count]
        return ListRow(.item, [Span(method.padding(toLength: 7, withPad: " ", startingAt: 0), Style(foreground: .green, attributes: .bold)),
                               Span("/api/v1/resources/\(index)/items"), Span("  List the items of resource \(index)", .dim)],
                       trailing: [Span("resources", .dim)])
    }

    static func frame(selected: Int, rows: (Int) -> ListRow) -> CellBuffer {
        var buffer = CellBuffer(size: size)
        ListView.draw(rowCount: 1000, row: rows, state: ListState(selection: selected, offset: 480), focused: true, palette: palette,
                      in: buffer.bounds, into: &buffer)
        return buffer
    }

    @MainActor static func run(_ arguments: [String]) async {
        let runs = 200
        var rows: (Int) -> ListRow = syntheticRow
        var source = "synthetic rows of ~90 characters"
        if let path = arguments.first, let document = try? await SpecLoader().load(path), !document.operations.isEmpty {
            let operations = document.operations
            rows = { index in
                let operation = operations[index % operations.count]
                return ListRow(.item, [Span(operation.method.padding(toLength: 7, withPad: " ", startingAt: 0), Style(foreground: .green, attributes: .bold)),
                                       Span(operation.path), Span("  " + (operation.summary ?? ""), .dim)])
            }
            let lengths = operations.prefix(1000).map { 9 + $0.path.count + 2 + ($0.summary?.count ?? 0) }.sorted()
            source = "\(path)'s endpoints as the explorer lists them (median row \(lengths[lengths.count / 2]) characters)"
        }
        print("list rows: \(source)")
        let full = await Timing.median(runs) { () -> [UInt8] in
            var renderer = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: .indexed256))
            return renderer.render(frame(selected: 490, rows: rows))
        }
        print(Timing.row("full render 200×60 (draw + bytes)", full) + "  (goal < 1 ms)")

        var renderer = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: .indexed256, backgroundColorErase: true))
        _ = renderer.render(frame(selected: 500, rows: rows))
        let moved = renderer.render(frame(selected: 501, rows: rows))
        print("bytes written to move the selection one row: \(moved.count)  (goal < 200)")
        if ProcessInfo.processInfo.environment["SPECTER_BENCH_SHOW_BYTES"] != nil { print(String(decoding: moved, as: UTF8.self).debugDescription) }
        var plain = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: .none, backgroundColorErase: false))
        _ = plain.render(frame(selected: 500, rows: rows))
        print("  the same without colour or bce:           \(plain.render(frame(selected: 501, rows: rows)).count)")

        let words = ["users", "orders", "payments", "invoices", "accounts", "projects", "teams", "webhooks", "tokens", "reports"]
        let candidates = (0..<50_000).map { index in
            FuzzyCandidate("\(["GET", "POST", "PUT", "DELETE"][index % 4]) /v\(index % 3)/\(words[index % 10])/{id}/\(words[(index / 10) % 10]) list\(words[index % 7].capitalized)\(index) Lists the \(words[(index / 7) % 10]) of a \(words[index % 10])")
        }
        var times: [Double] = []
        var counts: [Int] = []
        for query in ["g", "ge", "get", "get ", "get u", "get us", "get use", "get user", "get users", "get users o"] {
            let start = ContinuousClock.now
            let matcher = FuzzyMatcher(query)
            var matched: [(Int, Int)] = []
            for (index, candidate) in candidates.enumerated() {
                if let match = matcher.match(candidate) { matched.append((index, match.score)) }
            }
            matched.sort { $0.1 > $1.1 }
            times.append((ContinuousClock.now - start).milliseconds)
            counts.append(matched.count)
        }
        let sorted = times.sorted()
        print(Timing.row("fuzzy filter 50 000 strings, median", sorted[sorted.count / 2]) + "  (goal < 10 ms)")
        print(Timing.row("  slowest keystroke", sorted[sorted.count - 1]) + "  (matches per keystroke: \(counts.map(String.init).joined(separator: ", ")))")
    }
}
