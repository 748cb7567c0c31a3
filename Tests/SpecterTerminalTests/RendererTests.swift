import Testing
@testable import SpecterTerminal

/// The renderer's contract: after its bytes, the terminal shows exactly the frame, and it wrote
/// only what changed.
@Suite struct RendererTests {
    /// A small deterministic generator, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let styles: [Style] = [
        .plain, .bold, .reverse, Style(foreground: .green), Style(foreground: .rgb(250, 128, 0), background: .indexed(236)),
        Style(background: .blue), Style(foreground: .ansi(9), attributes: [.underline, .dim]),
    ]
    static let texts = ["GET", "/pets/{id}", "漢字", "e\u{301}", "·", "x", "  ", "列表 rows", "ok"]

    static func randomFrame(_ size: Size, _ generator: inout Generator) -> CellBuffer {
        var frame = CellBuffer(size: size)
        for _ in 0..<(size.width * size.height / 4) {
            let text = texts[generator.next(texts.count)]
            frame.draw(text, at: Point(x: generator.next(size.width), y: generator.next(size.height)), style: styles[generator.next(styles.count)])
        }
        if generator.next(3) == 0 { frame.fill(Rect(x: generator.next(size.width), y: generator.next(size.height), width: 30, height: 2), style: Style(background: .blue)) }
        frame.cursor = generator.next(2) == 0 ? nil : Point(x: generator.next(size.width), y: generator.next(size.height))
        return frame
    }

    @Test(arguments: [ColorDepth.truecolor, .indexed256, .ansi16, .none])
    func theScreenShowsEveryFrameExactly(depth: ColorDepth) {
        var generator = Generator(state: 42)
        let size = Size(width: 37, height: 9)
        var renderer = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: depth, backgroundColorErase: depth != .ansi16))
        var screen = ScreenEmulator(size: size)
        for _ in 0..<200 {
            let frame = Self.randomFrame(size, &generator)
            screen.apply(renderer.render(frame))
            let shown = screen.frame
            #expect(shown.cursor == frame.cursor)
            for y in 0..<size.height {
                #expect(shown.line(y) == frame.line(y))
                for x in 0..<size.width where frame[x, y].content != .continuation {
                    let wanted = frame[x, y].style
                    let expected = Style(foreground: ColorDowngrade.color(wanted.foreground, for: depth),
                                         background: ColorDowngrade.color(wanted.background, for: depth), attributes: wanted.attributes)
                    #expect(shown[x, y].style == expected, "cell \(x),\(y)")
                }
            }
        }
    }

    @Test func anUnchangedFrameWritesNothingButTheCursorState() {
        var frame = CellBuffer(size: Size(width: 80, height: 24))
        frame.draw("hello", at: Point(x: 3, y: 4), style: .bold)
        var renderer = FrameRenderer(capabilities: TerminalCapabilities())
        _ = renderer.render(frame)
        #expect(renderer.render(frame).isEmpty)
    }

    @Test func movingTheSelectionOneRowRewritesOnlyTwoRows() {
        let size = Size(width: 200, height: 60)
        func frame(selected: Int) -> CellBuffer {
            var buffer = CellBuffer(size: size)
            ListView.draw(rowCount: 1000, row: { index in
                ListRow(.item, [Span("GET  ", .bold), Span("/api/v1/resources/\(index)/items"), Span("  List the items of resource \(index)", .dim)])
            }, state: ListState(selection: selected), focused: true, palette: Palette(selection: Style(background: .indexed(24))),
                in: buffer.bounds, into: &buffer)
            return buffer
        }
        var renderer = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: .indexed256, backgroundColorErase: true))
        var screen = ScreenEmulator(size: size)
        screen.apply(renderer.render(frame(selected: 3)))
        let bytes = renderer.render(frame(selected: 4))
        screen.apply(bytes)
        #expect(bytes.count < 200, "moving the selection wrote \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        #expect(screen.frame.cells == frame(selected: 4).cells)
    }

    @Test func coloursFallBackToWhatTheTerminalShows() {
        var frame = CellBuffer(size: Size(width: 10, height: 1))
        frame.draw("x", at: Point(x: 0, y: 0), style: Style(foreground: .rgb(255, 0, 0), attributes: .bold))
        func output(_ depth: ColorDepth) -> String {
            var renderer = FrameRenderer(capabilities: TerminalCapabilities(colorDepth: depth))
            return String(decoding: renderer.render(frame), as: UTF8.self)
        }
        #expect(output(.truecolor).contains("\u{1B}[0;1;38;2;255;0;0mx"))
        #expect(output(.indexed256).contains("\u{1B}[0;1;38;5;196mx"))
        #expect(output(.ansi16).contains("\u{1B}[0;1;91mx"))
        #expect(output(.none).contains("\u{1B}[0;1mx"))
    }

    @Test func colorDepthFollowsTheEnvironment() {
        #expect(ColorDepth.from(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminfoColors: 256) == .none)
        #expect(ColorDepth.from(environment: ["COLORTERM": "truecolor"], terminfoColors: 8) == .truecolor)
        #expect(ColorDepth.from(environment: [:], terminfoColors: 256) == .indexed256)
        #expect(ColorDepth.from(environment: [:], terminfoColors: 8) == .ansi16)
        #expect(ColorDepth.from(environment: ["TERM": "dumb"], terminfoColors: 8) == .none)
        #expect(ColorDepth.from(environment: ["NO_COLOR": ""], terminfoColors: 0) == .none)
    }

    @Test func paletteColoursMapToTheirNearestNeighbours() {
        #expect(ColorDowngrade.indexed256(0, 0, 0) == 16)
        #expect(ColorDowngrade.indexed256(255, 255, 255) == 231)
        #expect(ColorDowngrade.indexed256(128, 128, 128) == 244)
        #expect(ColorDowngrade.color(.indexed(196), for: .ansi16) == .ansi(9))
        #expect(ColorDowngrade.color(.ansi(2), for: .none) == .standard)
    }
}
