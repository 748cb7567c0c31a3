import SpecterRequest
import SpecterSpec
import SpecterTerminal

extension Workspace {
    mutating func notify(_ text: String, kind: Toast.Kind, now: Duration, seconds: Int = 4) {
        toast = TimedToast(text: text, kind: kind, until: now + .seconds(seconds))
    }

    /// Every input event once a description is loaded: keys become actions through the keymap of the
    /// place that has them, and the action goes to that place (overlays first).
    mutating func handle(_ event: InputEvent, _ context: UpdateContext) -> [Effect] {
        switch event {
        case .key(let key):
            if case .help? = overlay {
                overlay = nil
                return []
            }
            guard let action = Keymap.action(for: key, in: place, typing: isTyping) else { return [] }
            return perform(action, context)
        case .paste(let text):
            return paste(text, context)
        case .mouse(let mouse):
            return overlay == nil ? handleMouse(mouse, context) : []
        case .resize, .endOfInput:
            return []
        }
    }

    /// An action in the place that has the keys.
    mutating func perform(_ action: Action, _ context: UpdateContext) -> [Effect] {
        if overlay != nil { return performInOverlay(action, context) }
        switch action {
        case .help:
            overlay = .help
            return []
        case .picker:
            openOptions()
            return []
        case .history where screen != .history:
            screen = .history
            return []
        case .collection where screen != .collection:
            guard collectionPane != nil else {
                notify(Self.noCollection, kind: .error, now: context.now, seconds: 8)
                return []
            }
            screen = .collection
            return []
        case .saveRequest:
            guard let pending = pendingSave else { return [] }
            return saveRequest(pending, context)
        case .quit:
            return requestQuit()
        case .suspend:
            return [.suspend]
        case .reload:
            guard !isDemo else {
                notify("The built-in demo does not change; open your own description with: specter FILE or specter URL", kind: .info, now: context.now, seconds: 6)
                return []
            }
            return [.reload(previous: document, fingerprints: fingerprints)]
        default:
            break
        }
        switch screen {
        case .browse: return performInBrowse(action, context)
        case .overview: return performInOverview(action, context)
        case .operation(let entry): return performInOperation(action, entry: entry, context)
        case .history: return performInHistory(action, context)
        case .collection: return performInCollection(action, context)
        }
    }

    /// The request Ctrl-S saves: the open operation's inputs, or the selected history entry's.
    private var pendingSave: PendingSave? {
        switch screen {
        case .operation(let entry):
            return sessions[entry].map { PendingSave(entry: entry, draft: savable($0.draft(settings: settings), entry: entry)) }
        case .history:
            if let record = history.earlierRecord(atRow: history.list.selection),
               let entry = service.position(of: record.draft.operation) {
                return PendingSave(entry: entry, draft: savable(record.draft, entry: entry))
            }
            guard let item = history.entry(atRow: history.list.selection), let entry = item.entry else { return nil }
            return PendingSave(entry: entry, draft: savable(item.session.draft(settings: settings), entry: entry))
        default:
            return nil
        }
    }

    /// Whether printable keys are text right now (a field, the filter, a search, a prompt).
    var isTyping: Bool {
        if let overlay {
            switch overlay {
            case .prompt: return true
            case .options(let picker): return picker.isTyping
            default: return false
            }
        }
        switch screen {
        case .browse: return browser.isFiltering
        case .history, .overview, .collection: return false
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
        case .credential, .raw, .extra: return true
        case .field(let id, _):
            // Booleans and choices are picked (Space, ← →, Enter), not typed.
            switch session.form.field(id)?.kind {
            case .text?, .integer?, .number?, .file?, .json?: return true
            default: return false
            }
        default: return false
        }
    }

    /// The place whose keys apply, for the keymap, help and hints.
    var place: Keymap.Place {
        switch overlay {
        case .help?, nil: break
        case .quitConfirmation?, .recovery?, .copySecretsConfirmation?, .copyFormat?, .collectionQuestion?, .signIn?: return .dialog
        case .choices?: return .choices
        case .prompt?: return .prompt
        case .options?: return .picker
        }
        switch screen {
        case .browse: return browser.isFiltering ? .filter : (focus == .docs ? .docs : .browse)
        case .operation(let entry):
            guard focus == .response else { return .form }
            return sessions[entry]?.response.search != nil ? .search : .response
        case .history: return .history
        case .overview: return .overview
        case .collection: return .collection
        }
    }

    /// Esc from a screen: back to the endpoint list.
    mutating func backToList(_ context: UpdateContext) {
        screen = .browse
        focus = .list
        refreshDocs(context)
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

    /// Applies a change to an operation's session.
    mutating func editSession(_ entry: Int, _ change: (inout OperationSession) -> Void) {
        guard var session = sessions[entry] else { return }
        sessions[entry] = nil
        change(&session)
        sessions[entry] = session
    }

    private mutating func paste(_ text: String, _ context: UpdateContext) -> [Effect] {
        if let overlay {
            switch overlay {
            case .prompt(var prompt):
                prompt.input.insert(text)
                self.overlay = .prompt(prompt)
            case .options(var picker):
                picker.paste(text, settings: &settings)
                self.overlay = .options(picker)
            default:
                break
            }
            return []
        }
        switch screen {
        case .browse:
            if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("curl ") {
                openPastedCurl(text, context)
                return []
            }
            guard browser.isFiltering else { return [] }
            browser.filter.insert(text)
            browser.rebuild(index: index, candidates: candidates)
            refreshDocs(context)
            return []
        case .operation(let entry):
            return pasteIntoForm(text, entry: entry, context)
        case .history, .overview, .collection:
            return []
        }
    }

    /// The base URL requests to this operation go to, for the title bar and messages.
    func serverURL(for entry: Int?) -> String {
        let operation = entry.map(self.operation)
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
        overlay = .options(OptionsPicker(document: document, settings: settings, operation: selectedEntry.map(operation), environments: environments))
    }
}
