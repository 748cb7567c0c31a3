import SpecterJSON
import SpecterRequest
import SpecterSpec

/// A new version of the description replaces the old one and everything the user did stays: form
/// values (by operation and field, not by position), credentials, the server, the selection, the open
/// operation, responses, history and the collection. Input whose field is gone is kept aside.
extension Workspace {
    /// The new version, with everything carried over; what changed is told when it is worked out
    /// (`changesFound`), which the carrying does not wait for.
    func reloaded(to document: APIDocument, _ context: UpdateContext) -> Workspace {
        var next = Workspace(document: document, isDemo: isDemo, environments: environments)
        next.carrySettings(from: self)
        let positions = Dictionary(next.index.entries.enumerated().map { (OperationKey($0.element.operation), $0.offset) }, uniquingKeysWith: { first, _ in first })
        let moved: (Int) -> Int? = { positions[OperationKey(self.operation($0))] }
        next.carrySessions(from: self, positions: positions)
        next.carryHistory(from: self, moved: moved)
        next.carryBrowser(from: self, moved: moved, context)
        if case .failed? = reloadBanner?.kind { next.reloadBanner = nil } else { next.reloadBanner = reloadBanner }
        return next
    }

    /// What changed is known: parked forms whose input lost its parameter or top-level body field
    /// are built now, and the banner says what changed and in how many forms input was kept aside
    /// (input under a nested field that went is kept aside when its form is opened).
    mutating func changesFound(_ changes: DescriptionChanges, fingerprints: OperationFingerprints, _ context: UpdateContext) {
        self.fingerprints = fingerprints
        let changed = Dictionary(changes.changed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (entry, parked) in parked where changed[parked.key].map(parked.loses) ?? false { unpark(entry) }
        let keptAside = keptAside.count + sessions.values.filter { !$0.keptAside.isEmpty }.count + parked.values.filter { !$0.keptAside.isEmpty }.count
        reloadBanner = ReloadBanner(.changed(changes, keptAside: keptAside), at: context.now)
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
    /// input kept aside earlier goes back where its field has returned. Only the open form and forms
    /// still waiting for something (`ParkedSession.mustStayBuilt`) are built now; the others are
    /// parked until opened.
    private mutating func carrySessions(from old: Workspace, positions: [OperationKey: Int]) {
        var renumbered: [Int: Int] = [:]
        let carrying = old.sessions.map { entry, session in
            (entry, ParkedSession(session, settings: old.settings), ParkedSession.mustStayBuilt(session) || old.screen == .operation(entry))
        } + old.parked.map { ($0.key, $0.value, false) }
        for (entry, parked, buildNow) in carrying {
            guard let position = positions[parked.key] else {
                if parked.hasUnsentInput { keptAside[parked.key] = KeptAside(wholeDraft: parked.draft) }
                continue
            }
            if buildNow {
                sessions[position] = carried(parked, to: position)
            } else {
                self.parked[position] = parked
            }
            renumbered[entry] = position
        }
        // Operations with input kept aside and no form: their input returns with them.
        let withInput = Set(sessions.values.map { OperationKey($0.operation) }).union(parked.values.map(\.key))
        for (key, kept) in old.keptAside where keptAside[key] == nil && !withInput.contains(key) {
            guard let position = positions[key] else {
                keptAside[key] = kept
                continue
            }
            var fresh = OperationSession(entry: position, operation: operation(position), service: service)
            fresh.restore(kept.restoring(into: fresh.draft(settings: settings)))
            sessions[position] = carried(ParkedSession(fresh, settings: settings), to: position)
        }
        collectionPane?.takeOrigins(from: old.collectionPane, renumbered: renumbered)
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

    /// The new version is read: it replaces the one on screen at once (the first, if none loaded).
    mutating func reloaded(_ document: APIDocument) -> [Effect] {
        guard case .ready(let workspace) = phase else { return start(document, isDemo: false) }
        let next = workspace.reloaded(to: document, context)
        phase = .ready(next)
        return next.collectionPane.map { [.checkCollection($0.collection, next.service)] } ?? []
    }

    /// What the reload changed (nil when there was no earlier version to compare with): the banner
    /// says it, and the reload is over.
    mutating func changesFound(_ changes: DescriptionChanges?, fingerprints: OperationFingerprints) -> [Effect] {
        _ = withWorkspace { workspace, context in
            if let changes {
                workspace.changesFound(changes, fingerprints: fingerprints, context)
            } else {
                workspace.fingerprints = fingerprints
            }
            return []
        }
        return finishReload()
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
