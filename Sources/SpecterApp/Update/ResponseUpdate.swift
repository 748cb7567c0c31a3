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
            case .enter:
                editSession(entry) { session, _, _ in
                    session.response.search = nil
                    session.response.term = search.text
                }
                findMatches(entry, height: height, forward: true, fromCursor: true)
            default:
                _ = search.handle(key)
                editSession(entry) { session, _, _ in
                    session.response.search = search
                    session.response.term = search.text
                }
                findMatches(entry, height: height, forward: true, fromCursor: true)
            }
            return []
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
            overlay = .prompt(Prompt(title: "Save the body (\(ResponseBody.size(response.body.count))) to the file", purpose: .saveBody, input: TextInput()))
            return []
        case .character("/"):
            editSession(entry) { session, _, _ in session.response.search = TextInput() }
            return []
        case .character("n"), .character("N"):
            findMatches(entry, height: height, forward: key == .character("n"), fromCursor: false)
            return []
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
                let isOpening: (Int) -> Bool = { visible.indices.contains($0) && body.lines[visible[$0]].closes != nil }
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

    /// Lines of the body that contain the search term; moves the cursor to the next one.
    private mutating func findMatches(_ entry: Int, height: Int, forward: Bool, fromCursor: Bool) {
        editSession(entry) { session, _, _ in
            let term = session.response.term.lowercased()
            guard !term.isEmpty, let body = session.response.body else {
                session.response.matches = []
                return
            }
            var matches: [Int] = []
            for line in body.lines.indices where body.text(line).lowercased().contains(term) { matches.append(line) }
            session.response.matches = matches
            guard !matches.isEmpty else { return }
            // A match inside a folded part unfolds it.
            let visibleNow = body.visible(folded: session.response.folded)
            let current = visibleNow.indices.contains(session.response.cursor) ? visibleNow[session.response.cursor] : 0
            let target: Int
            if forward {
                target = matches.first { fromCursor ? $0 >= current : $0 > current } ?? matches[0]
            } else {
                target = matches.last { $0 < current } ?? matches[matches.count - 1]
            }
            session.response.folded = session.response.folded.filter { opening in !(opening < target && (body.lines[opening].closes ?? 0) >= target) }
            let visible = body.visible(folded: session.response.folded)
            var list = ListState(selection: visible.firstIndex(of: target) ?? 0, offset: session.response.top)
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
