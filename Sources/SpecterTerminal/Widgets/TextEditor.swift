/// A multi-line editor for request bodies: line numbers, scrolling both ways, auto-indent, and an
/// optional marker on lines that have errors (drawn in the gutter, the message shown by the caller).
public struct TextEditor: Sendable, Equatable {
    public private(set) var lines: [[Character]]
    /// The cursor: line and character index in it.
    public private(set) var line = 0
    public private(set) var column = 0
    public private(set) var top = 0
    public private(set) var left = 0
    /// Lines (0-based) to mark as wrong.
    public var errorLines: Set<Int> = []

    public init(_ text: String = "") {
        lines = Self.lines(of: text)
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    public enum Outcome: Equatable, Sendable {
        case edited
        case moved
        case ignored
    }

    public mutating func handle(_ key: KeyPress, pageHeight: Int = 10) -> Outcome {
        if let typed = key.text {
            insert(String(typed))
            return .edited
        }
        switch key {
        case .enter:
            let indent = lines[line].prefix { $0 == " " }
            let rest = Array(lines[line][column...])
            lines[line].removeLast(lines[line].count - column)
            lines.insert(Array(indent) + rest, at: line + 1)
            line += 1
            column = indent.count
            return .edited
        case .tab:
            insert("  ")
            return .edited
        case .backspace:
            if column > 0 {
                lines[line].remove(at: column - 1)
                column -= 1
            } else if line > 0 {
                column = lines[line - 1].count
                lines[line - 1] += lines.remove(at: line)
                line -= 1
            } else {
                return .ignored
            }
            return .edited
        case .delete:
            if column < lines[line].count {
                lines[line].remove(at: column)
            } else if line + 1 < lines.count {
                lines[line] += lines.remove(at: line + 1)
            } else {
                return .ignored
            }
            return .edited
        case .left:
            if column > 0 { column -= 1 } else if line > 0 { line -= 1; column = lines[line].count }
        case .right:
            if column < lines[line].count { column += 1 } else if line + 1 < lines.count { line += 1; column = 0 }
        case .up: moveLine(by: -1)
        case .down: moveLine(by: 1)
        case .pageUp: moveLine(by: -max(1, pageHeight - 1))
        case .pageDown: moveLine(by: max(1, pageHeight - 1))
        case .home, .control("a"): column = 0
        case .end, .control("e"): column = lines[line].count
        case KeyPress(.home, .control): line = 0; column = 0
        case KeyPress(.end, .control): line = lines.count - 1; column = lines[line].count
        case .control("k"):
            if column < lines[line].count { lines[line].removeLast(lines[line].count - column) } else if line + 1 < lines.count { lines[line] += lines.remove(at: line + 1) }
            return .edited
        default:
            return .ignored
        }
        return .moved
    }

    /// Inserts text (typed or pasted, several lines allowed) at the cursor.
    public mutating func insert(_ text: String) {
        let pieces = Self.lines(of: text).map { $0.map { $0 == "\t" ? " " : $0 } }
        guard let first = pieces.first else { return }
        let rest = Array(lines[line][column...])
        lines[line].removeLast(rest.count)
        lines[line] += first
        if pieces.count == 1 {
            column += first.count
            lines[line] += rest
            return
        }
        for piece in pieces.dropFirst() {
            line += 1
            lines.insert(piece, at: line)
        }
        column = lines[line].count
        lines[line] += rest
    }

    /// Replaces the whole text, keeping the cursor where it still fits.
    public mutating func setText(_ text: String) {
        let replacement = TextEditor(text)
        lines = replacement.lines
        line = min(line, lines.count - 1)
        column = min(column, lines[line].count)
    }

    /// Text split into lines at `\n`, `\r\n` or `\r`; never empty.
    private static func lines(of text: String) -> [[Character]] {
        var result: [[Character]] = [[]]
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                result.append([])
            } else {
                result[result.count - 1].append(character)
            }
        }
        return result
    }

    private mutating func moveLine(by delta: Int) {
        line = min(max(0, line + delta), lines.count - 1)
        column = min(column, lines[line].count)
    }

    /// Draws the gutter (line numbers, `✗` on error lines) and the visible text; places the cursor when focused.
    public mutating func draw(in area: Rect, focused: Bool, palette: Palette, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: palette.text)
        let gutter = String(lines.count).count + 2
        let text = area.inset(left: gutter)
        if line < top { top = line }
        if line >= top + area.height { top = line - area.height + 1 }
        let cursorCell = lines[line].prefix(column).reduce(0) { $0 + DisplayWidthTable.width(of: String($1)) }
        if cursorCell < left { left = cursorCell }
        if text.width > 0, cursorCell - left >= text.width { left = cursorCell - text.width + 1 }
        for row in 0..<area.height {
            let index = top + row
            guard index < lines.count else { break }
            let y = area.y + row
            let isError = errorLines.contains(index)
            let number = String(index + 1)
            let label = (isError ? "✗" : " ") + String(repeating: " ", count: gutter - 2 - number.count) + number + " "
            buffer.draw(label, at: Point(x: area.x, y: y), style: isError ? palette.error : palette.dim, clip: area)
            var x = text.x - left
            for character in lines[index] {
                let width = DisplayWidthTable.width(of: String(character))
                if x >= text.x, x + width <= text.maxX { buffer.draw(String(character), at: Point(x: x, y: y), style: palette.text, clip: text) }
                x += width
            }
        }
        if focused, text.width > 0 { buffer.cursor = Point(x: text.x + cursorCell - left, y: area.y + line - top) }
    }
}
