import Foundation
import SpecterHTTP
import SpecterRequest
import SpecterTerminal

/// Every request sent in this session, newest first: when, method, path, status, time.
enum HistoryView {
    static func draw(_ workspace: Workspace, state: AppState, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let frame = layout.body
        let count = workspace.history.entries.count, earlier = workspace.history.earlier.count
        Box.draw(frame, title: "History · \(count) request\(count == 1 ? "" : "s") sent" + (earlier > 0 ? " · \(earlier) in earlier runs" : ""),
                 style: theme.palette.focusedBorder, titleStyle: .bold, into: &buffer)
        let inner = layout.history
        guard workspace.history.rowCount > 0 else {
            buffer.draw("Nothing sent yet. Open an operation (Enter) and press F5 to send it.", at: Point(x: inner.x + 2, y: inner.y + 1), style: theme.palette.dim, clip: inner)
            return
        }
        buffer.draw("  sent at      method  path", at: Point(x: inner.x, y: inner.y), style: theme.palette.dim, clip: inner)
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        let rows = inner.inset(top: 1)
        let day = DateFormatter()
        day.dateFormat = "MMM d HH:mm"
        ListView.draw(rowCount: workspace.history.rowCount, row: { row in
            if let record = workspace.history.earlierRecord(atRow: row) { return earlierRow(record, clock: day, theme: theme) }
            guard let item = workspace.history.entry(atRow: row) else { return ListRow(.item, []) }
            let operation = item.session.operation
            let sent = state.startedAt.addingTimeInterval(item.sentAt.timeInterval)
            var spans = [Span(clock.string(from: sent).padding(12) + " "), Span(operation.method.padding(7), theme.method(operation.method)), Span(operation.path)]
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

    /// A request sent in an earlier run: its inputs can be reopened, its response is a summary.
    private static func earlierRow(_ record: HistoryRecord, clock: DateFormatter, theme: Theme) -> ListRow {
        let path = URL(string: record.url)?.path ?? record.url
        var spans = [Span(clock.string(from: record.sentAt).padding(12) + " ", theme.palette.dim), Span(record.method.padding(7), theme.method(record.method)), Span(path)]
        var trailing: [Span] = []
        if let status = record.status {
            trailing = [Span("\(status)", theme.status(status)), Span("  " + (record.milliseconds.map { "\($0) ms" } ?? ""), theme.palette.dim)]
        } else if let failure = record.failure {
            spans.append(Span("  " + failure, theme.palette.error))
        }
        return ListRow(.item, spans, trailing: trailing)
    }
}
