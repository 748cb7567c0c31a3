/// A one-line text field: cursor, insert, delete, word moves and the readline keys (Ctrl-A/E/U/K/W),
/// scrolling sideways to keep the cursor in view. Positions count characters, not bytes, so CJK,
/// emoji and combining marks edit as the user sees them.
public struct TextInput: Sendable, Equatable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The first cell shown, when the text is wider than the field.
    public private(set) var scroll = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = min(cursor, characters.count)
        }
    }

    public enum Outcome: Equatable, Sendable {
        case edited
        case moved
        case ignored
    }

    /// Whether `handle` does something with a key that is not a character: what the app gives a text
    /// field before its own bindings, so a field keeps its editing keys.
    public static func isEditingKey(_ key: KeyPress) -> Bool {
        switch key {
        case .backspace, .control("h"), .delete, .left, .control("b"), .right, .control("f"), .home, .control("a"), .end, .control("e"),
             KeyPress(.left, .control), .alt("b"), KeyPress(.right, .control), .alt("f"), .control("u"), .control("k"), .control("w"),
             KeyPress(.backspace, .alt), .alt("d"):
            return true
        default:
            return false
        }
    }

    public mutating func handle(_ key: KeyPress) -> Outcome {
        if let typed = key.text {
            insert(String(typed))
            return .edited
        }
        switch key {
        case .backspace, .control("h"):
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete:
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case KeyPress(.left, .control), .alt("b"): cursor = previousWordStart()
        case KeyPress(.right, .control), .alt("f"): cursor = nextWordEnd()
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
            return .edited
        case .control("k"):
            characters.removeLast(characters.count - cursor)
            return .edited
        case .control("w"), KeyPress(.backspace, .alt):
            let start = previousWordStart()
            characters.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        case .alt("d"):
            let end = nextWordEnd()
            characters.removeSubrange(cursor..<end)
            return .edited
        default:
            return .ignored
        }
        return .moved
    }

    /// Inserts text at the cursor (typing or a paste; line breaks become spaces).
    public mutating func insert(_ text: String) {
        let inserted = Array(text.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    /// Moves the cursor to the end (after the text is replaced from outside).
    public mutating func moveToEnd() {
        cursor = characters.count
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func previousWordStart() -> Int {
        var index = cursor
        while index > 0 && !isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0 && isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    private func nextWordEnd() -> Int {
        var index = cursor
        while index < characters.count && !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count && isWordCharacter(characters[index]) { index += 1 }
        return index
    }

    /// Draws the field on one row; places the buffer's cursor when focused. A placeholder shows
    /// (dim) when the field is empty; a masked field (a secret) shows • for each character.
    public mutating func draw(in area: Rect, focused: Bool, style: Style, placeholder: String = "", placeholderStyle: Style = .dim,
                              masked: Bool = false, into buffer: inout CellBuffer) {
        guard area.width > 0, area.height > 0 else { return }
        let line = area.row(0)
        buffer.fill(line, style: style)
        if characters.isEmpty, !placeholder.isEmpty {
            buffer.draw(placeholder, at: Point(x: line.x, y: line.y), style: placeholderStyle, clip: line)
        }
        let shown: [Character] = masked ? Array(repeating: "•", count: characters.count) : characters
        let widths = shown.map { DisplayWidthTable.width(of: String($0)) }
        let cursorCell = widths.prefix(cursor).reduce(0, +)
        if cursorCell < scroll { scroll = cursorCell }
        if cursorCell - scroll >= line.width { scroll = cursorCell - line.width + 1 }
        var x = line.x - scroll
        for (index, character) in shown.enumerated() {
            if x + widths[index] > line.x, x < line.maxX { buffer.draw(String(character), at: Point(x: x, y: line.y), style: style, clip: line) }
            x += widths[index]
        }
        if focused { buffer.cursor = Point(x: line.x + cursorCell - scroll, y: line.y) }
    }
}
