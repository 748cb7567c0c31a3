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
            let lines = ResponseText.lines(session, tab: session.response.tab).map(theme.spans)
            ScrollView.draw(lines, state: session.response.scroll, palette: theme.palette, in: content, into: &buffer)
        }
    }

    private static func drawBody(_ session: OperationSession, state: AppState, focused: Bool, in area: Rect, into buffer: inout CellBuffer) {
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
        for (row, shown) in body.window(visible, from: session.response.top, count: lines.height).enumerated() {
            let position = session.response.top + row
            let (index, line) = shown
            let y = lines.y + row
            let rowRect = Rect(x: lines.x, y: y, width: lines.width - (hasIndicator ? 1 : 0), height: 1)
            buffer.draw(String(repeating: " ", count: max(0, gutter - 1 - String(index + 1).count)) + String(index + 1), at: Point(x: lines.x, y: y), style: theme.palette.dim, clip: rowRect)
            let textRect = rowRect.inset(left: gutter)
            let folded = session.response.folded.contains(index)
            var spans = theme.spans(line.runs)
            if folded, let summaryText = line.foldedSummary {
                spans = spans.dropLast() + [Span(summaryText, theme.palette.accent)]
            }
            if line.continues { spans.append(Span(" ↩", theme.palette.dim)) }
            let end = buffer.draw(spans, at: Point(x: textRect.x, y: y), clip: textRect)
            if matches.contains(index), !term.isEmpty {
                highlight(term, in: textRect, until: end, style: theme.palette.matched, into: &buffer)
            }
            if focused && position == session.response.cursor { buffer.restyle(rowRect) { $0.overlaid(with: theme.palette.selection) } }
        }
        if hasIndicator { ScrollIndicator.draw(offset: session.response.top, visible: lines.height, total: visible.count, palette: theme.palette, in: lines, into: &buffer) }
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
