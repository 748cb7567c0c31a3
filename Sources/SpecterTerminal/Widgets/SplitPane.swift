/// Two panes side by side (or stacked) with a divider, sized by a ratio and a minimum for each.
public struct SplitPane: Sendable, Equatable {
    public enum Direction: Sendable, Equatable {
        case horizontal
        case vertical
    }

    public var direction: Direction
    /// The first pane's share, 0…1.
    public var ratio: Double
    public var minimum: Int

    public init(_ direction: Direction, ratio: Double = 0.4, minimum: Int = 20) {
        self.direction = direction
        self.ratio = ratio
        self.minimum = minimum
    }

    /// The two panes' rects (the divider between them takes one cell).
    public func layout(_ area: Rect) -> (first: Rect, second: Rect) {
        let total = direction == .horizontal ? area.width : area.height
        guard total > 1 else { return (area, Rect(x: area.maxX, y: area.maxY, width: 0, height: 0)) }
        var first = Int((Double(total - 1) * ratio).rounded())
        let floor = min(minimum, (total - 1) / 2)
        first = min(max(first, floor), total - 1 - floor)
        if direction == .horizontal {
            return (Rect(x: area.x, y: area.y, width: first, height: area.height),
                    Rect(x: area.x + first + 1, y: area.y, width: total - first - 1, height: area.height))
        }
        return (Rect(x: area.x, y: area.y, width: area.width, height: first),
                Rect(x: area.x, y: area.y + first + 1, width: area.width, height: total - first - 1))
    }

    public func drawDivider(in area: Rect, style: Style, into buffer: inout CellBuffer) {
        let (first, _) = layout(area)
        if direction == .horizontal {
            for y in area.y..<area.maxY { buffer.draw("│", at: Point(x: first.maxX, y: y), style: style) }
        } else {
            buffer.draw(String(repeating: "─", count: area.width), at: Point(x: area.x, y: first.maxY), style: style)
        }
    }
}
