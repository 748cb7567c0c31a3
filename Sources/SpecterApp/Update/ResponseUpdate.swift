import SpecterHTTP
import SpecterRequest
import SpecterTerminal

extension Workspace {
    mutating func handleResponse(_ key: KeyPress, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        let height = context.layout.responseContent.height - bodyHeaderHeight(session)
        if var search = session.response.search {
            switch key {
            case .escape:
                editSession(entry) { session, _, _ in session.response.search = nil }
                return []
            case .enter:
                editSession(entry) { session, _, _ in
                    session.response.search = nil
                    session.response.term = search.text
                }
                return findMatches(entry, height: height, forward: true, fromCursor: true)
            default:
                _ = search.handle(key)
                editSession(entry) { session, _, _ in
                    session.response.search = search
                    session.response.term = search.text
                }
                // A large body is searched once the term is complete (Enter), not on every keystroke.
                if session.response.body?.file != nil { return [] }
                return findMatches(entry, height: height, forward: true, fromCursor: true)
            }
        }
        switch key {
        case .tab, .backTab:
            focus = .form
            return []
        case .escape:
            if !session.response.term.isEmpty {
                editSession(entry) { session, _, _ in
                    session.response.term = ""
                    session.response.matches = []
                }
            } else {
                focus = .form
            }
            return []
        case .left, .right:
            let step = key == .left ? -1 : 1
            editSession(entry) { session, _, _ in
                let all = ResponseViewState.Tab.allCases
                session.response.tab = all[(session.response.tab.rawValue + step + all.count) % all.count]
                session.response.scroll = ScrollState()
            }
            return []
        case .character("y"):
            guard let exchange = session.exchange else {
                notify("Nothing sent yet: F5 sends the request", kind: .info, now: context.now)
                return []
            }
            editSession(entry) { session, _, _ in session.response.tab = .request }
            notify("Copied the request as curl (see the Request tab)", kind: .success, now: context.now)
            return copyCurl(exchange)
        case .character("s"):
            guard let exchange = session.exchange, case .success(let response) = exchange.result, !response.body.isEmpty else {
                notify("There is no body to save", kind: .info, now: context.now)
                return []
            }
            overlay = .prompt(Prompt(title: "Save the body (\(ByteCount.text(response.body.count))) to the file", purpose: .saveBody, input: TextInput()))
            return []
        case .character("/"):
            editSession(entry) { session, _, _ in session.response.search = TextInput() }
            return []
        case .character("n"), .character("N"):
            return findMatches(entry, height: height, forward: key == .character("n"), fromCursor: false)
        default:
            break
        }
        switch session.response.tab {
        case .docs:
            let lines = docs.lines
            switch docs.list.handle(key, rowCount: lines.count, pageHeight: height, isHeader: { lines.indices.contains($0) && lines[$0].foldKey != nil }) {
            case .toggled(let row, _): toggleDocsFold(row, context)
            default: break
            }
            docs.list.reveal(height: height, rowCount: docs.lines.count)
        case .body:
            guard let body = session.response.body else { return [] }
            editSession(entry) { session, _, _ in
                let visible = body.visible(folded: session.response.folded)
                var list = ListState(selection: session.response.cursor, offset: session.response.top)
                let isOpening: (Int) -> Bool = { visible.indices.contains($0) && body.closing(visible[$0]) != nil }
                switch list.handle(key, rowCount: visible.count, pageHeight: height, isHeader: isOpening) {
                case .toggled(let row, let open):
                    let line = visible[row]
                    if open ?? session.response.folded.contains(line) { session.response.folded.remove(line) } else { session.response.folded.insert(line) }
                default:
                    break
                }
                let shown = body.visible(folded: session.response.folded)
                list.reveal(height: height, rowCount: shown.count)
                session.response.cursor = list.selection
                session.response.top = list.offset
            }
        case .headers, .request:
            let count = ResponseView.plainLines(session, tab: session.response.tab, theme: context.theme, width: context.layout.responseContent.width).count
            editSession(entry) { session, _, _ in _ = session.response.scroll.handle(key, lineCount: count, height: height) }
        }
        return []
    }

