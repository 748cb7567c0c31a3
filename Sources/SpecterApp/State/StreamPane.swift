import SpecterJSON
import SpecterRequest

/// A streamed response in the response pane: the events kept (a bounded `StreamLog`), how the
/// stream stands, which entry is selected, which are unfolded and where the view starts, all by the
/// event's index in the stream (never by screen row), so events arriving move nothing under the user.
struct StreamPane: Sendable {
    let requestID: Int
    let format: StreamFormat
    /// What items are checked against (`the itemSchema of 200 text/event-stream`), if anything.
    let checkedAgainst: String?
    var log = StreamLog()
    var state: StreamState = .open
    /// The selected event; `nil` follows the newest.
    var selected: Int?
    /// The first event on screen; `nil` while following (the newest end at the bottom).
    var top: Int?
    /// Unfolded events, with their lines worked out once (pretty JSON, mismatches first).
    var unfolded: [Int: [[Run]]] = [:]

    /// Most lines an unfolded event shows (the rest are counted).
    static let unfoldedLineLimit = 400

    init(requestID: Int, format: StreamFormat, checkedAgainst: String?) {
        self.requestID = requestID
        self.format = format
        self.checkedAgainst = checkedAgainst
    }

    /// New events: kept within the log's bounds; what pointed at dropped ones moves to the oldest kept.
    mutating func receive(_ batch: StreamBatch) {
        log.append(batch)
        guard let first = log[0]?.index else { return }
        if unfolded.keys.contains(where: { $0 < first }) { unfolded = unfolded.filter { $0.key >= first } }
        if let selected, selected < first { self.selected = first }
        if let top, top < first { self.top = first }
    }

    /// Where the selected entry is in the log (the newest when following).
    var selectedPosition: Int? {
        guard !log.isEmpty else { return nil }
        return selected.flatMap(log.position(ofIndex:)) ?? log.count - 1
    }

    /// Rows an entry takes: its line, and its unfolded lines.
    func rows(at position: Int) -> Int {
        guard let event = log[position] else { return 0 }
        return 1 + (unfolded[event.index]?.count ?? 0)
    }

    /// The first position on screen: as kept, or (following) as far back as the newest entries fill `height`.
    func topPosition(height: Int) -> Int {
        if let top, let position = log.position(ofIndex: top) { return position }
        var position = log.count
        var used = 0
        while position > 0, used + rows(at: position - 1) <= height {
            position -= 1
            used += rows(at: position)
        }
        return min(position, max(0, log.count - 1))
    }

    /// Moves the view so the entry at `position` shows whole (or from its first row, when taller than the pane).
    mutating func reveal(_ position: Int, height: Int) {
        var first = topPosition(height: height)
        if position < first {
            first = position
        } else {
            var used = (first...position).reduce(0) { $0 + rows(at: $1) }
            while used > height, first < position {
                used -= rows(at: first)
                first += 1
            }
        }
        top = log[first]?.index
    }

    /// An event's unfolded lines: where it does not match its schema, then its data pretty-printed
    /// (JSON) or line by line (text), at most `unfoldedLineLimit` of them.
    static func lines(for event: StreamEvent) -> [[Run]] {
        var lines: [[Run]] = []
        if let problem = event.item.problem { lines.append([Run("    ✗ " + problem.description, .error)]) }
        for mismatch in event.mismatches {
            lines.append([Run("    ✗ ", .warning), Run(mismatch.readablePath.isEmpty ? "(item)" : mismatch.readablePath, .bold), Run(": " + mismatch.message)])
        }
        if let json = event.item.json {
            let body = BodyLines(json: json)
            let window = body.window(body.visible(folded: []), from: 0, count: unfoldedLineLimit)
            lines += window.map { [Run("    ")] + $0.line.runs }
            if body.count > unfoldedLineLimit { lines.append([Run("    … \(body.count - unfoldedLineLimit) more lines", .dim)]) }
        } else {
            let text = event.item.data.split(separator: "\n", omittingEmptySubsequences: false)
            lines += text.prefix(unfoldedLineLimit).map { [Run("    " + String($0))] }
            if text.count > unfoldedLineLimit { lines.append([Run("    … \(text.count - unfoldedLineLimit) more lines", .dim)]) }
        }
        return lines
    }
}
