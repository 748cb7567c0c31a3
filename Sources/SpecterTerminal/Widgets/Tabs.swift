/// A row of tab titles, the selected one marked (by attribute, so it reads without colour).
public enum Tabs {
    /// Draws the titles and returns each one's column range, for mouse hits.
    @discardableResult
    public static func draw(_ titles: [String], selected: Int, focused: Bool, palette: Palette, in area: Rect,
                            into buffer: inout CellBuffer) -> [Range<Int>] {
        guard !area.isEmpty else { return [] }
        buffer.fill(area.row(0), style: palette.text)
        let ranges = Self.ranges(titles, in: area)
        for (index, title) in titles.enumerated() {
            let style = index == selected ? (focused ? palette.selection : palette.accent) : palette.dim
            buffer.draw(label(title, selected: index == selected), at: Point(x: ranges[index].lowerBound, y: area.y), style: style, clip: area.row(0))
        }
        return ranges
    }

    /// Each title's columns, as `draw` lays them out (clipped to the row), for mouse hits.
    public static func ranges(_ titles: [String], in area: Rect) -> [Range<Int>] {
        var x = area.x
        return titles.map { title in
            let start = min(x, area.maxX)
            let end = min(area.maxX, x + DisplayWidthTable.width(of: label(title, selected: false)))
            x += DisplayWidthTable.width(of: label(title, selected: false)) + 1
            return start..<end
        }
    }

    private static func label(_ title: String, selected: Bool) -> String { selected ? "[\(title)]" : " \(title) " }

    /// The tab under a column, if any.
    public static func hit(_ ranges: [Range<Int>], x: Int) -> Int? {
        ranges.firstIndex { $0.contains(x) }
    }
}
