import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// What handlers inside the workspace need to know about the screen and the clock.
struct UpdateContext: Sendable {
    let layout: ScreenLayout
    let theme: Theme
    let now: Duration
}

extension AppState {
    /// The one way the state changes. Pure: no I/O, no clock; what must happen outside comes back as effects.
    public mutating func update(_ message: Message) -> [Effect] {
        let effects: [Effect]
        switch message {
        case .tick(let now):
            self.now = now
            effects = withWorkspace { workspace, _ in
                if let toast = workspace.toast, toast.until <= now { workspace.toast = nil }
                return []
            }
        case .loaded(let document, let isDemo):
            var workspace = Workspace(document: document, isDemo: isDemo, environments: environments)
            if let name = initialEnvironment, let environment = environments.first(where: { $0.name == name }) { workspace.settings.apply(environment) }
            workspace.refreshDocs(context)
            if isDemo {
                workspace.notify("Demo: the Swagger Petstore. Open your own with: specter FILE or specter URL", kind: .info, now: now, seconds: 8)
            }
            phase = .ready(workspace)
            effects = []
        case .loadFailed(let message):
            if case .loading(let source) = phase { phase = .failed(source: source, message: message) }
            effects = []
        case .input(let event):
            effects = handle(event)
        case .exchanged(let id, let exchange):
            effects = withWorkspace { workspace, context in workspace.received(exchange, for: id, context) }
        case .requestFailed(let id, let reason):
            effects = withWorkspace { workspace, context in workspace.requestFailed(id, reason: reason, context) }
        case .edited(let entry, let text, let error):
            effects = withWorkspace { workspace, context in workspace.finishedEditing(entry: entry, text: text, error: error, context) }
        case .saved(let path, let error):
            effects = withWorkspace { workspace, context in
                workspace.notify(error.map { "Could not save: \($0)" } ?? "Saved the body to \(path)", kind: error == nil ? .success : .error, now: context.now)
                return []
            }
        case .bodyIndexed(let entry, let lines):
            effects = withWorkspace { workspace, _ in
                workspace.bodyIndexed(lines, entry: entry)
                return []
            }
        case .bodySearched(let entry, let term, let lines, let truncated):
            effects = withWorkspace { workspace, context in
                workspace.bodySearched(entry: entry, term: term, lines: lines, truncated: truncated, context)
                return []
            }
        }
        for effect in effects {
            if case .quit(let status) = effect { exitStatus = status }
        }
        return effects
    }

    var context: UpdateContext { UpdateContext(layout: ScreenLayout(size: size), theme: theme, now: now) }

    /// Runs `body` on the workspace in place (without copying it), when there is one.
    mutating func withWorkspace(_ body: (inout Workspace, UpdateContext) -> [Effect]) -> [Effect] {
        guard case .ready(var workspace) = phase else { return [] }
        let context = self.context
        phase = .loading(source: "")
        let effects = body(&workspace, context)
        phase = .ready(workspace)
        return effects
    }

    private mutating func handle(_ event: InputEvent) -> [Effect] {
        switch event {
        case .resize(let newSize):
            size = newSize
            return withWorkspace { workspace, context in
                workspace.refreshDocs(context)
                return []
            }
        case .endOfInput:
            return [.quit(workspace == nil ? 2 : 0)]
        case .key(let key) where key == .control("z"):
            return [.suspend]
        default:
            break
        }
        switch phase {
        case .loading, .failed:
            // Nothing is shown yet (or it could not be loaded): leaving ends with status 2.
            guard case .key(let key) = event, key == .character("q") || key == .escape || key == .control("c") else { return [] }
            return [.quit(2)]
        case .ready:
            return withWorkspace { workspace, context in workspace.handle(event, context) }
        }
    }
}

extension Workspace {
    mutating func notify(_ text: String, kind: Toast.Kind, now: Duration, seconds: Int = 4) {
        toast = TimedToast(text: text, kind: kind, until: now + .seconds(seconds))
    }

    /// Every input event once a description is loaded: overlays first, then the keys that work
    /// everywhere, then the screen's own.
    mutating func handle(_ event: InputEvent, _ context: UpdateContext) -> [Effect] {
        if overlay != nil { return handleOverlay(event, context) }
        switch event {
        case .key(let key):
            if key == .control("c") { return requestQuit() }
            if key == KeyPress(.function(1)) || (key == .character("?") && !isTyping) {
                overlay = .help
                return []
            }
            if key == KeyPress(.function(2)) {
                openOptions()
                return []
            }
            if key == KeyPress(.function(3)) || (key == .character("H") && !isTyping) {
                screen = .history
                return []
            }
            if key == .character("q") && !isTyping { return requestQuit() }
            switch screen {
            case .browse: return handleBrowse(key, context)
            case .operation(let entry): return handleOperation(key, entry: entry, context)
            case .history: return handleHistory(key, context)
            }
        case .paste(let text):
            return paste(text, context)
        case .mouse(let mouse):
            return handleMouse(mouse, context)
        case .resize, .endOfInput:
            return []
        }
    }

