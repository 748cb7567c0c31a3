/// A row of tab titles, the selected one marked (by attribute, so it reads without colour).
public enum Tabs {
    /// Draws the titles and returns each one's column range, for mouse hits.
    @discardableResult
    public static func draw(_ titles: [String], selected: Int, focused: Bool, palette: Palette, in area: Rect,
                            into buffer: inout CellBuffer) -> [Range<Int>] {
        guard !area.isEmpty else { return [] }
        buffer.fill(area.row(0), style: palette.text)
        var x = area.x
        var ranges: [Range<Int>] = []
        for (index, title) in titles.enumerated() {
            let label = index == selected ? "[\(title)]" : " \(title) "
            let style = index == selected ? (focused ? palette.selection : palette.accent) : palette.dim
            let end = buffer.draw(label, at: Point(x: x, y: area.y), style: style, clip: area.row(0))
            ranges.append(x..<end)
            x = end + 1
        }
        return ranges
    }

    /// The tab under a column, if any.
    public static func hit(_ ranges: [Range<Int>], x: Int) -> Int? {
        ranges.firstIndex { $0.contains(x) }
    }
}
