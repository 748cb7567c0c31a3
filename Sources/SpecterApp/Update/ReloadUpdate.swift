import SpecterJSON
import SpecterRequest
import SpecterSpec

/// A new version of the description replaces the old one and everything the user did stays: form
/// values (by operation and field, not by position), credentials, the server, the selection, the open
/// operation, responses, history and the collection. Input whose field is gone is kept aside.
extension Workspace {
    func reloaded(to document: APIDocument, changes: DescriptionChanges, fingerprints: OperationFingerprints, _ context: UpdateContext) -> Workspace {
        var next = Workspace(document: document, isDemo: isDemo, environments: environments)
        next.carrySettings(from: self)
        let positions = Dictionary(next.index.entries.enumerated().map { (OperationKey($0.element.operation), $0.offset) }, uniquingKeysWith: { first, _ in first })
        let moved: (Int) -> Int? = { positions[OperationKey(self.operation($0))] }
        next.carrySessions(from: self, positions: positions)
        next.carryHistory(from: self, moved: moved)
        next.carryBrowser(from: self, moved: moved, context)
        next.fingerprints = fingerprints
        let keptAside = next.keptAside.count + next.sessions.values.filter { !$0.keptAside.isEmpty }.count
        next.reloadBanner = ReloadBanner(.changed(changes, keptAside: keptAside), at: context.now)
        return next
    }

    private mutating func carrySettings(from old: Workspace) {
        settings = old.settings
        if case .described(let index, _) = old.settings.server, index >= document.servers.count { settings.server = .first }
        collectionPane = old.collectionPane
        nextRequestID = old.nextRequestID
        toast = old.toast
        recovery = old.recovery
        history.earlier = old.history.earlier
        history.list = old.history.list
        if case .help? = old.overlay { overlay = .help }
    }

    /// Each form goes to its operation in the new version (or aside, with the operation gone), and
    /// input kept aside earlier goes back where its field has returned.
    private mutating func carrySessions(from old: Workspace, positions: [OperationKey: Int]) {
        var origins: [Int: String] = [:]
        for (entry, session) in old.sessions {
            let key = OperationKey(session.operation)
            let draft = session.keptAside.restoring(into: session.draft(settings: old.settings))
            guard let position = positions[key] else {
                if session.hasUnsentInput || !session.keptAside.isEmpty { keptAside[key] = KeptAside(wholeDraft: draft) }
                continue
            }
            sessions[position] = carried(session, to: position, draft: draft)
            if let origin = old.collectionPane?.origins[entry] { origins[position] = origin }
        }
        // Operations with input kept aside and no open form: their input returns with them.
        for (key, kept) in old.keptAside where keptAside[key] == nil && !sessions.values.contains(where: { OperationKey($0.operation) == key }) {
            guard let position = positions[key] else {
                keptAside[key] = kept
                continue
            }
            var fresh = OperationSession(entry: position, operation: operation(position), service: service)
            fresh.restore(kept.restoring(into: fresh.draft(settings: settings)))
            sessions[position] = carried(fresh, to: position, draft: fresh.draft(settings: settings))
        }
        collectionPane?.origins = origins
    }

    /// A session on the new version of its operation, with the draft's values in its form; what the
    /// form has no field for is kept aside, not sent.
    private mutating func carried(_ session: OperationSession, to position: Int, draft: RequestDraft) -> OperationSession {
        var fresh = OperationSession(entry: position, operation: operation(position), service: service)
        var kept = KeptAside()
        var cleaned = draft
        let described = Set(fresh.operation.parameters.map { "\($0.location.rawValue) \($0.name)" })
        // Query parameters the user added stay added; one the description dropped is not sent.
        let added = Set(session.extras.filter { $0.kind == .query }.map { "query \($0.name)" })
        for parameter in draft.parameters {
            let name = "\(parameter.location.rawValue) \(parameter.name)"
            guard !described.contains(name), !added.contains(name) else { continue }
            kept.parameters.append(parameter)
            cleaned.setParameter(parameter.name, in: parameter.location, to: nil)
        }
        if case .json(var body)? = draft.body?.content {
            if fresh.operation.requestBody == nil {
                kept.bodyValues = [KeptAside.BodyValue(pointer: .root, value: body)]
                cleaned.body = nil
            } else {
                var trial = fresh
                trial.restore(cleaned)
                let undeclaredBefore = session.form.body?.undeclaredMembers() ?? []
                let undeclaredNow = trial.form.body?.undeclaredMembers() ?? []
                // Deepest first, so taking one out never moves another.
                for pointer in undeclaredNow.subtracting(undeclaredBefore).sorted(by: { $0.description > $1.description }) {
                    if let value = body.remove(at: pointer) { kept.bodyValues.append(KeptAside.BodyValue(pointer: pointer, value: value)) }
                }
                cleaned.body = DraftBody(.json(body), mediaType: draft.body?.mediaType)
            }
        } else if case .text(let text)? = draft.body?.content, fresh.operation.requestBody == nil {
            kept.textBody = text
            cleaned.body = nil
        }
        fresh.restore(cleaned)
        if session.raw != nil, fresh.operation.requestBody != nil, fresh.raw == nil { fresh.raw = session.raw }
        fresh.editedSinceSend = session.editedSinceSend
        fresh.status = session.status
        fresh.statusBeforeSending = session.statusBeforeSending
        fresh.response = session.response
        fresh.collapsed = session.collapsed
        fresh.selected = session.selected
        fresh.offset = session.offset
        fresh.keptAside = kept
        return fresh
    }