    /// Lines above the body's own lines in the Body tab (status and verdict).
    func bodyHeaderHeight(_ session: OperationSession) -> Int {
        session.response.tab == .body ? ResponseView.summaryLines(session, theme: .monochrome, width: 200).count : 0
    }

    /// Lines of the body that contain the search term; moves the cursor to the next one. A body read
    /// from its file is searched by an effect, whose result comes back as `bodySearched`.
    private mutating func findMatches(_ entry: Int, height: Int, forward: Bool, fromCursor: Bool) -> [Effect] {
        guard let session = sessions[entry], let body = session.response.body else { return [] }
        let term = session.response.term.lowercased()
        if let file = body.file, !term.isEmpty, fromCursor {
            return [.searchBody(entry: entry, term: term, file)]
        }
        editSession(entry) { session, _, _ in
            if fromCursor { session.response.matches = term.isEmpty ? [] : body.matches(term) }
        }
        moveToMatch(entry, height: height, forward: forward, fromCursor: fromCursor)
        return []
    }

    /// The search of a large body finished.
    mutating func bodySearched(entry: Int, term: String, lines: [Int], truncated: Bool, _ context: UpdateContext) {
        guard let session = sessions[entry], session.response.term.lowercased() == term else { return }
        editSession(entry) { session, _, _ in session.response.matches = lines }
        if truncated { notify("Showing the first \(lines.count) matching lines", kind: .info, now: context.now) }
        moveToMatch(entry, height: context.layout.responseContent.height - bodyHeaderHeight(session), forward: true, fromCursor: true)
    }

    /// Moves the cursor to the next (or previous) match, unfolding what hides it, and puts it mid-pane.
    private mutating func moveToMatch(_ entry: Int, height: Int, forward: Bool, fromCursor: Bool) {
        editSession(entry) { session, _, _ in
            let matches = session.response.matches
            guard let body = session.response.body, !matches.isEmpty else { return }
            let visibleNow = body.visible(folded: session.response.folded)
            let current = visibleNow.indices.contains(session.response.cursor) ? visibleNow[session.response.cursor] : 0
            let target: Int
            if forward {
                target = matches.first { fromCursor ? $0 >= current : $0 > current } ?? matches[0]
            } else {
                target = matches.last { $0 < current } ?? matches[matches.count - 1]
            }
            // A match inside a folded part unfolds it.
            session.response.folded = session.response.folded.filter { opening in !(opening < target && (body.closing(opening) ?? 0) >= target) }
            let visible = body.visible(folded: session.response.folded)
            let row = visible.row(of: target) ?? 0
            var list = ListState(selection: row, offset: session.response.top)
            if !(list.offset...(list.offset + max(0, height - 1))).contains(row) { list.offset = max(0, row - height / 2) }
            list.reveal(height: height, rowCount: visible.count)
            session.response.cursor = list.selection
            session.response.top = list.offset
        }
    }

    mutating func mouseInResponse(_ mouse: MouseEvent, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        let layout = context.layout
        let tabsRow = layout.operation.response.inset(by: 1).row(0)
        if case .press(button: 1) = mouse.action, tabsRow.contains(mouse.position) {
            let ranges = Tabs.ranges(ResponseView.tabTitles(session), in: tabsRow)
            if let tab = Tabs.hit(ranges, x: mouse.position.x) {
                editSession(entry) { session, _, _ in session.response.tab = ResponseViewState.Tab.allCases[tab] }
            }
            return []
        }
        let key: KeyPress
        switch mouse.action {
        case .wheelDown: key = .down
        case .wheelUp: key = .up
        default: return []
        }
        for _ in 0..<3 { _ = handleResponse(key, entry: entry, context) }
        return []
    }
}
