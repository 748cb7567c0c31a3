/// A frame of box-drawing lines around a rect, with an optional title in the top edge.
public enum Box {
    /// Draws the frame and returns the rect inside it.
    @discardableResult
    public static func draw(_ rect: Rect, title: String? = nil, style: Style, titleStyle: Style? = nil, into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.draw("┌" + horizontal + "┐", at: Point(x: rect.x, y: rect.y), style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.draw("│", at: Point(x: rect.x, y: y), style: style)
            buffer.draw("│", at: Point(x: rect.maxX - 1, y: y), style: style)
        }
        buffer.draw("└" + horizontal + "┘", at: Point(x: rect.x, y: rect.maxY - 1), style: style)
        if let title, !title.isEmpty, rect.width > 4 {
            let fitted = DisplayWidthTable.truncate(title, to: rect.width - 4)
            buffer.draw(" " + fitted + " ", at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style)
        }
        return rect.inset(by: 1)
    }
}
