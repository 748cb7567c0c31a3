/// A modal box over the screen: a title, lines of text, and choices (the selected one marked).
public struct Dialog: Sendable, Equatable {
    public var title: String
    public var lines: [[Span]]
    public var choices: [String]
    public var selected: Int

    public init(title: String, lines: [[Span]], choices: [String] = ["OK"], selected: Int = 0) {
        self.title = title
        self.lines = lines
        self.choices = choices
        self.selected = selected
    }

    /// Selects the next (or, with a negative step, an earlier) choice, round the ends.
    public mutating func move(by step: Int) {
        guard !choices.isEmpty else { return }
        selected = ((selected + step) % choices.count + choices.count) % choices.count
    }

    /// Draws the dialog centred in `area`, clearing what is beneath it.
    public func draw(palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        let choiceRow = choices.map { " \($0) " }.joined(separator: "  ")
        let contentWidth = max(lines.map(\.displayWidth).max() ?? 0, DisplayWidthTable.width(of: choiceRow), DisplayWidthTable.width(of: title) + 2)
        let box = area.centered(Size(width: min(area.width, contentWidth + 4), height: min(area.height, lines.count + 4)))
        buffer.fill(box, style: palette.text)
        let inner = Box.draw(box, title: title, style: palette.focusedBorder, titleStyle: palette.accent, into: &buffer)
        for (index, line) in lines.enumerated() where index < inner.height - 1 {
            buffer.draw(line, at: Point(x: inner.x + 1, y: inner.y + index), clip: inner)
        }
        var x = inner.x + max(1, (inner.width - DisplayWidthTable.width(of: choiceRow)) / 2)
        for (index, choice) in choices.enumerated() {
            x = buffer.draw(" \(choice) ", at: Point(x: x, y: inner.maxY - 1), style: index == selected ? palette.selection : palette.text, clip: inner) + 2
        }
    }
}
