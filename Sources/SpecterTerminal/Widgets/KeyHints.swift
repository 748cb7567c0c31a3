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

/// The `?` overlay: every binding of the current place, in sections. What does not fit in one
/// column flows into more, side by side, and long descriptions wrap, so a small terminal still shows
/// every key.
public enum HelpOverlay {
    /// One line of the overlay: a section title, a key with (the first line of) what it does, or
    /// the rest of a wrapped description.
    private enum Line {
        case title(String)
        case hint(keys: String, action: String)
        case blank
    }

    public static func draw(title: String, sections: [(title: String, hints: [KeyHint])], palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        let keyWidth = sections.flatMap(\.hints).map { DisplayWidthTable.width(of: $0.keys) }.max() ?? 0
        let actionWidth = sections.flatMap(\.hints).map { DisplayWidthTable.width(of: $0.action) }.max() ?? 0
        let height = max(1, area.height - 3)
        let usable = max(10, area.width - 4)
        var columns: [[Line]] = []
        var columnWidth = 0
        for count in 1...max(1, usable / 24) {
            columnWidth = min(keyWidth + 2 + actionWidth, (usable - 2 * (count - 1)) / count)
            columns = flow(sections, keyWidth: keyWidth, actionWidth: max(8, columnWidth - keyWidth - 2), height: height)
            if columns.count <= count { break }
        }
        let shown = Array(columns.prefix(max(1, usable / 24)))
        let contentWidth = max(shown.count * columnWidth + 2 * (shown.count - 1), DisplayWidthTable.width(of: title) + 2)
        let box = area.centered(Size(width: min(area.width, contentWidth + 4), height: min(area.height, (shown.map(\.count).max() ?? 0) + 3)))
        buffer.fill(box, style: palette.text)
        let inner = Box.draw(box, title: title, style: palette.focusedBorder, titleStyle: palette.accent, into: &buffer)
        for (index, column) in shown.enumerated() {
            let x = inner.x + 1 + index * (columnWidth + 2)
            let clip = Rect(x: x, y: inner.y, width: columnWidth, height: inner.height - 1)
            for (row, line) in column.enumerated() {
                let y = inner.y + row
                switch line {
                case .title(let text): buffer.draw(text, at: Point(x: x, y: y), style: palette.header, clip: clip)
                case .hint(let keys, let action):
                    buffer.draw(keys, at: Point(x: x, y: y), style: palette.key, clip: clip)
                    buffer.draw(action, at: Point(x: x + keyWidth + 2, y: y), style: palette.text, clip: clip)
                case .blank: break
                }
            }
        }
        let cut = columns.count > shown.count ? " (more keys than fit: make the window larger)" : ""
        buffer.draw("Esc or ? closes" + cut, at: Point(x: inner.x + 1, y: inner.maxY - 1), style: palette.dim, clip: inner)
    }

    /// The lines in columns of `height`, a section's title kept with its first key.
    private static func flow(_ sections: [(title: String, hints: [KeyHint])], keyWidth: Int, actionWidth: Int, height: Int) -> [[Line]] {
        var columns: [[Line]] = [[]]
        func place(_ lines: [Line]) {
            if columns[columns.count - 1].count + lines.count > height, !columns[columns.count - 1].isEmpty { columns.append([]) }
            if case .blank? = lines.first, columns[columns.count - 1].isEmpty { columns[columns.count - 1] += lines.dropFirst() } else { columns[columns.count - 1] += lines }
        }
        for (index, section) in sections.enumerated() {
            let hints = section.hints.map { hint in
                let wrapped = DisplayWidthTable.wrapWords(hint.action, width: actionWidth)
                return [Line.hint(keys: hint.keys, action: wrapped[0])] + wrapped.dropFirst().map { Line.hint(keys: "", action: $0) }
            }
            // A section that fits in a column of its own starts one rather than being split.
            let whole = hints.reduce(1) { $0 + $1.count }
            if !columns[columns.count - 1].isEmpty, columns[columns.count - 1].count + 1 + whole > height, whole <= height { columns.append([]) }
            for (position, lines) in hints.enumerated() {
                place(position == 0 ? (index > 0 ? [.blank] : []) + [.title(section.title)] + lines : lines)
            }
        }
        return columns
    }
}
