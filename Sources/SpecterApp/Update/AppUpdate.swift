import Foundation
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// What handlers inside the workspace need to know about the screen and the clock.
struct UpdateContext: Sendable {
    let layout: ScreenLayout
    let now: Duration
    /// The wall-clock time the explorer started (`now` counts from it).
    let startedAt: Date
}

extension AppState {
    /// The one way the state changes: no network, no clock, no terminal; what must happen outside comes
    /// back as effects. (Explaining a `$ref` that does not resolve may re-read the file to locate it.)
    public mutating func update(_ message: Message) -> [Effect] {
        let effects: [Effect]
        switch message {
        case .tick(let now):
            self.now = now
            effects = withWorkspace { workspace, _ in
                if let toast = workspace.toast, toast.until <= now { workspace.toast = nil }
                if let banner = workspace.reloadBanner, !banner.isShown(at: now) { workspace.reloadBanner = nil }
                return workspace.autosave(now)
            }
        case .collectionChanged(let change, let collection, let failure):
            effects = withWorkspace { workspace, context in workspace.collectionChanged(change, collection, failure: failure, context) }
        case .collectionOpened(let opened):
            collection = opened
            effects = []
        case .collectionChecked(let findings):
            effects = withWorkspace { workspace, _ in
                workspace.collectionPane?.record(findings)
                return []
            }
        case .historyFound(let records):
            effects = withWorkspace { workspace, _ in
                workspace.history.earlier = records
                return []
            }
        case .secretStored(let name, let error):
            effects = withWorkspace { workspace, context in
                if let error { workspace.notify("secret:\(name) was not stored: \(error)", kind: .error, now: context.now, seconds: 8) }
                return []
            }
        case .recoveryFound(let drafts, let savedAt):
            effects = withWorkspace { workspace, _ in
                workspace.offerRecovery(drafts, savedAt: savedAt)
                return []
            }
        case .loaded(let document, let isDemo):
            effects = start(document, isDemo: isDemo)
        case .loadFailed(let message):
            if case .loading(let source) = phase { phase = .failed(source: source, message: message) }
            effects = []
        case .reloaded(let document):
            effects = reloaded(document)
        case .changesFound(let changes, let fingerprints):
            effects = changesFound(changes, fingerprints: fingerprints)
        case .reloadFailed(let message):
            effects = reloadFailed(message)
        case .signInNeeded(let prompt, let browserOpened):
            effects = withWorkspace { workspace, _ in
                workspace.showSignIn(prompt, browserOpened: browserOpened)
                return []
            }
        case .fingerprinted(let fingerprints):
            effects = withWorkspace { workspace, _ in
                if workspace.fingerprints == nil { workspace.fingerprints = fingerprints }
                return []
            }
        case .sourceChanged:
            effects = [.reload(previous: workspace?.document, fingerprints: workspace?.fingerprints)]
        case .watchStatus(let status):
            watchStatus = status
            effects = []
        case .input(let event):
            effects = handle(event)
        case .exchanged(let id, let exchange):
            effects = withWorkspace { workspace, context in
                defer { workspace.closeSignInIfDone() }
                return workspace.received(exchange, for: id, context)
            }
        case .streamOpened(let id, let exchange, let format, let checkedAgainst):
            effects = withWorkspace { workspace, context in
                defer { workspace.closeSignInIfDone() }
                return workspace.streamOpened(id, exchange: exchange, format: format, checkedAgainst: checkedAgainst, context)
            }
        case .streamEvents(let id, let batch):
            effects = withWorkspace { workspace, context in
                workspace.streamEvents(id, batch, context)
                return []
            }
        case .streamEnded(let id, let ending):
            effects = withWorkspace { workspace, context in
                workspace.streamEnded(id, ending, context)
                return []
            }
        case .held(let id, let warnings):
            effects = withWorkspace { workspace, context in
                workspace.held(id, warnings: warnings, context)
                workspace.closeSignInIfDone()
                return []
            }
        case .requestFailed(let id, let reason):
            effects = withWorkspace { workspace, context in
                defer { workspace.closeSignInIfDone() }
                return workspace.requestFailed(id, reason: reason, context)
            }
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
        var all = queueingReloads(effects)
        for effect in effects {
            guard case .quit(let status) = effect else { continue }
            exitStatus = status
            // Ending on purpose: what was not sent is let go (unless drafts from an earlier run are still undecided).
            if let workspace, !workspace.recovery.undecided { all.insert(.saveRecovery([]), at: 0) }
        }
        return all
    }

    var context: UpdateContext { UpdateContext(layout: ScreenLayout(size: size), now: now, startedAt: startedAt) }

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
                workspace.refreshOverview(context)
                // The selected field stays in view, and a taller pane fills with the rows above it.
                if case .operation(let entry) = workspace.screen {
                    workspace.editSession(entry) { session in session.revealSelection(in: context.layout.formRows.size) }
                }
                return []
            }
        case .endOfInput:
            return [.quit(workspace == nil ? 2 : 0)]
        default:
            break
        }
        switch phase {
        case .loading, .failed:
            // Nothing is shown yet (or it could not be loaded): leaving ends with status 2.
            guard case .key(let key) = event else { return [] }
            switch Keymap.action(for: key, in: .everywhere, typing: false) {
            case .quit?: return [.quit(2)]
            case .suspend?: return [.suspend]
            case .reload?: return [.reload(previous: nil, fingerprints: nil)]
            default: return key == .escape ? [.quit(2)] : []
            }
        case .ready:
            // Nothing of the workspace shows on a screen too small for it: keys act on nothing unseen,
            // except leaving (which asks, as ever, when input would be lost).
            if size.width < Self.minimumSize.width || size.height < Self.minimumSize.height {
                guard case .key(let key) = event else { return [] }
                switch Keymap.action(for: key, in: .everywhere, typing: false) {
                case .quit?: return withWorkspace { workspace, context in workspace.perform(.quit, context) }
                case .suspend?: return [.suspend]
                default: return []
                }
            }
            return withWorkspace { workspace, context in workspace.handle(event, context) }
        }
    }
}
