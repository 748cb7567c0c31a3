import SpecterTerminal

/// The response pane: tabs for the documentation, the body (status, schema verdict, pretty body
/// with folding, line numbers and search), the headers, and exactly what was sent (with curl).
enum ResponseView {
    static func draw(_ session: OperationSession, workspace: Workspace, state: AppState, focused: Bool, frame: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = frame.inset(by: 1)
        Tabs.draw(session.responseTabTitles, selected: session.response.tab.rawValue, focused: focused, palette: theme.palette, in: inner.row(0), into: &buffer)
        var content = inner.inset(top: 1)
        if let search = session.response.search {
            var input = search
            let line = content.row(content.height - 1)
            buffer.draw("/", at: Point(x: line.x, y: line.y), style: theme.palette.accent)
            input.draw(in: line.inset(left: 1), focused: true, style: .plain, placeholder: "search the body", into: &buffer)
            content = content.inset(bottom: 1)
        } else if !session.response.term.isEmpty {
            let line = content.row(content.height - 1)
            let count = session.response.matches.count
            buffer.draw("/\(session.response.term)  \(count) match\(count == 1 ? "" : "es") · n N · Esc clears", at: Point(x: line.x, y: line.y), style: theme.palette.dim, clip: line)
            content = content.inset(bottom: 1)
        }
        switch session.response.tab {
        case .docs:
            DocsView.draw(workspace.docs, focused: focused, theme: theme, in: content, into: &buffer)
        case .body:
            drawBody(session, state: state, focused: focused, in: content, into: &buffer)
        case .headers, .request:
            let width = content.width - 1
            let lines = ResponseText.lines(session, tab: session.response.tab, width: width).map(theme.spans)
            ScrollView.draw(lines, state: session.response.scroll, palette: theme.palette, in: content, into: &buffer)
        }
    }

    private static func drawBody(_ session: OperationSession, state: AppState, focused: Bool, in area: Rect, into buffer: inout CellBuffer) {
        if let pane = session.response.stream {
            StreamView.draw(pane, session: session, state: state, focused: focused, in: area, into: &buffer)
            return
        }
        let theme = state.theme
        let summary = ResponseText.summary(session, width: area.width, now: state.now)
        for (index, line) in summary.enumerated() where index < area.height {
            buffer.draw(theme.spans(line), at: Point(x: area.x, y: area.y + index), clip: area.row(index))
        }
        guard let body = session.response.body, session.exchange != nil else { return }
        let lines = area.inset(top: summary.count)
        guard !lines.isEmpty else { return }
        let visible = body.visible(folded: session.response.folded)
        let gutter = String(body.count).count + 1
        let term = session.response.term.lowercased()
        let matches = Set(session.response.matches)
        let hasIndicator = visible.count > lines.height
        let textWidth = lines.width - (hasIndicator ? 1 : 0) - gutter
        let wraps = session.response.wraps
        // Wrapped, a line may take several rows: start early enough that the cursor's line shows whole.
        let top = wraps ? wrappedTop(session, body: body, visible: visible, width: textWidth, height: lines.height) : session.response.top
        var y = lines.y
        for (offset, shown) in body.window(visible, from: top, count: lines.height).enumerated() where y < lines.maxY {
            let position = top + offset
            let (index, line) = shown
            var runs = line.runs
            if session.response.folded.contains(index), let summaryText = line.foldedSummary { runs = runs.dropLast() + [Run(summaryText, .accent)] }
            if line.continues { runs.append(Run(" ↩", .dim)) }
            let pieces = wraps ? LineWrap.hard(runs, width: textWidth) : [runs]
            for (part, piece) in pieces.enumerated() where y < lines.maxY {
                let rowRect = Rect(x: lines.x, y: y, width: lines.width - (hasIndicator ? 1 : 0), height: 1)
                if part == 0 {
                    buffer.draw(String(repeating: " ", count: max(0, gutter - 1 - String(index + 1).count)) + String(index + 1), at: Point(x: lines.x, y: y),
                                style: theme.palette.dim, clip: rowRect)
                }
                let textRect = rowRect.inset(left: gutter)
                let end = buffer.draw(theme.spans(piece), at: Point(x: textRect.x, y: y), clip: textRect)
                if matches.contains(index), !term.isEmpty { highlight(term, in: textRect, until: end, style: theme.palette.matched, into: &buffer) }
                if focused && position == session.response.cursor { buffer.restyle(rowRect) { $0.overlaid(with: theme.palette.selection) } }
                y += 1
            }
        }
        if hasIndicator { ScrollIndicator.draw(offset: session.response.top, visible: lines.height, total: visible.count, palette: theme.palette, in: lines, into: &buffer) }
    }

    /// The first line to draw when lines wrap: the scroll position, moved on until the cursor's line
    /// fits whole on the pane.
    private static func wrappedTop(_ session: OperationSession, body: BodyLines, visible: VisibleLines, width: Int, height: Int) -> Int {
        let cursor = session.response.cursor
        var top = min(session.response.top, cursor)
        let rows = body.window(visible, from: top, count: cursor - top + 1).map { LineWrap.hard($0.line.runs, width: width).count }
        var needed = rows.reduce(0, +)
        var index = 0
        while needed > height, top < cursor {
            needed -= rows[index]
            index += 1
            top += 1
        }
        return top
    }

    /// Marks each occurrence of `term` on a drawn row.
    private static func highlight(_ term: String, in row: Rect, until end: Int, style: Style, into buffer: inout CellBuffer) {
        let cells = (row.x..<min(end, row.maxX)).map { buffer[$0, row.y] }
        let text = cells.map { $0.text.lowercased() }
        let needle = term.map { String($0) }
        guard needle.count <= text.count else { return }
        var start = 0
        while start + needle.count <= text.count {
            if Array(text[start..<(start + needle.count)]) == needle {
                buffer.restyle(Rect(x: row.x + start, y: row.y, width: needle.count, height: 1)) { $0.overlaid(with: style) }
                start += needle.count
            } else {
                start += 1
            }
        }
    }
}
