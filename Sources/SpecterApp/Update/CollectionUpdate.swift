import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// A question about the collection, asked in a dialog before anything is written.
enum CollectionQuestion: Sendable {
    /// Credentials typed into the form: keep them in the user's secrets file (as `secret:NAME`) or leave them out.
    case keepSecrets(schemes: [String], then: PendingSave)
    /// The file changed on disk since it was read: overwrite it, reload it, or save under another name.
    case changedOnDisk(SavedRequest, path: String, entry: Int?)
    case delete(String)
    /// Opening a saved request over input that was not sent.
    case replaceInput(path: String, entry: Int)
}

/// A save waiting for an answer (a name, or what to do with typed-in credentials).
struct PendingSave: Sendable {
    var entry: Int
    var draft: RequestDraft
    /// The saved request it is a new copy of ("Save as…"), whose description, order, captures and
    /// assertions it keeps.
    var template: SavedRequest?
}

extension Workspace {
    static let noCollection = "No collection is open: start with specter DIR or specter SPEC --collection DIR (specter collection new DIR --spec SPEC makes one)"

    /// The F4 screen: the saved requests; Enter opens one, r d m x rename, duplicate, move, delete.
    mutating func performInCollection(_ action: Action, _ context: UpdateContext) -> [Effect] {
        guard var pane = collectionPane else { return [] }
        let height = context.layout.history.height - 1
        switch action {
        case .back, .collection:
            backToList(context)
            return []
        case .rename, .move, .duplicate, .delete:
            guard let path = pane.selectedPath, let item = pane.collection.item(at: path) else { return [] }
            return manage(action, item: item)
        default:
            guard let command = action.listCommand else { return [] }
            let outcome = pane.list.perform(command, rowCount: pane.rows.count, pageHeight: height, isHeader: pane.isHeader)
            pane.list.reveal(height: height, rowCount: pane.rows.count)
            collectionPane = pane
            if case .activated = outcome, let path = pane.selectedPath { openSaved(path, context) }
            return []
        }
    }

    private mutating func manage(_ action: Action, item: Collection.Item) -> [Effect] {
        guard let pane = collectionPane else { return [] }
        switch action {
        case .rename:
            overlay = .prompt(Prompt(title: "New name for \(item.request.name)", purpose: .renameSaved(item.path), input: TextInput(item.request.name)))
        case .move:
            let folder = Collection.folder(of: item.path)
            // The other folders it could go to: the one it is in is said first.
            let others = pane.folders.filter { !$0.isEmpty && $0 != folder }
            overlay = .prompt(Prompt(title: "Move to folder (now: \(folder.isEmpty ? "the top" : folder)" + (others.isEmpty ? "" : "; others: " + others.joined(separator: ", ")) + ")",
                                     purpose: .moveSaved(item.path), input: TextInput(folder)))
        case .duplicate:
            let name = item.request.name + " (copy)"
            return [.changeCollection(CollectionChange(kind: .duplicate(from: item.path, to: pane.freePath(for: name, in: Collection.folder(of: item.path)), name: name)),
                                      pane.collection)]
        case .delete:
            overlay = .collectionQuestion(Dialog(title: "Delete \(item.request.name)?", lines: [[Span("The file \(item.path) is removed.")]],
                                                 choices: ["Delete", "Keep"], selected: 1), .delete(item.path))
        default:
            break
        }
        return []
    }

    /// Opens a saved request with all its inputs (asking first when the form has input not sent).
    mutating func openSaved(_ path: String, _ context: UpdateContext, replacing: Bool = false) {
        guard let pane = collectionPane, let item = pane.collection.item(at: path) else { return }
        guard let entry = service.position(of: item.request.draft.operation) else {
            let message = item.request.draft.operation.isUnlisted ? "\(item.request.name) is kept as written, for no operation of the description: specter call or replay sends it"
                : "\(item.request.draft.operation) is not in the description any more"
            notify(message, kind: .error, now: context.now, seconds: 6)
            return
        }
        unpark(entry)
        if !replacing, let session = sessions[entry], session.hasUnsentInput, pane.origins[entry] != path {
            overlay = .collectionQuestion(Dialog(title: "Open \(item.request.name)?", lines: [[Span("\(operation(entry).method) \(operation(entry).path) has input that was not sent.")],
                                                                                            [Span("Opening the saved request replaces it.")]],
                                                 choices: ["Replace", "Keep"], selected: 1), .replaceInput(path: path, entry: entry))
            return
        }
        let selected = sessions[entry]?.selected
        var session = OperationSession(entry: entry, operation: operation(entry), service: service)
        session.restore(item.request.draft, keepingUndocumentedBody: true)
        // What is open is what the file holds: nothing is lost if Specter ends now.
        session.editedSinceSend = false
        // Read again (another program changed the file): the cursor stays on the field it was on.
        if replacing, let selected, session.rows.contains(selected) { session.selected = selected }
        sessions[entry] = session
        collectionPane?.setOrigin(path, for: entry)
        for credential in item.request.draft.credentials { settings.credentials[credential.scheme] = TextInput(credential.reference.text) }
        if case .url(let url, _)? = item.request.draft.server {
            settings.server = .url(url)
            settings.customURL = url
        }
        openOperation(entry, context)
    }