    /// Whether printable keys are text right now (a field, the filter, a search, a prompt).
    var isTyping: Bool {
        switch screen {
        case .browse: return browser.isFiltering
        case .history: return false
        case .operation(let entry):
            guard let session = sessions[entry] else { return false }
            switch focus {
            case .form: return session.selectedRow.map { isTextRow($0, in: session) } ?? false
            case .response: return session.response.search != nil
            default: return false
            }
        }
    }

    func isTextRow(_ row: FormRow, in session: OperationSession) -> Bool {
        switch row {
        case .credential, .raw: return true
        case .field(let id, _): return session.form.field(id)?.isLeaf ?? false
        default: return false
        }
    }

    /// The place whose keys apply, for help and hints.
    var place: Keymap.Place {
        switch screen {
        case .browse: return browser.isFiltering ? .filter : (focus == .docs ? .docs : .browse)
        case .operation: return focus == .response ? .response : .form
        case .history: return .history
        }
    }

    mutating func requestQuit() -> [Effect] {
        let unsent = unsentSessions
        guard unsent > 0 else { return [.quit(0)] }
        overlay = .quitConfirmation(Dialog(
            title: "Quit Specter?",
            lines: [[Span("\(unsent) operation\(unsent == 1 ? " has" : "s have") input that was not sent.")], [Span("It is lost when Specter ends.")]],
            choices: ["Quit", "Stay"], selected: 1))
        return []
    }

    private mutating func handleOverlay(_ event: InputEvent, _ context: UpdateContext) -> [Effect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help:
            if case .key = event { overlay = nil }
            return []
        case .quitConfirmation(var dialog):
            guard case .key(let key) = event else { return [] }
            switch dialog.handle(key) {
            case .chose(0): return [.quit(0)]
            case .chose, .dismissed: overlay = nil
            default: overlay = .quitConfirmation(dialog)
            }
            return []
        case .choices(let field, let values, var list):
            guard case .key(let key) = event else { return [] }
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                return setChoice(field, to: values[list.selection], context)
            default:
                _ = list.handle(key, rowCount: values.count, pageHeight: 10, isHeader: { _ in false })
                overlay = .choices(field: field, values: values, list: list)
            }
            return []
        case .prompt(var prompt):
            if case .paste(let text) = event {
                prompt.input.insert(text)
                overlay = .prompt(prompt)
                return []
            }
            guard case .key(let key) = event else { return [] }
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                overlay = nil
                return answer(prompt, context)
            default:
                _ = prompt.input.handle(key)
                overlay = .prompt(prompt)
            }
            return []
        case .options(var picker):
            let effects = picker.handle(event, settings: &settings, document: document)
            overlay = picker.isClosed ? nil : .options(picker)
            if picker.isClosed { notify("Server: " + serverURL(for: selectedEntry), kind: .info, now: context.now) }
            return effects
        }
    }

    private mutating func answer(_ prompt: Prompt, _ context: UpdateContext) -> [Effect] {
        let text = prompt.input.text.trimming(" ")
        guard !text.isEmpty else { return [] }
        switch prompt.purpose {
        case .saveBody:
            guard case .operation(let entry) = screen, let exchange = sessions[entry]?.exchange, case .success(let response) = exchange.result else { return [] }
            return [.save(response.body, path: text)]
        case .mapKey(let field):
            guard case .operation(let entry) = screen else { return [] }
            editSession(entry) { session, operation, document in
                session.form.addEntry(field, key: text)
                session.editedSinceSend = true
                session.rebuildRows(operation: operation, document: document)
            }
            return []
        }
    }

    /// Applies a change to an operation's session and re-lists its rows.
    mutating func editSession(_ entry: Int, _ change: (inout OperationSession, APIOperation, APIDocument) -> Void) {
        guard var session = sessions[entry] else { return }
        sessions[entry] = nil
        change(&session, index.entries[entry].operation, document)
        sessions[entry] = session
    }

    private mutating func paste(_ text: String, _ context: UpdateContext) -> [Effect] {
        switch screen {
        case .browse:
            guard browser.isFiltering else { return [] }
            browser.filter.insert(text)
            browser.rebuild(index: index, candidates: candidates)
            refreshDocs(context)
            return []
        case .operation(let entry):
            return pasteIntoForm(text, entry: entry, context)
        case .history:
            return []
        }
    }

    /// The base URL requests to this operation go to, for the title bar and messages.
    func serverURL(for entry: Int?) -> String {
        let operation = entry.map { index.entries[$0].operation }
        let builder = operation.map { RequestBuilder(document: document, operation: $0) }
        let choice = settings.serverChoice()
        if let builder, let url = try? builder.baseURL(choice) { return url.absoluteString }
        switch choice {
        case .url(let url, _): return url
        case .described(let position, let values):
            let servers = (operation?.servers.isEmpty == false ? operation?.servers : nil) ?? document.servers
            return servers.indices.contains(position) ? servers[position].resolvedURL(values: values) : "no server"
        }
    }

    mutating func openOptions() {
        overlay = .options(OptionsPicker(document: document, settings: settings, operation: selectedEntry.map { index.entries[$0].operation },
                                         environments: environments))
    }
}
