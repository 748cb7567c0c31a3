import Foundation
import SpecterRequest
import SpecterTerminal

/// A streamed response in the Body tab: two lines on how the stream stands and what it held, then
/// one line per event (time, position, name, id, data cut to the width), unfolded ones followed by
/// their data pretty-printed. Only the entries on screen are laid out, however many arrived.
enum StreamView {
    /// Lines above the entries.
    static let headerLines = 2

    static func draw(_ pane: StreamPane, session: OperationSession, state: AppState, focused: Bool, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        for (row, line) in header(pane, session: session).enumerated() where row < area.height {
            buffer.draw(theme.spans(line), at: Point(x: area.x, y: area.y + row), clip: area.row(row))
        }
        let list = area.inset(top: headerLines)
        guard !list.isEmpty else { return }
        guard !pane.log.isEmpty else {
            let waiting = pane.state.isOpen ? "Waiting for the first event… Esc stops the stream." : "No events."
            buffer.draw(waiting, at: Point(x: list.x, y: list.y), style: theme.palette.dim, clip: list.row(0))
            return
        }
        let selected = pane.selectedPosition
        var y = list.y
        var position = pane.topPosition(height: list.height)
        while y < list.maxY, let event = pane.log[position] {
            let row = list.row(y - list.y)
            buffer.draw(theme.spans(line(for: event, unfolded: pane.unfolded[event.index] != nil)), at: Point(x: row.x, y: y), clip: row)
            if focused && position == selected { buffer.restyle(row) { $0.overlaid(with: theme.palette.selection) } }
            y += 1
            for extra in pane.unfolded[event.index] ?? [] where y < list.maxY {
                buffer.draw(theme.spans(extra), at: Point(x: list.x, y: y), clip: list.row(y - list.y))
                y += 1
            }
            position += 1
        }
    }

    /// The state, the counts, and what items are checked against.
    static func header(_ pane: StreamPane, session: OperationSession) -> [[Run]] {
        var first: [Run] = []
        if case .success(let head)? = session.exchange?.result {
            first += [Run("\(head.status) \(head.reason)", Tone(.status(head.status))), Run(" · " + pane.format.mediaType + " · ", .dim)]
        }
        switch pane.state {
        case .open: first += [Run("● open", .success), Run("  Esc stops it", .dim)]
        case .closedByServer: first.append(Run("■ closed by server", .dim))
        case .cancelled: first.append(Run("■ cancelled", .warning))
        case .timedOut: first.append(Run("■ timed out", .warning))
        case .failed(let error): first.append(Run("✗ failed: " + error.description, .error))
        }
        let log = pane.log
        var second = [Run("\(log.received) event\(log.received == 1 ? "" : "s")")]
        if log.invalid > 0 { second.append(Run(" · \(log.invalid) invalid", .warning)) }
        if log.dropped > 0 { second.append(Run(" · the newest \(log.count) shown, \(log.dropped) dropped", .dim)) }
        second.append(Run(pane.checkedAgainst.map { " · checked against " + $0 } ?? " · no item schema to check against", .dim))
        return [first, second]
    }

    /// One entry's line: `▸ +0.213s #3 tick id=2 {"n":1}`, a problem or a mismatch marked with ✗.
    static func line(for event: StreamEvent, unfolded: Bool) -> [Run] {
        var runs = [Run(unfolded ? "▾ " : "▸ ", .dim), Run(String(format: "+%.3fs", event.time.milliseconds / 1000), .dim), Run(" #\(event.index)", .dim)]
        if !event.isValid { runs.append(Run(" ✗", event.item.problem == nil ? .warning : .error)) }
        if let problem = event.item.problem {
            runs.append(Run(" " + (event.item.line.map { "line \($0): " } ?? "") + problem.description, .error))
            return runs
        }
        if let name = event.item.event { runs.append(Run(" " + name, .accent)) }
        if let id = event.item.id { runs.append(Run(" id=" + id, .dim)) }
        runs.append(Run("  " + oneLine(event.item.data), event.item.json == nil ? .plain : .jsonString))
        return runs
    }

    /// The data on one line, cut long before any pane's width (a 16 MB event is never laid out whole).
    private static func oneLine(_ data: String) -> String {
        let head = data.prefix(400)
        let text = String(head).replacingOccurrences(of: "\n", with: "⏎")
        return head.endIndex < data.endIndex ? text + "…" : text
    }
}
