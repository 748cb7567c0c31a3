import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterTerminal

/// The response pane: tabs for the documentation, the body (status, schema verdict, pretty body
/// with folding, line numbers and search), the headers, and exactly what was sent (with curl).
enum ResponseView {
    static func tabTitles(_ session: OperationSession?) -> [String] {
        ResponseViewState.Tab.allCases.map { tab in
            if tab == .body, case .received(let exchange)? = session?.status, case .success(let response) = exchange.result { return "Body \(response.status)" }
            return tab.title
        }
    }

    static func draw(_ session: OperationSession, workspace: Workspace, state: AppState, focused: Bool, frame: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let inner = frame.inset(by: 1)
        Tabs.draw(tabTitles(session), selected: session.response.tab.rawValue, focused: focused, palette: theme.palette, in: inner.row(0), into: &buffer)
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
            let lines = plainLines(session, tab: session.response.tab, theme: theme, width: content.width)
            ScrollView.draw(lines, state: session.response.scroll, palette: theme.palette, in: content, into: &buffer)
        }
    }

    /// Status, time and size, then the schema verdict and mismatches (or why there is nothing).
    static func summaryLines(_ session: OperationSession, theme: Theme, width: Int, now: Duration = .zero) -> [[Span]] {
        switch session.status {
        case .idle:
            return [[Span("Nothing sent yet. ", theme.palette.dim), Span("F5", theme.palette.key), Span(" or ", theme.palette.dim), Span("Ctrl-J", theme.palette.key), Span(" sends the request.", theme.palette.dim)]]
        case .sending(_, let since):
            let elapsed = max(Duration.zero, now - since)
            return [[Span(Spinner.frame(Int(elapsed / .milliseconds(100))) + " ", theme.palette.accent), Span("Sending… " + seconds(elapsed)), Span("  Esc cancels", theme.palette.dim)]]
        case .failed(let reason):
            return Markdown.wrap([Span("✗ ", theme.palette.error), Span(reason, theme.palette.error)], width: width)
        case .received(let exchange):
            guard case .success(let response) = exchange.result else { return [] }
            var lines: [[Span]] = [[Span("\(response.status) \(response.reason)", theme.status(response.status)),
                                   Span(" · " + response.duration.millisecondsText + " · " + ByteCount.text(response.body.count), theme.palette.dim)]]
            if let verdict = exchange.verdict {
                lines.append(verdict.conforms ? [Span("✓ " + verdict.summary, theme.palette.success)] : [Span("✗ " + verdict.summary, theme.palette.warning)])
                for mismatch in verdict.mismatches.prefix(5) {
                    lines.append([Span("  " + (mismatch.readablePath.isEmpty ? "(body)" : mismatch.readablePath), .bold), Span(": " + mismatch.message)])
                }
                if verdict.mismatches.count > 5 { lines.append([Span("  … \(verdict.mismatches.count - 5) more", theme.palette.dim)]) }
            }
            if !exchange.fieldErrors.isEmpty {
                lines.append([Span("The server's messages are shown on the fields they name.", theme.palette.dim)])
            }
            if let body = exchange.body {
                switch body.content {
                case .binary, .large(isText: false):
                    lines.append([Span("Binary body: " + body.summary + " — ", theme.palette.dim), Span("s", theme.palette.key), Span(" saves it to a file", theme.palette.dim)])
                case .large(isText: true):
                    lines.append([Span("Large body (\(body.summary)), read from its file: no folding — ", theme.palette.dim), Span("s", theme.palette.key),
                                  Span(" saves it", theme.palette.dim)])
                case .empty, .text:
                    break
                }
            }
            return lines
        }
    }

    private static func drawBody(_ session: OperationSession, state: AppState, focused: Bool, in area: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let summary = summaryLines(session, theme: theme, width: area.width, now: state.now)
        for (index, line) in summary.enumerated() where index < area.height {
            buffer.draw(line, at: Point(x: area.x, y: area.y + index), clip: area.row(index))
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
            var spans = line.spans
            if folded, let summaryText = line.foldedSummary {
                spans = line.spans.dropLast() + [Span(summaryText, theme.palette.accent)]
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

    /// The Headers and Request tabs as plain lines.
    static func plainLines(_ session: OperationSession, tab: ResponseViewState.Tab, theme: Theme, width: Int) -> [[Span]] {
        guard let exchange = session.exchange else {
            return [[Span("Nothing sent yet: F5 sends the request.", theme.palette.dim)]]
        }
        switch tab {
        case .headers:
            guard case .success(let response) = exchange.result else { return [] }
            var lines = response.headers.fields.map { [Span($0.name.lowercased(), theme.jsonKey), Span(": " + $0.value)] }
            for hop in response.redirects {
                lines.append([Span("redirect \(hop.status) → \(hop.to.absoluteString)", theme.palette.dim)]
                             + (hop.dropped.isEmpty ? [] : [Span("  dropped \(hop.dropped.joined(separator: ", ")) (another origin)", theme.palette.warning)]))
            }
            return lines.isEmpty ? [[Span("No headers", theme.palette.dim)]] : lines
        case .request:
            let built = exchange.built
            let redactor = built.redactor
            var lines: [[Span]] = [[Span(built.request.method, theme.method(built.request.method)), Span(" " + redactor.redact(built.request.url.absoluteString))]]
            lines += redactor.redact(built.request.headers).fields.map { [Span($0.name, theme.jsonKey), Span(": " + $0.value)] }
            if let body = built.body {
                lines.append([])
                if body.contentType.hasPrefix("multipart/") {
                    lines.append([Span("(multipart body, \(ByteCount.text(body.bytes.count)); files: \(body.files.joined(separator: ", ")))", theme.palette.dim)])
                } else if let text = String(validating: body.bytes, as: UTF8.self) {
                    let shown = (try? JSONParser.parse(body.bytes)).map { JSONWriter.pretty.string($0) } ?? text
                    lines += redactor.redact(shown).split(separator: "\n", omittingEmptySubsequences: false).map { [Span(String($0))] }
                } else {
                    lines.append([Span("(binary body, \(ByteCount.text(body.bytes.count)))", theme.palette.dim)])
                }
            }
            lines += [[], [Span("As curl (y copies it):", theme.palette.header)]]
            lines += CurlCommand.render(built).split(separator: "\n").map { [Span(String($0), theme.code)] }
            return lines
        default:
            return []
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let tenths = Int(duration / .milliseconds(100))
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