    /// Ctrl-S: saves a request's inputs in the collection, where it was opened from or last saved
    /// (asking for a name the first time); typed-in credentials are offered to the secrets file first.
    mutating func saveRequest(_ pending: PendingSave, _ context: UpdateContext, askedAboutSecrets: Bool = false) -> [Effect] {
        guard let pane = collectionPane else {
            notify(Self.noCollection, kind: .error, now: context.now, seconds: 8)
            return []
        }
        // A token typed in whole (OAuth2 settings keep their references; their literals are left out).
        let typedIn = pending.draft.credentials.filter { if case .literal = $0.reference { return true } else { return false } }.map(\.scheme)
        if !askedAboutSecrets, !typedIn.isEmpty {
            overlay = .collectionQuestion(Dialog(title: "Credentials typed in", lines: [
                [Span("The credential for \(typedIn.joined(separator: ", ")) is typed in; it is never written into the collection.")],
                [Span("Keep it in your own secrets file as " + typedIn.map { "secret:" + $0 }.joined(separator: ", ") + "?")],
            ], choices: ["Keep as secret", "Leave it out"], selected: 0), .keepSecrets(schemes: typedIn, then: pending))
            return []
        }
        if let path = pane.origins[pending.entry], let item = pane.collection.item(at: path) {
            var draft = pending.draft
            // The saved request's own spelling of its operation (`GET /pets/{id}`) stays.
            if service.position(of: draft.operation) == service.position(of: item.request.draft.operation) { draft.operation = item.request.draft.operation }
            guard !draft.hasSameInputs(as: item.request.draft) else {
                notify("\(path) is up to date", kind: .info, now: context.now)
                editSession(pending.entry) { session in session.editedSinceSend = false }
                return []
            }
            // The collection has read another version of the file since this form came from it: ask, as for a change on disk.
            guard !pane.originChanged(pending.entry) else {
                askAboutChangedFile(path, saving: item.request.updating(draft), entry: pending.entry)
                return []
            }
            return [.changeCollection(CollectionChange(kind: .save(item.request.updating(draft), path: path, overwriting: false), entry: pending.entry), pane.collection)]
        }
        let operation = operation(pending.entry)
        overlay = .prompt(Prompt(title: "Save as (folder/name)", purpose: .saveRequest(pending), input: TextInput(operation.summary ?? operation.operationID ?? "\(operation.method) \(operation.path)")))
        return []
    }

    /// A name was given for a new saved request (`folder/name`, folders made as needed).
    mutating func saveNew(_ pending: PendingSave, as answer: String) -> [Effect] {
        guard let pane = collectionPane else { return [] }
        let parts = answer.split(separator: "/").map { String($0).trimming(" ") }.filter { !$0.isEmpty && $0 != "." && $0 != ".." }
        guard let name = parts.last else { return [] }
        let path = pane.freePath(for: name, in: parts.dropLast().joined(separator: "/"))
        var request = pending.template.map { $0.updating(pending.draft) } ?? SavedRequest(name: name, draft: pending.draft)
        request.name = name
        request.draft.operation = pane.collection.spelling(request.draft.operation, in: service)
        return [.changeCollection(CollectionChange(kind: .save(request, path: path, overwriting: false), entry: pending.entry), pane.collection)]
    }

    /// The answer to a rename or move prompt.
    mutating func relocate(_ path: String, name: String? = nil, folder: String? = nil) -> [Effect] {
        guard let pane = collectionPane, let request = pane.collection.item(at: path)?.request else { return [] }
        let newName = name ?? request.name
        let targetFolder = folder.map { $0.split(separator: "/").map { String($0).trimming(" ") }.filter { !$0.isEmpty && $0 != "." && $0 != ".." }.joined(separator: "/") }
            ?? Collection.folder(of: path)
        let unchangedPlace = targetFolder == Collection.folder(of: path) && CollectionStore.fileName(for: newName) == String(path.split(separator: "/").last ?? "")
        let target = unchangedPlace ? path : pane.freePath(for: newName, in: targetFolder)
        return [.changeCollection(CollectionChange(kind: .relocate(from: path, to: target, name: name)), pane.collection)]
    }

