import Foundation
import SpecterRequest
import SpecterSpec
import SpecterTerminal

extension Workspace {
    /// An action on the endpoint list, its filter, or the documentation pane beside it.
    mutating func performInBrowse(_ action: Action, _ context: UpdateContext) -> [Effect] {
        if browser.isFiltering { return performInFilter(action, context) }
        if focus == .docs { return performInDocs(action, context) }
        switch action {
        case .nextPane, .previousPane:
            focus = .docs
        case .filter:
            // A new filter, as a new search starts empty.
            browser.filter = TextInput()
            browser.isFiltering = true
            browser.rebuild(index: index, candidates: candidates)
        case .back:
            if !browser.query.isEmpty { clearFilter(context) }
        case .overview:
            screen = .overview
            overview = DocsState()
            refreshOverview(context)
        default:
            guard let command = action.listCommand else { return [] }
            let rows = context.layout.listRows(filtering: !browser.query.isEmpty)
            let outcome = browser.list.perform(command, rowCount: browser.rows.count, pageHeight: rows.height, isHeader: browser.isHeader)
            afterList(outcome, context)
        }
        return []
    }

    private mutating func performInFilter(_ action: Action, _ context: UpdateContext) -> [Effect] {
        switch action {
        case .back:
            clearFilter(context)
        case .open:
            browser.isFiltering = false
            if let entry = browser.selectedEntry { openOperation(entry, context) }
        case .nextPane:
            browser.isFiltering = false
        case .type(let key):
            if browser.filter.handle(key) == .edited {
                browser.rebuild(index: index, candidates: candidates)
                refreshDocs(context)
            }
        default:
            guard let command = action.listCommand else { return [] }
            let rows = context.layout.listRows(filtering: true)
            _ = browser.list.perform(command, rowCount: browser.rows.count, pageHeight: rows.height, isHeader: browser.isHeader)
            browser.list.reveal(height: rows.height, rowCount: browser.rows.count)
            refreshDocs(context)
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

    private mutating func afterList(_ outcome: ListState.Outcome, _ context: UpdateContext) {
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
    }

    private mutating func performInDocs(_ action: Action, _ context: UpdateContext) -> [Effect] {
        if action == .nextPane || action == .previousPane || action == .back {
            focus = .list
            return []
        }
        guard let command = action == .open ? .toggle : action.listCommand else { return [] }
        let height = context.layout.browse.docs.inset(by: 1).height
        let lines = docs.lines
        let outcome = docs.list.perform(command, rowCount: lines.count, pageHeight: height) { lines.indices.contains($0) && lines[$0].foldKey != nil }
        if case .toggled(let row, _) = outcome { toggleDocsFold(row) }
        docs.list.reveal(height: height, rowCount: docs.lines.count)
        return []
    }

    mutating func toggleDocsFold(_ row: Int) {
        guard docs.lines.indices.contains(row), let key = docs.lines[row].foldKey else { return }
        if docs.toggled.contains(key) { docs.toggled.remove(key) } else { docs.toggled.insert(key) }
        rebuildDocs(width: docs.width)
    }

    /// Makes the documentation pane show the selected (or open) operation at the current width.
    mutating func refreshDocs(_ context: UpdateContext) {
        // Text starts one column in, and the last column is the scroll indicator's when the text is longer than the pane.
        let width: Int
        switch screen {
        case .operation: width = context.layout.responseContent.width - 2
        default: width = context.layout.browse.docs.inset(by: 1).width - 2
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
        rebuildDocs(width: width)
    }

    private mutating func rebuildDocs(width: Int) {
        guard let entry = docs.entry else { return }
        docs.width = width
        docs.lines = DocsContent.lines(for: operation(entry), in: document, width: width, toggled: docs.toggled)
        docs.list.selection = min(docs.list.selection, max(0, docs.lines.count - 1))
    }

    mutating func openOperation(_ entry: Int, _ context: UpdateContext) {
        unpark(entry)
        if sessions[entry] == nil { sessions[entry] = OperationSession(entry: entry, operation: operation(entry), service: service) }
        screen = .operation(entry)
        focus = .form
        refreshDocs(context)
    }

    /// Lays the API's page out at the current width (on opening it, and when the window changes).
    mutating func refreshOverview(_ context: UpdateContext) {
        guard screen == .overview, overview.width != context.layout.history.width - 2 else { return }
        overview.width = context.layout.history.width - 2
        overview.lines = OverviewContent.lines(for: document, operations: index.entries.count, width: overview.width)
        overview.list.selection = min(overview.list.selection, max(0, overview.lines.count - 1))
    }

    /// An action on the API's own page: it scrolls; Esc goes back.
    mutating func performInOverview(_ action: Action, _ context: UpdateContext) -> [Effect] {
        if action == .back || action == .overview {
            screen = .browse
            return []
        }
        guard let command = action.listCommand else { return [] }
        let height = context.layout.history.height
        _ = overview.list.perform(command, rowCount: overview.lines.count, pageHeight: height) { _ in false }
        overview.list.reveal(height: height, rowCount: overview.lines.count)
        return []
    }

    /// An action in the history list.
    mutating func performInHistory(_ action: Action, _ context: UpdateContext) -> [Effect] {
        let height = context.layout.history.height - 1
        switch action {
        case .back, .history:
            backToList(context)
        case .copyRequest:
            guard let item = history.entry(atRow: history.list.selection) else { return [] }
            chooseCopyFormat(item.exchange)
        case .copyCurlWithSecrets:
            guard let item = history.entry(atRow: history.list.selection) else { return [] }
            copyCurlWithSecrets(item.exchange)
        default:
            guard let command = action.listCommand else { return [] }
            switch history.list.perform(command, rowCount: history.rowCount, pageHeight: height, isHeader: { _ in false }) {
            case .activated(let row): reopen(row: row, context)
            default: history.list.reveal(height: height, rowCount: history.rowCount)
            }
        }
        return []
    }

    /// Opens a sent request again, with the inputs it was sent with and the response it got (one
    /// sent in an earlier run: its inputs, ready to send again).
    mutating func reopen(row: Int, _ context: UpdateContext) {
        if let record = history.earlierRecord(atRow: row) {
            reopen(record, context)
            return
        }
        guard let item = history.entry(atRow: row) else { return }
        guard let entry = item.entry else {
            notify("\(OperationKey(item.session.operation)) is not in the description any more", kind: .error, now: context.now, seconds: 6)
            return
        }
        var session = item.session
        session.status = .received(item.exchange)
        session.response = item.response
        session.editedSinceSend = false
        sessions[entry] = session
        parked[entry] = nil
        screen = .operation(entry)
        focus = .response
        refreshDocs(context)
    }

    private mutating func reopen(_ record: HistoryRecord, _ context: UpdateContext) {
        guard let entry = service.position(of: record.draft.operation) else {
            notify("\(record.method) \(record.url) is not in the description any more", kind: .error, now: context.now, seconds: 6)
            return
        }
        var session = OperationSession(entry: entry, operation: operation(entry), service: service)
        session.restore(record.draft, keepingUndocumentedBody: true)
        sessions[entry] = session
        parked[entry] = nil
        // The values its placeholders had, so F5 sends what was sent.
        settings.variables.merge(record.variables) { $1 }
        openOperation(entry, context)
        notify("The inputs sent \(record.sentAt.formatted(date: .abbreviated, time: .standard)); F5 sends them again", kind: .info, now: context.now, seconds: 6)
    }

    mutating func handleMouse(_ mouse: MouseEvent, _ context: UpdateContext) -> [Effect] {
        let layout = context.layout
        switch screen {
        case .browse:
            if layout.browse.list.contains(mouse.position) || mouse.action != .press(button: 1) && focus == .list {
                focus = .list
                let outcome = browser.list.handle(mouse, in: layout.listRows(filtering: !browser.query.isEmpty), rowCount: browser.rows.count)
                afterList(outcome, context)
                return []
            }
            if layout.browse.docs.contains(mouse.position) || focus == .docs {
                focus = .docs
                let area = layout.browse.docs.inset(by: 1)
                if case .activated(let row) = docs.list.handle(mouse, in: area, rowCount: docs.lines.count) { toggleDocsFold(row) }
            }
            return []
        case .operation(let entry):
            return mouseInOperation(mouse, entry: entry, context)
        case .overview:
            _ = overview.list.handle(mouse, in: layout.history, rowCount: overview.lines.count)
            return []
        case .history:
            let outcome = history.list.handle(mouse, in: layout.history.inset(top: 1), rowCount: history.rowCount)
            if case .activated(let row) = outcome { reopen(row: row, context) }
            return []
        case .collection:
            guard var pane = collectionPane else { return [] }
            let outcome = pane.list.handle(mouse, in: layout.history.inset(top: 1), rowCount: pane.rows.count)
            collectionPane = pane
            if case .activated = outcome, let path = pane.selectedPath { openSaved(path, context) }
            return []
        }
    }
}
