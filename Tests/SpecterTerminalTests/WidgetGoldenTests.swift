import Testing
import SpecterTerminal
import TestSupport

/// Every widget drawn into a small buffer and compared with its golden frame in `Golden/`.
@Suite struct WidgetGoldenTests {
    static let folder = "Tests/SpecterTerminalTests/Golden"
    static let palette = Palette(accent: Style(foreground: .cyan, attributes: .bold), selection: Style(background: .blue, attributes: .bold),
                                 header: Style(foreground: .yellow, attributes: .bold), key: Style(foreground: .cyan, attributes: .bold),
                                 matched: Style(foreground: .magenta, attributes: .underline), error: Style(foreground: .red, attributes: .bold))

    func golden(_ name: String, width: Int = 40, height: Int = 8, _ draw: (inout CellBuffer) -> Void) {
        var buffer = CellBuffer(size: Size(width: width, height: height))
        draw(&buffer)
        Golden.check(buffer, name, in: Self.folder)
    }

    static let groups: [(String, [String])] = [("pets", ["GET /pets", "POST /pets", "GET /pets/{id}"]), ("store", ["GET /store/inventory"]), ("user", ["POST /user"])]

    static func rows(collapsed: Set<String>) -> [ListRow] {
        groups.flatMap { name, items -> [ListRow] in
            let header = ListRow(.header(collapsed: collapsed.contains(name)), [Span(name, palette.header)], trailing: [Span("\(items.count)", .dim)])
            return [header] + (collapsed.contains(name) ? [] : items.map { ListRow(.item, [Span($0)]) })
        }
    }

    @Test func listWithGroupsAndSelection() {
        let rows = Self.rows(collapsed: ["store"])
        golden("list-groups") { buffer in
            ListView.draw(rowCount: rows.count, row: { rows[$0] }, state: ListState(selection: 2), focused: true, palette: Self.palette,
                          in: buffer.bounds, into: &buffer)
        }
    }

    @Test func listOfFiftyThousandRowsScrolled() {
        golden("list-virtualised", height: 5) { buffer in
            ListView.draw(rowCount: 50_000, row: { ListRow(.item, [Span("row \($0)")]) }, state: ListState(selection: 31_337, offset: 31_335),
                          focused: false, palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func listRowsWithFuzzyHighlights() {
        let texts = ["GET /pet/findByStatus", "GET /pet/findByTags"]
        let matcher = FuzzyMatcher("fbs")
        golden("list-fuzzy", height: 3) { buffer in
            ListView.draw(rowCount: texts.count, row: { index in
                let positions = matcher.match(FuzzyCandidate(texts[index]))?.positions ?? []
                return ListRow(.item, FuzzyMatch.highlight(texts[index], positions: positions, style: .plain, matched: Self.palette.matched))
            }, state: ListState(selection: 0), focused: true, palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func textInputScrollsToTheCursor() {
        var input = TextInput("héllo wörld 漢字 and a long tail of text")
        golden("text-input", width: 20, height: 3) { buffer in
            input.draw(in: Rect(x: 1, y: 0, width: 18, height: 1), focused: true, style: .underline, into: &buffer)
            var empty = TextInput()
            empty.draw(in: Rect(x: 1, y: 2, width: 18, height: 1), focused: false, style: .plain, placeholder: "filter…", into: &buffer)
        }
    }

    @Test func textEditorWithLineNumbersAndErrors() {
        var editor = TextEditor("{\n  \"name\": \"Rex\",\n  \"age\": \"three\"\n}")
        editor.errorLines = [2]
        golden("text-editor", width: 30, height: 5) { buffer in
            editor.draw(in: buffer.bounds, focused: true, palette: Self.palette, into: &buffer)
        }
    }

    @Test func scrollViewOfLongText() {
        let lines = (1...40).map { [Span("line \($0)", $0 % 2 == 0 ? .dim : .plain)] }
        golden("scroll-view", width: 20, height: 6) { buffer in
            ScrollView.draw(lines, state: ScrollState(top: 10), palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func tabsMarkTheSelectedOne() {
        golden("tabs", width: 40, height: 1) { buffer in
            Tabs.draw(["Body", "Headers", "Request"], selected: 1, focused: true, palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func splitPaneDividesTheArea() {
        golden("split-pane", width: 30, height: 4) { buffer in
            let split = SplitPane(.horizontal, ratio: 0.3, minimum: 5)
            let (left, right) = split.layout(buffer.bounds)
            buffer.draw("left pane", at: Point(x: left.x, y: left.y), clip: left)
            buffer.draw("right pane", at: Point(x: right.x, y: right.y), clip: right)
            split.drawDivider(in: buffer.bounds, style: .dim, into: &buffer)
        }
    }

    @Test func dialogInTheMiddle() {
        let dialog = Dialog(title: "Quit?", lines: [[Span("You have unsent input.")]], choices: ["Quit", "Stay"], selected: 1)
        golden("dialog", width: 40, height: 9) { buffer in
            buffer.draw(String(repeating: "background ", count: 4), at: Point(x: 0, y: 4))
            dialog.draw(palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func statusBarFitsTheHintsItCan() {
        golden("status-bar", width: 50, height: 1) { buffer in
            StatusBar.draw(left: [Span("BROWSE", .bold)], hints: [KeyHint("/", "filter"), KeyHint("Enter", "open"), KeyHint("?", "help"), KeyHint("q", "quit"), KeyHint("F5", "send")],
                           palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func helpOverlayListsBindings() {
        golden("help-overlay", width: 44, height: 14) { buffer in
            HelpOverlay.draw(title: "Keys", sections: [("Browse", [KeyHint("/", "filter endpoints"), KeyHint("Enter", "open")]), ("Everywhere", [KeyHint("?", "this help"), KeyHint("q", "quit")])],
                             palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func spinnerAndToast() {
        golden("spinner-toast", width: 40, height: 3) { buffer in
            buffer.draw(Spinner.frame(3) + " sending… 1.2 s", at: Point(x: 0, y: 0), style: Self.palette.accent)
            Toast("copied as curl", kind: .success, expires: 10).draw(palette: Self.palette, in: buffer.bounds, into: &buffer)
        }
    }

    @Test func boxWithTitle() {
        golden("box", width: 20, height: 4) { buffer in
            let inner = Box.draw(buffer.bounds, title: "Response 200", style: .dim, titleStyle: .bold, into: &buffer)
            buffer.draw("inside", at: Point(x: inner.x, y: inner.y))
        }
    }
}
