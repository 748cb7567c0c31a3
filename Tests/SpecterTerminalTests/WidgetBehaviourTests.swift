import Testing
import SpecterTerminal

@Suite struct TextInputTests {
    func typed(_ keys: [KeyPress], into text: String = "") -> TextInput {
        var input = TextInput(text)
        for key in keys { _ = input.handle(key) }
        return input
    }

    @Test func readlineKeys() {
        #expect(typed([.control("a"), .character(">")], into: "abc").text == ">abc")
        #expect(typed([.control("a"), .right, .control("k")], into: "abc").text == "a")
        #expect(typed([.left, .control("u")], into: "abc").text == "c")
        #expect(typed([.control("w")], into: "GET /pets list").text == "GET /pets ")
        #expect(typed([.alt("b"), .alt("b"), .control("e"), .character("!")], into: "one two three").text == "one two three!")
        #expect(typed([.alt("b"), .alt("d")], into: "one two").text == "one ")
    }

    @Test func editsCountCharactersNotBytes() {
        let input = typed([.backspace, .left, .backspace], into: "a漢e\u{301}字")
        #expect(input.text == "ae\u{301}")
        #expect(input.cursor == 1)
    }

    @Test func pasteBecomesOneLine() {
        var input = TextInput("x")
        input.insert("a\nb\r\nc")
        #expect(input.text == "xa b c")
    }
}

@Suite struct TextEditorTests {
    @Test func enterKeepsIndentationAndBackspaceJoinsLines() {
        var editor = TextEditor("{\n  \"a\": 1")
        _ = editor.handle(.down)
        _ = editor.handle(.end)
        _ = editor.handle(.enter)
        editor.insert("\"b\": 2")
        #expect(editor.text == "{\n  \"a\": 1\n  \"b\": 2")
        _ = editor.handle(.home)
        _ = editor.handle(.backspace)
        #expect(editor.text == "{\n  \"a\": 1  \"b\": 2")
    }

    @Test func multiLinePasteLandsAtTheCursor() {
        var editor = TextEditor("[]")
        _ = editor.handle(.home)
        _ = editor.handle(.right)
        editor.insert("1,\n2")
        #expect(editor.text == "[1,\n2]")
        #expect(editor.line == 1 && editor.column == 1)
    }
}

@Suite struct ListStateTests {
    @Test func commandsMoveClampAndFold() {
        var state = ListState()
        let headers: Set<Int> = [0, 4]
        #expect(state.perform(.down, rowCount: 10, pageHeight: 5, isHeader: headers.contains) == .moved)
        #expect(state.selection == 1)
        _ = state.perform(.bottom, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        #expect(state.selection == 9)
        _ = state.perform(.down, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        #expect(state.selection == 9)
        _ = state.perform(.close, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        #expect(state.selection == 4, "Closing on an item goes to its group")
        #expect(state.perform(.activate, rowCount: 10, pageHeight: 5, isHeader: headers.contains) == .toggled(4, open: nil))
        _ = state.perform(.top, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        _ = state.perform(.down, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        #expect(state.perform(.activate, rowCount: 10, pageHeight: 5, isHeader: headers.contains) == .activated(1))
        _ = state.perform(.halfPageDown, rowCount: 10, pageHeight: 5, isHeader: headers.contains)
        #expect(state.selection == 3)
    }

    @Test func mouseSelectsActivatesAndScrolls() {
        var state = ListState()
        let area = Rect(x: 0, y: 2, width: 20, height: 5)
        #expect(state.handle(MouseEvent(.press(button: 1), at: Point(x: 3, y: 4)), in: area, rowCount: 100) == .moved)
        #expect(state.selection == 2)
        #expect(state.handle(MouseEvent(.press(button: 1), at: Point(x: 3, y: 4)), in: area, rowCount: 100) == .activated(2))
        _ = state.handle(MouseEvent(.wheelDown, at: Point(x: 0, y: 3)), in: area, rowCount: 100)
        #expect(state.offset == 3 && state.selection == 3)
    }

    @Test func revealKeepsTheSelectionOnScreen() {
        var state = ListState(selection: 40, offset: 0)
        state.reveal(height: 10, rowCount: 100)
        #expect(state.offset == 31)
        state.selection = 5
        state.reveal(height: 10, rowCount: 100)
        #expect(state.offset == 5)
    }
}

@Suite struct DialogAndSplitTests {
    @Test func dialogChoicesGoRound() {
        var dialog = Dialog(title: "Send anyway?", lines: [], choices: ["Send", "Cancel"])
        dialog.move(by: 1)
        #expect(dialog.selected == 1)
        dialog.move(by: 1)
        #expect(dialog.selected == 0)
        dialog.move(by: -1)
        #expect(dialog.selected == 1)
    }

    @Test func splitRespectsMinimums() {
        let split = SplitPane(.horizontal, ratio: 0.1, minimum: 20)
        let (left, right) = split.layout(Rect(x: 0, y: 0, width: 80, height: 10))
        #expect(left.width == 20 && right.x == 21 && right.width == 59)
    }
}
