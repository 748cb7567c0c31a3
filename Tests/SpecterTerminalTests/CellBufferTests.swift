import Testing
import SpecterTerminal

@Suite struct CellBufferTests {
    /// Words go on as many lines as they need; a word longer than a line stands alone, to be cut when drawn.
    @Test func wordsWrapAtTheWidth() {
        #expect(DisplayWidthTable.wrapWords("✗ line 6: payment_method_options.card.installments.plan: does not match", width: 30)
                == ["✗ line 6:", "payment_method_options.card.installments.plan:", "does not match"])
        #expect(DisplayWidthTable.wrapWords("short", width: 30) == ["short"])
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverSplit() {
        var buffer = CellBuffer(size: Size(width: 6, height: 1))
        let end = buffer.draw("a漢字b", at: Point(x: 0, y: 0))
        #expect(end == 6)
        #expect(buffer.line(0) == "a漢字b")
        #expect(buffer[2, 0].content == .continuation)
        var clipped = CellBuffer(size: Size(width: 4, height: 1))
        clipped.draw("ab漢", at: Point(x: 1, y: 0))
        #expect(clipped.line(0) == " ab ", "a wide character that does not fit is not drawn in half")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(size: Size(width: 4, height: 1))
        buffer.draw("漢字", at: Point(x: 0, y: 0))
        buffer.draw("x", at: Point(x: 1, y: 0))
        #expect(buffer.line(0) == " x字")
        buffer.draw("y", at: Point(x: 2, y: 0))
        #expect(buffer.line(0) == " xy ")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = CellBuffer(size: Size(width: 5, height: 1))
        let end = buffer.draw("cafe\u{301}!", at: Point(x: 0, y: 0))
        #expect(end == 5)
        #expect(buffer.line(0) == "cafe\u{301}!")
        #expect(buffer[3, 0].content == .cluster("e\u{301}"))
    }

    @Test func drawingIsClippedToTheRect() {
        var buffer = CellBuffer(size: Size(width: 10, height: 2))
        buffer.draw("0123456789", at: Point(x: -3, y: 0), clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(buffer.line(0) == "  5678    ")
        buffer.draw("below", at: Point(x: 0, y: 5))
        #expect(buffer.line(1) == "          ")
    }

    /// Text from documents and servers can never put a control character or escape sequence in a frame.
    @Test(arguments: [
        ("\u{1B}[31mred\u{1B}[0m", "␛[31mred␛[0m"),
        ("title\u{1B}]0;pwned\u{07}", "title␛]0;pwned␇"),
        ("clip\u{1B}]52;c;ZXZpbA==\u{07}", "clip␛]52;c;ZXZpbA==␇"),
        ("c1\u{9B}2J", "c1<U+009B>2J"),
        ("line\nbreak\r", "line␊break␍"),
        ("rtl\u{202E}gpj.exe", "rtl<U+202E>gpj.exe"),
        ("nul\u{0}byte", "nul␀byte"),
    ])
    func hostileTextIsDrawnVisibleAndInert(input: String, shown: String) {
        var buffer = CellBuffer(size: Size(width: 40, height: 1))
        buffer.draw(input, at: Point(x: 0, y: 0))
        #expect(buffer.line(0).trimmingTrailingSpaces == shown)
        let scalars = buffer.cells.flatMap { Array($0.text.unicodeScalars) }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func invalidUTF8IsShownAsReplacementCharacters() {
        var buffer = CellBuffer(size: Size(width: 10, height: 1))
        buffer.draw(String(decoding: [0x61, 0xFF, 0xC3, 0x62], as: UTF8.self), at: Point(x: 0, y: 0))
        #expect(buffer.line(0).hasPrefix("a\u{FFFD}\u{FFFD}b"))
    }

    @Test func restyleKeepsTheText() {
        var buffer = CellBuffer(size: Size(width: 5, height: 1))
        buffer.draw("abc", at: Point(x: 0, y: 0), style: .bold)
        buffer.restyle(Rect(x: 1, y: 0, width: 2, height: 1)) { $0.adding(.reverse) }
        #expect(buffer.line(0) == "abc  ")
        #expect(buffer[0, 0].style == .bold)
        #expect(buffer[1, 0].style == Style(attributes: [.bold, .reverse]))
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
