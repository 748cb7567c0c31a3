import Testing
import SpecterTerminal

@Suite struct InputDecoderTests {
    func decode(_ batches: [[RawInput]]) -> [InputEvent] {
        var decoder = InputDecoder()
        return batches.flatMap { decoder.decode($0) }
    }

    func scalars(_ text: String) -> [RawInput] { text.unicodeScalars.map(RawInput.scalar) }

    @Test func controlKeysEnterAndCtrlJAreDistinct() {
        #expect(decode([scalars("\r\n\t\u{7F}\u{01}\u{05}")]) == [
            .key(.enter), .key(.control("j")), .key(.tab), .key(.backspace), .key(.control("a")), .key(.control("e")),
        ])
    }

    @Test func escAloneIsEscAndEscWithACharacterIsAlt() {
        #expect(decode([scalars("\u{1B}")]) == [.key(.escape)])
        #expect(decode([scalars("\u{1B}x")]) == [.key(.alt("x"))])
        #expect(decode([scalars("\u{1B}"), scalars("x")]) == [.key(.escape), .key(.character("x"))])
        #expect(decode([scalars("\u{1B}\u{7F}")]) == [.key(KeyPress(.backspace, .alt))])
    }

    @Test func multiByteTextArrivesAsCharacters() {
        #expect(decode([scalars("é漢")]) == [.key(.character("é")), .key(.character("漢"))])
    }

    @Test func bracketedPasteIsOneEventEvenAcrossBatches() {
        let events = decode([scalars("\u{1B}[200~line one\r"), scalars("q?/ two\u{1B}[20"), scalars("1~x")])
        #expect(events == [.paste("line one\nq?/ two"), .key(.character("x"))])
    }

    @Test func undecodedEscapeSequencesBecomeKeys() {
        #expect(decode([scalars("\u{1B}[1;5C\u{1B}[5~\u{1B}[15~\u{1B}OP\u{1B}[Z\u{1B}[3;2~")]) == [
            .key(KeyPress(.right, .control)), .key(.pageUp), .key(KeyPress(.function(5))), .key(KeyPress(.function(1))),
            .key(.backTab), .key(KeyPress(.delete, .shift)),
        ])
    }

    @Test func sgrMouseReportsBecomeMouseEvents() {
        #expect(decode([scalars("\u{1B}[<0;11;5M\u{1B}[<0;11;5m\u{1B}[<65;3;2M")]) == [
            .mouse(MouseEvent(.press(button: 1), at: Point(x: 10, y: 4))), .mouse(MouseEvent(.release, at: Point(x: 10, y: 4))),
            .mouse(MouseEvent(.wheelDown, at: Point(x: 2, y: 1))),
        ])
    }

    @Test func keysTheBackendDecodedPassThroughInOrder() {
        let events = decode([[.scalar("a"), .key(.up), .resize(Size(width: 100, height: 30)), .scalar("b"), .endOfInput]])
        #expect(events == [.key(.character("a")), .key(.up), .resize(Size(width: 100, height: 30)), .key(.character("b")), .endOfInput])
    }

    @Test func keyNamesForHelp() {
        #expect(KeyPress.control("j").description == "Ctrl-J")
        #expect(KeyPress.backTab.description == "Shift-Tab")
        #expect(KeyPress(.function(5)).description == "F5")
        #expect(KeyPress.alt("x").description == "Alt-x")
        #expect(KeyPress.character("?").description == "?")
    }
}