    /// A change to the files was made (or not): the pane follows the files, the user is told, and
    /// the collection is checked against the description again.
    mutating func collectionChanged(_ change: CollectionChange, _ collection: Collection, failure: CollectionStore.Failure?, _ context: UpdateContext) -> [Effect] {
        guard collectionPane != nil else { return [] }
        if let failure {
            if case .changedOnDisk(let path) = failure, case .save(let request, _, _) = change.kind {
                askAboutChangedFile(path, saving: request, entry: change.entry)
                // The pane reads the files as they are now, so the changed one opens as it is on disk
                // whatever is answered (the form keeps its input: the reload is for no form).
                return [.changeCollection(CollectionChange(kind: .reload), collection)]
            }
            notify(failure.description + " — your input is kept", kind: .error, now: context.now, seconds: 8)
            return []
        }
        switch change.kind {
        case .save(_, let path, _):
            collectionPane?.update(collection, select: path)
            if let entry = change.entry {
                collectionPane?.setOrigin(path, for: entry)
                editSession(entry) { session in session.editedSinceSend = false }
            }
            notify("Saved \(path)", kind: .success, now: context.now)
        case .relocate(let from, let to, _):
            for (entry, origin) in collectionPane?.origins ?? [:] where origin == from { collectionPane?.setOrigin(to, for: entry) }
            collectionPane?.update(collection, select: to)
            notify(from == to ? "Saved \(to)" : "Moved \(from) to \(to)", kind: .success, now: context.now)
        case .duplicate(_, let to, _):
            collectionPane?.update(collection, select: to)
            notify("Saved a copy as \(to)", kind: .success, now: context.now)
        case .delete(let path):
            collectionPane?.update(collection)
            notify("Deleted \(path)", kind: .success, now: context.now)
        case .reload:
            collectionPane?.update(collection)
            if let entry = change.entry, let path = collectionPane?.origins[entry] {
                openSaved(path, context, replacing: true)
                notify("Read the collection again", kind: .info, now: context.now)
            }
        }
        return collectionPane.map { [.checkCollection($0.collection, service)] } ?? []
    }

    /// Overwrite, reload or save as another file: the file changed since this form's version of it.
    private mutating func askAboutChangedFile(_ path: String, saving request: SavedRequest, entry: Int?) {
        overlay = .collectionQuestion(Dialog(title: "\(path) changed on disk", lines: [[Span("Another program changed it since Specter read it.")]],
                                             choices: ["Overwrite", "Reload", "Save as…"], selected: 1),
                                      .changedOnDisk(request, path: path, entry: entry))
    }

    /// The answer to a collection question.
    mutating func answer(_ question: CollectionQuestion, choice: Int, _ context: UpdateContext) -> [Effect] {
        guard let pane = collectionPane else { return [] }
        switch question {
        case .keepSecrets(let schemes, var pending):
            var effects: [Effect] = []
            if choice == 0 {
                for scheme in schemes {
                    guard let value = pending.draft.credential(for: scheme)?.text else { continue }
                    effects.append(.storeSecret(name: scheme, value: value))
                    pending.draft.setCredential(.secret(scheme), for: scheme)
                    settings.credentials[scheme] = TextInput("secret:" + scheme)
                }
            }
            return effects + saveRequest(pending, context, askedAboutSecrets: true)
        case .changedOnDisk(let request, let path, let entry):
            switch choice {
            case 0: return [.changeCollection(CollectionChange(kind: .save(request, path: path, overwriting: true), entry: entry), pane.collection)]
            case 1: return [.changeCollection(CollectionChange(kind: .reload, entry: entry), pane.collection)]
            default:
                // The request keeps its file until the copy is saved (Esc leaves it with that file).
                guard let entry else { return [] }
                let folder = Collection.folder(of: path)
                overlay = .prompt(Prompt(title: "Save as (folder/name)", purpose: .saveRequest(PendingSave(entry: entry, draft: request.draft, template: request)),
                                         input: TextInput((folder.isEmpty ? "" : folder + "/") + request.name + " (mine)")))
                return []
            }
        case .delete(let path):
            return choice == 0 ? [.changeCollection(CollectionChange(kind: .delete(path)), pane.collection)] : []
        case .replaceInput(let path, _):
            if choice == 0 { openSaved(path, context, replacing: true) }
            return []
        }
    }

    /// A response arrived for an operation opened from a saved request: the pane shows whether it matched.
    mutating func recordVerdict(_ exchange: Exchange, entry: Int) {
        guard let path = collectionPane?.origins[entry] else { return }
        collectionPane?.verdicts[path] = exchange.verdict.map(\.conforms) ?? false
    }

    /// A draft as a collection keeps it: the server only when it is not the one the collection, the
    /// environment or the description gives anyway, with only the variables that server uses.
    func savable(_ draft: RequestDraft, entry: Int) -> RequestDraft {
        var draft = draft
        switch draft.server {
        case .url(let url, let variables)?:
            let given = [collectionPane?.collection.manifest.server, environments.first { $0.name == settings.environment }?.server]
            draft.server = given.contains(url) ? nil : .url(url, variables: variables.filter { url.contains("{\($0.key)}") })
        case .described(let position, let variables)?:
            let operation = operation(entry)
            let servers = operation.servers.isEmpty ? document.servers : operation.servers
            let declared = servers.indices.contains(position) ? servers[position].variables : []
            let chosen = variables.filter { name, value in declared.contains { $0.name == name && $0.defaultValue != value } }
            draft.server = position == 0 && chosen.isEmpty ? nil : .described(index: position, variables: chosen)
        case nil:
            break
        }
        return draft
    }

    /// The variables requests are sent with: the collection's, then the environment's and the server's over them.
    var requestVariables: [String: String] {
        (collectionPane?.collection.manifest.variables ?? [:]).merging(settings.variables) { $1 }
    }
}