    /// History keeps every request; one whose operation is gone can no longer be reopened.
    private mutating func carryHistory(from old: Workspace, moved: (Int) -> Int?) {
        history.entries = old.history.entries.map { item in
            var item = item
            item.entry = item.entry.flatMap(moved)
            return item
        }
    }

    /// The filter, the folded tags (by name) and the selection (by operation) stay; so does the open operation.
    private mutating func carryBrowser(from old: Workspace, moved: (Int) -> Int?, _ context: UpdateContext) {
        browser.filter = old.browser.filter
        browser.isFiltering = old.browser.isFiltering
        let folded = Set(old.browser.collapsed.map { old.index.groups[$0].name })
        browser.collapsed = Set(index.groups.indices.filter { folded.contains(index.groups[$0].name) })
        let selected = old.browser.selectedEntry.flatMap(moved)
        browser.rebuild(index: index, candidates: browser.query.isEmpty ? [] : candidates)
        if let selected, let row = browser.rows.firstIndex(where: { if case .operation(selected, _) = $0 { return true } else { return false } }) {
            browser.list.selection = row
        }
        browser.list.offset = old.browser.list.offset
        switch old.screen {
        case .operation(let entry):
            if let position = moved(entry) {
                screen = .operation(position)
                focus = old.focus
            } else {
                screen = .browse
                focus = .list
            }
        default:
            screen = old.screen
            focus = old.focus
        }
        refreshDocs(context)
    }
}

/// What the last reload did, shown over the bottom of the screen until it times out (a failure
/// stays until a version loads).
struct ReloadBanner: Sendable {
    enum Kind: Sendable {
        case changed(DescriptionChanges, keptAside: Int)
        case failed(String)
    }

    var kind: Kind
    var at: Duration

    init(_ kind: Kind, at: Duration) {
        self.kind = kind
        self.at = at
    }

    /// How long a successful reload's news stays on screen.
    static let shownFor: Duration = .seconds(15)

    /// Whether it goes away by itself (a failure stays: nothing on screen moves while it does).
    var expires: Bool {
        if case .failed = kind { return false }
        return true
    }

    func isShown(at now: Duration) -> Bool {
        if case .failed = kind { return true }
        return now - at < Self.shownFor
    }
}

extension AppState {
    /// The first version of the description is in: the workspace starts (also when a watched
    /// description that failed to load loads at last).
    mutating func start(_ document: APIDocument, isDemo: Bool, fingerprints: OperationFingerprints? = nil) -> [Effect] {
        var workspace = Workspace(document: document, isDemo: isDemo, environments: environments, collection: collection)
        if let name = initialEnvironment, let environment = environments.first(where: { $0.name == name }) { workspace.settings.apply(environment) }
        workspace.fingerprints = fingerprints
        workspace.refreshDocs(context)
        if isDemo {
            workspace.notify("Demo: the Swagger Petstore. Open your own with: specter FILE or specter URL", kind: .info, now: now, seconds: 8)
        }
        phase = .ready(workspace)
        return workspace.collectionPane.map { [.checkCollection($0.collection, workspace.service)] } ?? []
    }

    mutating func reloaded(_ document: APIDocument, changes: DescriptionChanges, fingerprints: OperationFingerprints) -> [Effect] {
        guard case .ready(let workspace) = phase else { return start(document, isDemo: false, fingerprints: fingerprints) + finishReload() }
        let next = workspace.reloaded(to: document, changes: changes, fingerprints: fingerprints, context)
        phase = .ready(next)
        return (next.collectionPane.map { [.checkCollection($0.collection, next.service)] } ?? []) + finishReload()
    }

    /// The new version could not be read: the last good one stays on screen, with why.
    mutating func reloadFailed(_ message: String) -> [Effect] {
        switch phase {
        case .ready:
            _ = withWorkspace { workspace, context in
                workspace.reloadBanner = ReloadBanner(.failed(message), at: context.now)
                return []
            }
        case .failed(let source, _), .loading(let source):
            phase = .failed(source: source, message: message)
        }
        return finishReload()
    }

    /// A reload ended: if the description changed again meanwhile, it is read once more.
    private mutating func finishReload() -> [Effect] {
        reloadInFlight = false
        guard reloadQueued else { return [] }
        reloadQueued = false
        return [.reload(previous: workspace?.document, fingerprints: workspace?.fingerprints)]
    }

    /// One reload at a time: a reload asked for while one runs becomes one more afterwards.
    mutating func queueingReloads(_ effects: [Effect]) -> [Effect] {
        effects.filter { effect in
            guard case .reload = effect else { return true }
            if reloadInFlight {
                reloadQueued = true
                return false
            }
            reloadInFlight = true
            return true
        }
    }
}
