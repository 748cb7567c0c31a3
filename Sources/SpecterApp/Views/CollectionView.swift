import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// The collection's saved requests (F4): a heading per folder, then method, path and name, whether
/// the last response matched its schema (✓ ✗), and what no longer fits the description.
enum CollectionView {
    static func draw(_ workspace: Workspace, theme: Theme, layout: ScreenLayout, into buffer: inout CellBuffer) {
        guard let pane = workspace.collectionPane else { return }
        let count = pane.collection.items.count
        var title = "Collection \(pane.collection.root.lastPathComponent) · \(count) saved request\(count == 1 ? "" : "s")"
        if let drifting = pane.drift?.count, drifting > 0 { title += " · \(drifting) do\(drifting == 1 ? "es" : "") not fit the description" }
        if pane.drift == nil { title += " · checking them against the description…" }
        Box.draw(layout.body, title: title, style: theme.palette.focusedBorder, titleStyle: .bold, into: &buffer)
        let inner = layout.history
        guard !pane.rows.isEmpty else {
            buffer.draw("No saved requests yet. Open an operation, fill it in, and press Ctrl-S to save it here.", at: Point(x: inner.x + 2, y: inner.y + 1),
                        style: theme.palette.dim, clip: inner)
            return
        }
        let problems = pane.collection.problems
        let footer = footerLines(pane)
        buffer.draw("  method  path", at: Point(x: inner.x, y: inner.y), style: theme.palette.dim, clip: inner)
        let rows = inner.inset(top: 1, bottom: footer.count + (problems.isEmpty ? 0 : 1))
        // A request kept as written (no operation of the description) shows its URL without the query.
        let operations = pane.collection.items.reduce(into: [String: APIOperation]()) { found, item in
            if !item.request.draft.operation.isUnlisted { found[item.path] = workspace.service.operation(item.request.draft.operation) }
        }
        let shown = { (item: Collection.Item) -> String in
            if case .unlisted(_, let url) = item.request.draft.operation { return String(url.prefix { $0 != "?" }) }
            return operations[item.path]?.path ?? item.request.draft.operation.description
        }
        let pathWidth = min(40, pane.collection.items.map { shown($0).count }.max() ?? 0)
        ListView.draw(rowCount: pane.rows.count, row: { row in
            switch pane.rows[row] {
            case .folder(let folder):
                return ListRow(.header(collapsed: false), [Span(folder + "/", theme.palette.header)])
            case .item(let path):
                guard let item = pane.collection.item(at: path) else { return ListRow(.item, []) }
                var method = operations[path]?.method
                if case .unlisted(let written, _) = item.request.draft.operation { method = written }
                var spans = [Span((method ?? "?").padding(7), method.map { theme.method($0) } ?? theme.palette.error),
                             Span(shown(item).padding(pathWidth) + " "), Span(item.request.name)]
                if pane.drift?[path] != nil { spans.append(Span("  ⚠ drift", theme.palette.warning)) }
                let verdict = pane.verdicts[path].map { $0 ? Span("✓ matched", theme.palette.success) : Span("✗ mismatch", theme.palette.error) }
                return ListRow(.item, spans, trailing: verdict.map { [$0] } ?? [])
            }
        }, state: pane.list, focused: true, palette: theme.palette, in: rows, into: &buffer)
        var y = rows.y + rows.height
        if let problem = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            buffer.draw("✗ not read: " + problem.description + more, at: Point(x: inner.x + 1, y: y), style: theme.palette.error, clip: inner)
            y += 1
        }
        for line in footer {
            buffer.draw(line, at: Point(x: inner.x + 1, y: y), style: theme.palette.warning, clip: inner)
            y += 1
        }
    }

    /// What no longer fits the description, for the selected saved request (at most three lines).
    private static func footerLines(_ pane: CollectionPane) -> [String] {
        guard let path = pane.selectedPath, let messages = pane.drift?[path] else { return [] }
        let shown = messages.prefix(3).map { "⚠ " + $0 }
        return messages.count > 3 ? shown + ["  … \(messages.count - 3) more: specter collection check \(pane.collection.root.path)"] : shown
    }
}
