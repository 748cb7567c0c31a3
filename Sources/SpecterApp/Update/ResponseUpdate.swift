import SpecterHTTP
import SpecterRequest
import SpecterTerminal

extension Workspace {
    /// An action in the response pane: tabs, moving and folding in the body, search, curl, saving.
    mutating func performInResponse(_ action: Action, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        let height = bodyHeight(session, context)
        if session.response.search != nil { return performInSearch(action, entry: entry, height: height) }
        if session.response.tab == .body, session.response.stream != nil, performInStream(action, entry: entry, context) { return [] }
        switch action {
        case .nextPane, .previousPane:
            focus = .form
        case .back:
            if session.response.term.isEmpty {
                focus = .form
            } else {
                editSession(entry) { session in
                    session.response.term = ""
                    session.response.matches = []
                }
            }
        case .left, .right:
            editSession(entry) { session in
                let all = ResponseViewState.Tab.allCases
                session.response.tab = all[(session.response.tab.rawValue + (action == .left ? -1 : 1) + all.count) % all.count]
                session.response.scroll = ScrollState()
            }
        case .copyRequest:
            guard let exchange = session.exchange else {
                notify("Nothing sent yet: F5 sends the request", kind: .info, now: context.now)
                return []
            }
            editSession(entry) { session in session.response.tab = .request }
            chooseCopyFormat(exchange)
        case .copyCurlWithSecrets, .copyBody:
            guard let exchange = session.exchange else {
                notify("Nothing sent yet: F5 sends the request", kind: .info, now: context.now)
                return []
            }
            if action == .copyBody { return copyBody(exchange, context) }
            copyCurlWithSecrets(exchange)
        case .saveBody:
            guard let exchange = session.exchange, case .success(let response) = exchange.result, !response.body.isEmpty else {
                notify("There is no body to save", kind: .info, now: context.now)
                return []
            }
            overlay = .prompt(Prompt(title: "Save the body (\(ByteCount.text(response.body.count))) to the file", purpose: .saveBody, input: TextInput()))
        case .filter:
            editSession(entry) { session in
                session.response.tab = .body
                session.response.search = TextInput()
            }
        case .wrapLines:
            editSession(entry) { session in session.response.wraps.toggle() }
            notify(sessions[entry]?.response.wraps == true ? "Long lines wrap (w cuts them)" : "Long lines are cut at the edge (w wraps them)", kind: .info, now: context.now)
        case .nextMatch, .previousMatch:
            return findMatches(entry, height: height, forward: action == .nextMatch, fromCursor: false)
        default:
            moveInResponse(action, entry: entry, height: height, width: context.layout.responseContent.width)
        }
        return []
    }

    /// Typing a search: matches follow as it is typed; a long body is searched by an effect, so a
    /// keystroke never waits for it (its matches follow).
    private mutating func performInSearch(_ action: Action, entry: Int, height: Int) -> [Effect] {
        switch action {
        case .back:
            editSession(entry) { session in session.response.search = nil }
            return []
        case .open:
            editSession(entry) { session in session.response.search = nil }
            return findMatches(entry, height: height, forward: true, fromCursor: true)
        case .type(let key):
            var edited = false
            editSession(entry) { session in
                edited = session.response.search?.handle(key) == .edited
                session.response.term = session.response.search?.text ?? ""
            }
            guard edited else { return [] }
            return findMatches(entry, height: height, forward: true, fromCursor: true)
        default:
            return []
        }
    }

    /// Moving (and folding, in the body) in the selected tab.
    private mutating func moveInResponse(_ action: Action, entry: Int, height: Int, width: Int) {
        guard let session = sessions[entry], let command = action == .open ? .toggle : action.listCommand else { return }
        switch session.response.tab {
        case .docs:
            let lines = docs.lines
            let outcome = docs.list.perform(command, rowCount: lines.count, pageHeight: height) { lines.indices.contains($0) && lines[$0].foldKey != nil }
            if case .toggled(let row, _) = outcome { toggleDocsFold(row) }
            docs.list.reveal(height: height, rowCount: docs.lines.count)
        case .body:
            guard let body = session.response.body else { return }
            editSession(entry) { session in
                let visible = body.visible(folded: session.response.folded)
                var list = ListState(selection: session.response.cursor, offset: session.response.top)
                let outcome = list.perform(command, rowCount: visible.count, pageHeight: height) { visible.indices.contains($0) && body.closing(visible[$0]) != nil }
                if case .toggled(let row, let open) = outcome {
                    let line = visible[row]
                    if open ?? session.response.folded.contains(line) { session.response.folded.remove(line) } else { session.response.folded.insert(line) }
                }
                list.reveal(height: height, rowCount: body.visible(folded: session.response.folded).count)
                session.response.cursor = list.selection
                session.response.top = list.offset
            }
        case .headers, .request:
            let count = ResponseText.lines(session, tab: session.response.tab, width: width - 1).count
            editSession(entry) { session in _ = session.response.scroll.perform(command, lineCount: count, height: height) }
        }
    }

    /// Lines the selected tab has for its content: below the status and verdict in the Body tab,
    /// above the search line when there is one.
    func bodyHeight(_ session: OperationSession, _ context: UpdateContext) -> Int {
        let content = context.layout.responseContent
        let summary = session.response.tab == .body ? ResponseText.summary(session, width: content.width).count : 0
        let searchLine = session.response.search != nil || !session.response.term.isEmpty ? 1 : 0
        return max(1, content.height - summary - searchLine)
    }

    /// Lines of the body that contain the search term; moves the cursor to the next one. A body read
    /// from its file is searched by an effect, whose result comes back as `bodySearched`.
    private mutating func findMatches(_ entry: Int, height: Int, forward: Bool, fromCursor: Bool) -> [Effect] {
        guard let session = sessions[entry], let body = session.response.body else { return [] }
        let term = session.response.term.lowercased()
        if body.isSearchedAside, !term.isEmpty, fromCursor { return [.searchBody(entry: entry, term: term, body)] }
        if fromCursor { editSession(entry) { session in session.response.matches = body.search(term).lines } }
        moveToMatch(entry, height: height, forward: forward, fromCursor: fromCursor)
        return []
    }

    /// The search of a large body finished.
    mutating func bodySearched(entry: Int, term: String, lines: [Int], truncated: Bool, _ context: UpdateContext) {
        guard let session = sessions[entry], session.response.term.lowercased() == term else { return }
        editSession(entry) { session in session.response.matches = lines }
        if truncated { notify("Showing the first \(lines.count) matching lines", kind: .info, now: context.now) }
        moveToMatch(entry, height: bodyHeight(session, context), forward: true, fromCursor: true)
    }

    /// Moves the cursor to the next (or previous) match, unfolding what hides it, and shows it in the
    /// middle of the pane when it was off screen.
    private mutating func moveToMatch(_ entry: Int, height: Int, forward: Bool, fromCursor: Bool) {
        editSession(entry) { session in
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
        let tabsRow = context.layout.operation.response.inset(by: 1).row(0)
        switch mouse.action {
        case .press(button: 1) where tabsRow.contains(mouse.position):
            if let tab = Tabs.hit(Tabs.ranges(session.responseTabTitles, in: tabsRow), x: mouse.position.x) {
                editSession(entry) { session in session.response.tab = ResponseViewState.Tab.allCases[tab] }
            }
        case .wheelDown, .wheelUp:
            for _ in 0..<3 { moveInResponse(mouse.action == .wheelDown ? .down : .up, entry: entry, height: bodyHeight(session, context), width: context.layout.responseContent.width) }
        default:
            break
        }
        return []
    }
}
