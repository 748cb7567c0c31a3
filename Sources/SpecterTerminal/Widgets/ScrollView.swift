/// Long text (documentation, a response body) shown a screenful at a time.
public struct ScrollState: Sendable, Equatable {
    public var top: Int
    public var left: Int

    public init(top: Int = 0, left: Int = 0) {
        self.top = top
        self.left = left
    }

    public enum Outcome: Equatable, Sendable {
        case moved
        case ignored
    }

    /// Moves by a command; `open`/`close` scroll sideways.
    public mutating func perform(_ command: ListCommand, lineCount: Int, height: Int) -> Outcome {
        let page = max(1, height - 1)
        switch command {
        case .down: top += 1
        case .up: top -= 1
        case .pageDown: top += page
        case .pageUp: top -= page
        case .halfPageDown: top += max(1, page / 2)
        case .halfPageUp: top -= max(1, page / 2)
        case .top: top = 0
        case .bottom: top = lineCount
        case .open: left += 8
        case .close: left = max(0, left - 8)
        case .activate, .toggle: return .ignored
        }
        clamp(lineCount: lineCount, height: height)
        return .moved
    }

    public mutating func handle(_ mouse: MouseEvent, lineCount: Int, height: Int) -> Outcome {
        switch mouse.action {
        case .wheelDown: top += 3
        case .wheelUp: top -= 3
        default: return .ignored
        }
        clamp(lineCount: lineCount, height: height)
        return .moved
    }

    public mutating func clamp(lineCount: Int, height: Int) {
        top = max(0, min(top, lineCount - height))
    }

    /// Scrolls so `line` is shown, a little below the top.
    public mutating func reveal(line: Int, height: Int, lineCount: Int) {
        if line < top || line >= top + height { top = line - height / 3 }
        clamp(lineCount: lineCount, height: height)
    }
}

public enum ScrollView {
    /// Draws the visible lines (from `state.top`, shifted by `state.left`), with a scroll indicator.
    public static func draw(_ lines: [[Span]], state: ScrollState, palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: palette.text)
        let hasIndicator = lines.count > area.height
        let textArea = hasIndicator ? area.inset(right: 1) : area
        for row in 0..<area.height {
            let index = state.top + row
            guard index < lines.count else { break }
            buffer.draw(lines[index], at: Point(x: textArea.x - state.left, y: area.y + row), clip: textArea.row(row))
        }
        if hasIndicator { ScrollIndicator.draw(offset: state.top, visible: area.height, total: lines.count, palette: palette, in: area, into: &buffer) }
    }
}
