/// A key and what it does here: what the status bar and the help overlay are built from, so they
/// always show the bindings that really work.
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

/// The bottom line: a message or mode on the left, key hints filling the rest.
public enum StatusBar {
    public static func draw(left: [Span], hints: [KeyHint], palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let line = area.row(0)
        buffer.fill(line, style: palette.bar)
        var x = buffer.draw(left, at: Point(x: line.x + 1, y: line.y), clip: line) + 2
        for hint in hints {
            let width = DisplayWidthTable.width(of: hint.keys) + 1 + DisplayWidthTable.width(of: hint.action)
            guard x + width <= line.maxX else { break }
            x = buffer.draw(hint.keys, at: Point(x: x, y: line.y), style: palette.bar.overlaid(with: palette.key), clip: line)
            x = buffer.draw(" " + hint.action, at: Point(x: x, y: line.y), style: palette.bar, clip: line) + 2
        }
    }
}

/// The `?` overlay: every binding of the current place, in sections.
public enum HelpOverlay {
    public static func draw(title: String, sections: [(title: String, hints: [KeyHint])], palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        let keyWidth = sections.flatMap(\.hints).map { DisplayWidthTable.width(of: $0.keys) }.max() ?? 0
        let actionWidth = sections.flatMap(\.hints).map { DisplayWidthTable.width(of: $0.action) }.max() ?? 0
        let rows = sections.reduce(0) { $0 + $1.hints.count + 2 } - 1 + 2
        let box = area.centered(Size(width: min(area.width, max(keyWidth + actionWidth + 7, DisplayWidthTable.width(of: title) + 6)), height: min(area.height, rows + 2)))
        buffer.fill(box, style: palette.text)
        let inner = Box.draw(box, title: title, style: palette.focusedBorder, titleStyle: palette.accent, into: &buffer)
        var y = inner.y
        for (index, section) in sections.enumerated() {
            if index > 0 { y += 1 }
            guard y < inner.maxY else { break }
            buffer.draw(section.title, at: Point(x: inner.x + 1, y: y), style: palette.header, clip: inner)
            y += 1
            for hint in section.hints {
                guard y < inner.maxY - 1 else { break }
                buffer.draw(hint.keys, at: Point(x: inner.x + 1, y: y), style: palette.key, clip: inner)
                buffer.draw(hint.action, at: Point(x: inner.x + 3 + keyWidth, y: y), style: palette.text, clip: inner)
                y += 1
            }
        }
        buffer.draw("Esc or ? closes", at: Point(x: inner.x + 1, y: inner.maxY - 1), style: palette.dim, clip: inner)
    }
}
