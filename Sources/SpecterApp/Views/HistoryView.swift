import Foundation
import SpecterHTTP
import SpecterTerminal

/// Every request sent in this session, newest first: when, method, path, status, time.
enum HistoryView {
    static func draw(_ workspace: Workspace, state: AppState, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let frame = layout.body
        Box.draw(frame, title: "History · \(workspace.history.entries.count) request\(workspace.history.entries.count == 1 ? "" : "s") sent", style: theme.palette.focusedBorder, titleStyle: .bold, into: &buffer)
        let inner = layout.history
        guard !workspace.history.entries.isEmpty else {
            buffer.draw("Nothing sent yet. Open an operation (Enter) and press F5 to send it.", at: Point(x: inner.x + 2, y: inner.y + 1), style: theme.palette.dim, clip: inner)
            return
        }
        buffer.draw("  sent at   method  path", at: Point(x: inner.x, y: inner.y), style: theme.palette.dim, clip: inner)
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        let rows = inner.inset(top: 1)
        ListView.draw(rowCount: workspace.history.entries.count, row: { row in
            guard let item = workspace.history.entry(atRow: row) else { return ListRow(.item, []) }
            let operation = workspace.operation(item.entry)
            let sent = state.startedAt.addingTimeInterval(item.sentAt.timeInterval)
            var spans = [Span(clock.string(from: sent) + "  "), Span(operation.method.padding(7), theme.method(operation.method)), Span(operation.path)]
            var trailing: [Span] = []
            switch item.exchange.result {
            case .success(let response):
                trailing = [Span("\(response.status)", theme.status(response.status)), Span("  " + response.duration.millisecondsText, theme.palette.dim)]
            case .failure(let error):
                spans.append(Span("  " + error.description, theme.palette.error))
            }
            return ListRow(.item, spans, trailing: trailing)
        }, state: workspace.history.list, focused: true, palette: theme.palette, in: rows, into: &buffer)
    }
}
