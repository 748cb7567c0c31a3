import SpecterSpec
import SpecterTerminal

/// The endpoint list (grouped by tag, or filtered) and the documentation of the selected operation.
enum BrowseView {
    static func draw(_ workspace: Workspace, theme: Theme, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let (listFrame, docsFrame) = layout.browse
        let browser = workspace.browser
        let total = workspace.index.entries.count
        let filtering = !browser.query.isEmpty || browser.isFiltering
        let title = filtering ? "Endpoints · \(browser.operationCount) of \(total) match" : "Endpoints · \(total)"
        let listFocused = workspace.focus == .list
        Box.draw(listFrame, title: title, style: listFocused ? theme.palette.focusedBorder : theme.palette.border, titleStyle: .bold, into: &buffer)
        let inner = listFrame.inset(by: 1)
        if filtering {
            var input = browser.filter
            buffer.draw("/ ", at: Point(x: inner.x, y: inner.y), style: theme.palette.accent)
            input.draw(in: inner.row(0).inset(left: 2), focused: browser.isFiltering, style: .plain, placeholder: "type to filter", into: &buffer)
        }
        let rows = layout.listRows(filtering: filtering)
        ListView.draw(rowCount: browser.rows.count, row: { listRow(browser.rows[$0], workspace: workspace, theme: theme, width: rows.width) },
                      state: browser.list, focused: listFocused || browser.isFiltering, palette: theme.palette, in: rows, into: &buffer)
        if browser.rows.isEmpty {
            buffer.draw(filtering ? "No operation matches \"\(browser.query)\"" : "This description has no operations", at: Point(x: rows.x + 2, y: rows.y + 1),
                        style: theme.palette.dim, clip: rows)
        }
        let docsFocused = workspace.focus == .docs
        Box.draw(docsFrame, title: "Documentation", style: docsFocused ? theme.palette.focusedBorder : theme.palette.border, titleStyle: .bold, into: &buffer)
        DocsView.draw(workspace.docs, focused: docsFocused, theme: theme, in: docsFrame.inset(by: 1), into: &buffer)
    }

    static func listRow(_ row: BrowserState.Row, workspace: Workspace, theme: Theme, width: Int) -> ListRow {
        switch row {
        case .group(let index):
            let group = workspace.index.groups[index]
            var spans = [Span(String(repeating: "  ", count: min(group.depth, 8)) + group.title, theme.palette.header)]
            if let description = group.description, !description.isEmpty {
                spans.append(Span(" — " + String(description.split(separator: "\n").first ?? ""), theme.palette.dim))
            }
            return ListRow(.header(collapsed: workspace.browser.collapsed.contains(index)), spans, trailing: [Span(String(group.operationCount), theme.palette.dim)])
        case .operation(let entry, let matched):
            let operation = workspace.index.entries[entry].operation
            let method = operation.method
            let badge = Span(method.padding(7), theme.method(method))
            let pathStyle: Style = operation.deprecated ? theme.deprecated : .plain
            let pathStart = method.count + 1
            var spans = [badge]
            spans += highlighted(operation.path, offset: pathStart, matched: matched, style: pathStyle, theme: theme)
            let identifierStart = pathStart + operation.path.count + 1
            if let summary = operation.summary, !summary.isEmpty {
                let summaryStart = identifierStart + (operation.operationID.map { $0.count + 1 } ?? 0)
                spans.append(Span("  "))
                spans += highlighted(summary, offset: summaryStart, matched: matched, style: theme.palette.dim, theme: theme)
            } else if let identifier = operation.operationID {
                // No summary: the operationId says what it is.
                spans.append(Span("  "))
                spans += highlighted(identifier, offset: identifierStart, matched: matched, style: theme.palette.dim, theme: theme)
            }
            var trailing: [Span] = []
            if operation.deprecated { trailing.append(Span("deprecated", theme.deprecated)) }
            if !workspace.browser.query.isEmpty, let tag = operation.tags.first {
                if !trailing.isEmpty { trailing.append(Span(" ")) }
                trailing.append(Span(tag, theme.palette.dim))
            }
            return ListRow(.item, spans, trailing: trailing)
        }
    }

    /// A part of the search text as spans, with the matched positions (relative to the whole search text) marked.
    private static func highlighted(_ text: String, offset: Int, matched: [Int], style: Style, theme: Theme) -> [Span] {
        let positions = matched.filter { $0 >= offset && $0 < offset + text.count }.map { $0 - offset }
        return FuzzyMatch.highlight(text, positions: positions, style: style, matched: theme.palette.matched)
    }
}

extension String {
    /// Padded with spaces to `width` characters (for short ASCII labels).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

/// Documentation lines in a pane, the cursor line marked when it has the focus.
enum DocsView {
    static func draw(_ docs: DocsState, focused: Bool, theme: Theme, in area: Rect, into buffer: inout CellBuffer) {
        guard !docs.lines.isEmpty else {
            buffer.draw("Select an operation to read its documentation", at: Point(x: area.x + 1, y: area.y), style: theme.palette.dim, clip: area)
            return
        }
        var state = docs.list
        state.reveal(height: area.height, rowCount: docs.lines.count)
        let text = docs.lines.count > area.height ? area.inset(right: 1) : area
        for row in 0..<area.height {
            let index = state.offset + row
            guard index < docs.lines.count else { break }
            let line = text.row(row)
            buffer.draw(theme.spans(docs.lines[index].runs), at: Point(x: line.x + 1, y: line.y), clip: line)
            if focused && index == state.selection { buffer.restyle(line) { $0.overlaid(with: theme.palette.selection) } }
        }
        ScrollIndicator.draw(offset: state.offset, visible: area.height, total: docs.lines.count, palette: theme.palette, in: area, into: &buffer)
    }
}
