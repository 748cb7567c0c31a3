import SpecterSpec
import SpecterTerminal

extension Workspace {
    mutating func handleBrowse(_ key: KeyPress, _ context: UpdateContext) -> [Effect] {
        if browser.isFiltering { return handleFilter(key, context) }
        if key == .tab || key == .backTab {
            focus = focus == .list ? .docs : .list
            return []
        }
        if focus == .docs { return handleDocs(key, context) }
        if key == .character("/") {
            // A new filter, as a new search starts empty.
            browser.filter = TextInput()
            browser.isFiltering = true
            browser.rebuild(index: index, candidates: candidates)
            return []
        }
        if key == .escape, !browser.query.isEmpty {
            clearFilter(context)
            return []
        }
        let rows = context.layout.listRows(filtering: !browser.query.isEmpty)
        let outcome = browser.list.handle(key, rowCount: browser.rows.count, pageHeight: rows.height, isHeader: browser.isHeader)
        return afterList(outcome, context)
    }

    private mutating func handleFilter(_ key: KeyPress, _ context: UpdateContext) -> [Effect] {
        switch key {
        case .escape:
            clearFilter(context)
        case .enter:
            browser.isFiltering = false
            if let entry = browser.selectedEntry { openOperation(entry, context) }
        case .up, .down, .pageUp, .pageDown, .control("n"), .control("p"):
            let rows = context.layout.listRows(filtering: true)
            _ = browser.list.handle(key, rowCount: browser.rows.count, pageHeight: rows.height, isHeader: browser.isHeader)
            browser.list.reveal(height: rows.height, rowCount: browser.rows.count)
            refreshDocs(context)
        case .tab:
            browser.isFiltering = false
        default:
            if browser.filter.handle(key) == .edited {
                browser.rebuild(index: index, candidates: candidates)
                refreshDocs(context)
            }
        }
        return []
    }

    private mutating func clearFilter(_ context: UpdateContext) {
        browser.isFiltering = false
        browser.filter = TextInput()
        browser.rebuild(index: index, candidates: candidates)
        browser.list.reveal(height: context.layout.listRows(filtering: false).height, rowCount: browser.rows.count)
        refreshDocs(context)
    }

    private mutating func afterList(_ outcome: ListState.Outcome, _ context: UpdateContext) -> [Effect] {
        let rows = context.layout.listRows(filtering: !browser.query.isEmpty)
        switch outcome {
        case .activated(let row):
            if case .operation(let entry, _) = browser.rows[row] { openOperation(entry, context) }
        case .toggled(let row, let open):
            guard case .group(let group) = browser.rows[row] else { break }
            let shouldOpen = open ?? browser.collapsed.contains(group)
            if shouldOpen { browser.collapsed.remove(group) } else { browser.collapsed.insert(group) }
            browser.rebuild(index: index, candidates: candidates)
            browser.list.selection = browser.rows.firstIndex(of: .group(group)) ?? row
        case .moved, .ignored:
            break
        }
        browser.list.reveal(height: rows.height, rowCount: browser.rows.count)
        refreshDocs(context)
        return []
    }

    private mutating func handleDocs(_ key: KeyPress, _ context: UpdateContext) -> [Effect] {
        let height = context.layout.browse.docs.inset(by: 1).height
        let lines = docs.lines
        switch docs.list.handle(key, rowCount: lines.count, pageHeight: height, isHeader: { lines.indices.contains($0) && lines[$0].foldKey != nil }) {
        case .toggled(let row, _): toggleDocsFold(row, context)
        default: break
        }
        docs.list.reveal(height: height, rowCount: docs.lines.count)
        return []
    }

    mutating func toggleDocsFold(_ row: Int, _ context: UpdateContext) {
        guard docs.lines.indices.contains(row), let key = docs.lines[row].foldKey else { return }
        if docs.toggled.contains(key) { docs.toggled.remove(key) } else { docs.toggled.insert(key) }
        rebuildDocs(width: docs.width, context)
    }

    /// Makes the documentation pane show the selected (or open) operation at the current width.
    mutating func refreshDocs(_ context: UpdateContext) {
        let width: Int
        switch screen {
        case .operation: width = context.layout.responseContent.width - 1
        default: width = context.layout.browse.docs.inset(by: 1).width - 1
        }
        guard let entry = selectedEntry else {
            docs = DocsState()
            return
        }
        if docs.entry != entry {
            docs = DocsState()
            docs.entry = entry
        } else if docs.width == width {
            return
        }
        rebuildDocs(width: width, context)
    }

    private mutating func rebuildDocs(width: Int, _ context: UpdateContext) {
        guard let entry = docs.entry else { return }
        docs.width = width
        docs.lines = DocsBuilder.lines(for: index.entries[entry].operation, in: document, width: width, toggled: docs.toggled, theme: context.theme)
        docs.list.selection = min(docs.list.selection, max(0, docs.lines.count - 1))
    }

    mutating func openOperation(_ entry: Int, _ context: UpdateContext) {
        let operation = index.entries[entry].operation
        if sessions[entry] == nil { sessions[entry] = OperationSession(entry: entry, operation: operation, service: service) }
        screen = .operation(entry)
        focus = .form
        refreshDocs(context)
    }

    mutating func handleHistory(_ key: KeyPress, _ context: UpdateContext) -> [Effect] {
        switch key {
        case .escape, .character("H"):
            screen = .browse
            focus = .list
            refreshDocs(context)
            return []
        case .character("y"):
            guard history.indices.contains(historyIndex(historyList.selection)) else { return [] }
            return copyCurl(history[historyIndex(historyList.selection)].exchange)
        default:
            switch historyList.handle(key, rowCount: history.count, pageHeight: context.layout.history.height - 1, isHeader: { _ in false }) {
            case .activated(let row):
                reopen(historyIndex(row), context)
            default:
                historyList.reveal(height: context.layout.history.height - 1, rowCount: history.count)
            }
            return []
        }
    }

    /// History is listed newest first.
    func historyIndex(_ row: Int) -> Int { history.count - 1 - row }

    mutating func reopen(_ position: Int, _ context: UpdateContext) {
        guard history.indices.contains(position) else { return }
        let item = history[position]
        var session = item.session
        session.status = .received(item.exchange)
        session.response.tab = .body
        session.editedSinceSend = false
        sessions[item.entry] = session
        screen = .operation(item.entry)
        focus = .response
        refreshDocs(context)
    }

    mutating func handleMouse(_ mouse: MouseEvent, _ context: UpdateContext) -> [Effect] {
        let layout = context.layout
        switch screen {
        case .browse:
            if layout.browse.list.contains(mouse.position) || mouse.action != .press(button: 1) && focus == .list {
                focus = .list
                let outcome = browser.list.handle(mouse, in: layout.listRows(filtering: !browser.query.isEmpty), rowCount: browser.rows.count)
                return afterList(outcome, context)
            }
            if layout.browse.docs.contains(mouse.position) || focus == .docs {
                focus = .docs
                let area = layout.browse.docs.inset(by: 1)
                switch docs.list.handle(mouse, in: area, rowCount: docs.lines.count) {
                case .activated(let row): toggleDocsFold(row, context)
                default: break
                }
            }
            return []
        case .operation(let entry):
            return mouseInOperation(mouse, entry: entry, context)
        case .history:
            if case .activated(let row) = historyList.handle(mouse, in: layout.history.inset(top: 1), rowCount: history.count) { reopen(historyIndex(row), context) }
            return []
        }
    }
}
