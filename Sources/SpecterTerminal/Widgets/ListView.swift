/// One row of a list: a group header or an item, as spans, with optional right-aligned spans.
public struct ListRow: Sendable {
    public enum Kind: Sendable, Equatable {
        case header(collapsed: Bool)
        case item
    }

    public var kind: Kind
    public var spans: [Span]
    public var trailing: [Span]

    public init(_ kind: Kind, _ spans: [Span], trailing: [Span] = []) {
        self.kind = kind
        self.spans = spans
        self.trailing = trailing
    }
}

/// Where a list is: the selected row and the first row shown. The caller keeps it in its state.
public struct ListState: Sendable, Equatable {
    public var selection: Int
    public var offset: Int

    public init(selection: Int = 0, offset: Int = 0) {
        self.selection = selection
        self.offset = offset
    }

    /// What a key or mouse action did.
    public enum Outcome: Equatable, Sendable {
        case moved
        case activated(Int)
        /// Expand or collapse the header at this row (`open` says which way, nil to flip).
        case toggled(Int, open: Bool?)
        case ignored
    }

    /// Moves, or activates or folds the selected row. `activate` on a header folds it; `close` on an
    /// item goes to its header.
    public mutating func perform(_ command: ListCommand, rowCount: Int, pageHeight: Int, isHeader: (Int) -> Bool) -> Outcome {
        guard rowCount > 0 else { return .ignored }
        let page = max(1, pageHeight - 1)
        switch command {
        case .down: selection += 1
        case .up: selection -= 1
        case .pageDown: selection += page
        case .pageUp: selection -= page
        case .halfPageDown: selection += max(1, page / 2)
        case .halfPageUp: selection -= max(1, page / 2)
        case .top: selection = 0
        case .bottom: selection = rowCount - 1
        case .activate:
            return isHeader(selection) ? .toggled(selection, open: nil) : .activated(selection)
        case .toggle:
            return isHeader(selection) ? .toggled(selection, open: nil) : .ignored
        case .open:
            return isHeader(selection) ? .toggled(selection, open: true) : .ignored
        case .close:
            if isHeader(selection) { return .toggled(selection, open: false) }
            var header = selection
            while header > 0 && !isHeader(header) { header -= 1 }
            guard isHeader(header) else { return .ignored }
            selection = header
        }
        selection = min(max(0, selection), rowCount - 1)
        return .moved
    }

    /// A click selects a row (a click on the selected row activates it); the wheel scrolls.
    public mutating func handle(_ mouse: MouseEvent, in area: Rect, rowCount: Int) -> Outcome {
        guard area.contains(mouse.position) || mouse.action != .press(button: 1) else { return .ignored }
        switch mouse.action {
        case .press(button: 1):
            let row = offset + mouse.position.y - area.y
            guard row < rowCount else { return .ignored }
            if row == selection { return .activated(row) }
            selection = row
            return .moved
        case .wheelDown:
            offset = min(max(0, rowCount - area.height), offset + 3)
            selection = min(max(selection, offset), rowCount - 1)
            return .moved
        case .wheelUp:
            offset = max(0, offset - 3)
            selection = max(0, min(selection, offset + area.height - 1))
            return .moved
        default:
            return .ignored
        }
    }

    /// Moves `offset` so the selection is visible in `height` rows.
    public mutating func reveal(height: Int, rowCount: Int) {
        selection = min(max(0, selection), max(0, rowCount - 1))
        if selection < offset { offset = selection }
        if height > 0, selection >= offset + height { offset = selection - height + 1 }
        offset = max(0, min(offset, max(0, rowCount - height)))
    }
}

/// A virtualised list: only the rows on screen are asked for, so 50 000 rows cost no more than 50.
public enum ListView {
    public static func draw(rowCount: Int, row: (Int) -> ListRow, state: ListState, focused: Bool, palette: Palette,
                            in area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: palette.text)
        let last = min(rowCount, state.offset + area.height)
        guard state.offset < last else { return }
        let hasIndicator = rowCount > area.height
        for index in state.offset..<last {
            let line = hasIndicator ? area.row(index - state.offset).inset(right: 1) : area.row(index - state.offset)
            let item = row(index)
            var x = line.x
            if case .header(let collapsed) = item.kind {
                x = buffer.draw(collapsed ? "▸ " : "▾ ", at: Point(x: x, y: line.y), style: palette.header, clip: line)
            } else {
                x += 2
            }
            let trailingWidth = item.trailing.displayWidth
            let textClip = Rect(x: line.x, y: line.y, width: max(0, line.width - (trailingWidth > 0 ? trailingWidth + 1 : 0)), height: 1)
            buffer.draw(item.spans, at: Point(x: x, y: line.y), clip: textClip)
            if trailingWidth > 0, trailingWidth < line.width - 4 {
                buffer.draw(item.trailing, at: Point(x: line.maxX - trailingWidth, y: line.y), clip: line)
            }
            if index == state.selection {
                let highlight = focused ? palette.selection : palette.inactiveSelection
                buffer.restyle(line) { $0.overlaid(with: highlight) }
            }
        }
        if hasIndicator { ScrollIndicator.draw(offset: state.offset, visible: area.height, total: rowCount, palette: palette, in: area, into: &buffer) }
    }

}
