import Foundation
import SpecterHTTP
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// Where the explorer's description comes from.
public enum ExplorerSource: Sendable {
    case argument(String, LoadOptions)
    /// The demo embedded in the binary.
    case demo
}

/// Watching the description (`--watch`): how often a URL is asked whether it changed (files are
/// watched through inotify and need no interval).
public struct WatchSettings: Sendable {
    public var interval: Duration

    public init(interval: Duration = .seconds(2)) {
        self.interval = interval
    }
}

/// Runs the explorer: terminal input becomes messages, `update` turns them into state and effects,
/// effects run here (loading, requests, the clipboard, files, the editor) and report back as
/// messages, and every change is drawn. All terminal calls stay on this actor.
@MainActor
public final class AppRunner {
    private let screen: Screen
    private var state: AppState
    private var decoder = InputDecoder()
    private let source: ExplorerSource
    private let requests: RequestRunner
    private let environment: [String: String]
    private let workingDirectory: URL
    private let client: any HTTPClient
    private let mailbox = Mailbox()
    /// Where unsent input is kept against a crash (none for the demo).
    private let recovery: RecoveryStore?
    /// Where sent requests are kept across runs (none for the demo).
    private let history: HistoryLog?
    /// The collection opened with the description (`specter DIR`), read while the description loads.
    private let collectionFolder: URL?
    private var tasks: [Int: Task<Void, Never>] = [:]
    /// The search running over each large body, so a newer one replaces it.
    private var searches: [Int: Task<Void, Never>] = [:]
    private let started = ContinuousClock.now
    private let watch: WatchSettings?
    private var fileWatcher: FileWatcher?
    private var watchedFiles: [URL] = []
    private var poller: Task<Void, Never>?
    private var polledURL: URL?
    /// Requests started and not yet answered (the loop polls faster while there are any).
    var requestsInFlight: Int { tasks.count }
    /// Called after each frame is drawn (benchmarks and tests watch for the first full one).
    public var onFrame: ((AppState) -> Void)?

    public init(terminal: any Terminal, source: ExplorerSource, client: any HTTPClient, environment: [String: String], workingDirectory: URL,
                environments: [RequestEnvironment] = [], initialEnvironment: String? = nil, collection: URL? = nil, watch: WatchSettings? = nil) {
        screen = Screen(terminal: terminal)
        let name: String
        switch source {
        case .argument(let argument, _): name = argument
        case .demo: name = "the demo (Swagger Petstore)"
        }
        state = AppState(size: terminal.size, source: name, theme: .forDepth(terminal.capabilities.colorDepth), environments: environments,
                         initialEnvironment: initialEnvironment, isWatching: watch != nil)
        self.source = source
        self.watch = watch
        collectionFolder = collection
        self.client = client
        requests = RequestRunner(client: client, signIn: Self.signIn(environment: environment, mailbox: mailbox))
        self.environment = environment
        self.workingDirectory = workingDirectory
        recovery = RecoveryStore(source: source, environment: environment, workingDirectory: workingDirectory)
        history = recovery.map { HistoryLog(source: $0.source, environment: environment) }
    }

    /// Runs until the user quits; returns the exit status (2 when nothing could be shown).
    public func run() async -> Int32 {
        execute(.load)
        present()
        while state.exitStatus == nil {
            let waiting = state.isAnimating || !tasks.isEmpty
            let input = screen.terminal.readInput(timeout: waiting ? .milliseconds(40) : .milliseconds(250))
            var messages = decoder.decode(input).map(Message.input)
            messages += mailbox.drain()
            let changed = !messages.isEmpty || state.isAnimating
            messages.append(.tick(ContinuousClock.now - started))
            for message in messages where state.exitStatus == nil {
                forgetFinishedTask(message)
                followDescription(message)
                if case .input(.resize) = message { screen.invalidate() }
                for effect in update(message) { execute(effect) }
            }
            if changed, state.exitStatus == nil { present() }
            await Task.yield()
        }
        for task in tasks.values { task.cancel() }
        fileWatcher?.stop()
        poller?.cancel()
        screen.terminal.restore()
        return state.exitStatus ?? 0
    }

    /// A reload replaces the whole workspace: the old version (its description, compiled schemas and
    /// forms, a million small objects for a large description) is freed on another thread, not
    /// between two frames.
    private func update(_ message: Message) -> [Effect] {
        guard case .reloaded = message else { return state.update(message) }
        let replaced = state.workspace
        let effects = state.update(message)
        Task.detached { withExtendedLifetime(replaced) {} }
        return effects
    }

    /// A request's result is in: its task is done, and the loop need not wait for it any more.
    private func forgetFinishedTask(_ message: Message) {
        switch message {
        case .exchanged(let id, _), .requestFailed(let id, _), .held(let id, _), .streamEnded(let id, _): tasks[id] = nil
        default: break
        }
    }

    private func present() {
        screen.present(AppView.render(state))
        onFrame?(state)
    }

    private func execute(_ effect: Effect) {
        switch effect {
        case .load:
            load()
        case .reload(let previous, let fingerprints):
            reload(previous, fingerprints: fingerprints)
        case .send(let job):
            send(job)
        case .cancel(let id):
            tasks[id]?.cancel()
            tasks[id] = nil
        case .copyToClipboard(let text):
            // OSC 52: the terminal puts it on the clipboard (the text is base64, so nothing in it is interpreted).
            screen.terminal.write(Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}".utf8))
        case .save(let bytes, let path):
            mailbox.post(Self.save(bytes, to: path, in: workingDirectory))
        case .editExternally(let entry, let text):
            let message = screen.terminal.releasing { ExternalEditor.edit(text, entry: entry, environment: environment) }
            screen.invalidate()
            mailbox.post(message)
        case .indexBody(let entry, let body):
            let mailbox = self.mailbox
            Task.detached { mailbox.post(.bodyIndexed(entry: entry, FileLines(body))) }
        case .searchBody(let entry, let term, let lines):
            let mailbox = self.mailbox
            searches[entry]?.cancel()
            searches[entry] = Task.detached {
                let found = lines.search(term)
                if !Task.isCancelled { mailbox.post(.bodySearched(entry: entry, term: term, lines: found.lines, truncated: found.truncated)) }
            }
        case .saveRecovery(let drafts):
            recovery?.save(drafts)
        case .changeCollection(let change, let collection):
            mailbox.post(Self.apply(change, to: collection))
        case .checkCollection(let collection, let service):
            let mailbox = self.mailbox
            Task.detached { mailbox.post(.collectionChecked(CollectionDrift.check(collection, service: service))) }
        case .appendHistory(let record):
            history?.append(record)
        case .storeSecret(let name, let value):
            do throws(SecretsFile.Problem) {
                try SecretsFile(environment: environment).store(value, named: name)
                mailbox.post(.secretStored(name: name, error: nil))
            } catch {
                mailbox.post(.secretStored(name: name, error: error.description))
            }
        case .suspend:
            screen.terminal.suspend()
            screen.invalidate()
            mailbox.post(.input(.resize(screen.terminal.size)))
        case .quit:
            break
        }
    }

    private func load() {
        let mailbox = self.mailbox
        let client = self.client
        let source = self.source
        let recovery = self.recovery
        let history = self.history
        let collectionFolder = self.collectionFolder
        Task.detached {
            switch source {
            case .demo:
                do throws(SpecError) {
                    let document = try await SpecLoader(client: client).load(bytes: Array(DemoDocument.petstore.utf8), url: URL(fileURLWithPath: "/demo/petstore.yaml"),
                                                                                displayName: "petstore.yaml (built in)")
                    mailbox.post(.loaded(document, isDemo: true))
                } catch {
                    mailbox.post(.loadFailed(error.description))
                }
            case .argument(let argument, let options):
                do throws(ExplorerLoading.Failure) {
                    let (document, collection) = try await ExplorerLoading.load(argument, options: options, client: client, collection: collectionFolder)
                    if let collection { mailbox.post(.collectionOpened(collection)) }
                    mailbox.post(.loaded(document, isDemo: false))
                    if let records = history?.load(), !records.isEmpty { mailbox.post(.historyFound(records)) }
                    if let found = recovery?.load() { mailbox.post(.recoveryFound(found.drafts, savedAt: found.savedAt)) }
                } catch {
                    mailbox.post(.loadFailed(error.description))
                }
            }
        }
    }

    /// Reads the description again (its root URL once known, so a bare server URL is not searched
    /// again) and works out what changed, away from the keys.
    private func reload(_ previous: APIDocument?, fingerprints: OperationFingerprints?) {
        let mailbox = self.mailbox
        guard case .argument(let argument, let options) = source else {
            mailbox.post(.reloadFailed("the built-in demo does not change"))
            return
        }
        let client = self.client
        Task.detached {
            do throws(SpecError) {
                let loader = SpecLoader(client: client, options: options)
                let document: APIDocument
                if let previous, !previous.documents.rootURL.isFileURL {
                    document = try await loader.load(url: previous.documents.rootURL, displayName: previous.documents.rootDisplayName)
                } else {
                    document = try await loader.load(argument)
                }
                // On screen first; what changed follows (the explorer carries the forms meanwhile).
                mailbox.post(.reloaded(document))
                let current = OperationFingerprints(document)
                mailbox.post(.changesFound(previous.map { DescriptionChanges(from: $0, to: document, oldFingerprints: fingerprints, newFingerprints: current) }, current))
            } catch {
                mailbox.post(.reloadFailed(error.description))
            }
        }
    }

    /// With `--watch`, follows what the description was read from: its files (every file a
    /// multi-file description read), or its URL.
    private func followDescription(_ message: Message) {
        guard let watch, case .argument(let argument, _) = source else { return }
        let document: APIDocument?
        switch message {
        case .loaded(let loaded, _), .reloaded(let loaded): document = loaded
        case .loadFailed: document = nil
        default: return
        }
        if case .loaded(let loaded, _) = message {
            let mailbox = self.mailbox
            Task.detached { mailbox.post(.fingerprinted(OperationFingerprints(loaded))) }
        }
        let root = document?.documents.rootURL ?? SpecLoader.url(for: argument, relativeTo: workingDirectory)
        if root.isFileURL {
            let files = document?.documents.allDocuments.map(\.url).filter(\.isFileURL) ?? [root]
            guard files != watchedFiles else { return }
            fileWatcher?.stop()
            watchedFiles = files
            let mailbox = self.mailbox
            fileWatcher = FileWatcher(files: files)
            fileWatcher?.start { mailbox.post(.sourceChanged) }
            if fileWatcher == nil { mailbox.post(.watchStatus(.unreachable(reason: "its folder cannot be watched (inotify)", retryIn: .zero))) }
        } else {
            guard root != polledURL else { return }
            poller?.cancel()
            polledURL = root
            let mailbox = self.mailbox
            let poller = URLPoller(url: root, client: client, interval: watch.interval, untilLoaded: document == nil)
            self.poller = Task.detached {
                await poller.run { signal in
                    switch signal {
                    case .changed: mailbox.post(.sourceChanged)
                    case .reachable: mailbox.post(.watchStatus(.watching))
                    case .unreachable(let reason, let wait): mailbox.post(.watchStatus(.unreachable(reason: reason, retryIn: wait)))
                    }
                }
            }
        }
    }

    private func send(_ job: RequestJob) {
        let mailbox = self.mailbox
        let requests = self.requests
        let environment = self.environment
        let workingDirectory = self.workingDirectory
        tasks[job.id] = Task.detached {
            mailbox.post(await Self.perform(job, with: requests, environment: environment, workingDirectory: workingDirectory) { mailbox.postMerging($0) })
        }
    }

    /// OAuth2 sign-in from the explorer: what the user must do shows in a dialog (a browser opens
    /// where there is a display); a refresh token kept in the secrets file is used, none is written.
    nonisolated static func signIn(environment: [String: String], mailbox: Mailbox) -> OAuthSignIn {
        let opener = BrowserOpener.find(environment)
        return OAuthSignIn(prefersBrowser: opener != nil, keeper: .secretsFile(SecretsFile(environment: environment), saves: false)) { prompt in
            mailbox.post(.signInNeeded(prompt, browserOpened: opener != nil))
            if case .authorize(let url) = prompt, let opener { BrowserOpener.open(url, with: opener) }
        }
    }

    /// Makes a change to the collection's files; the collection as they now are, or why not.
    nonisolated static func apply(_ change: CollectionChange, to collection: Collection) -> Message {
        var collection = collection
        do throws(CollectionStore.Failure) {
            switch change.kind {
            case .save(let request, let path, let overwriting):
                try CollectionStore.save(request, at: path, in: &collection, overwriting: overwriting)
            case .relocate(let from, let to, let name):
                try CollectionStore.relocate(from, to: to, name: name, in: &collection)
            case .duplicate(let from, let to, let name):
                try CollectionStore.duplicate(from, to: to, name: name, in: &collection)
            case .delete(let path):
                try CollectionStore.delete(path, in: &collection)
            case .reload:
                collection = try CollectionStore.open(collection.root)
            }
            return .collectionChanged(change, collection, failure: nil)
        } catch {
            return .collectionChanged(change, collection, failure: error)
        }
    }

    /// Builds a job's request and sends it, or holds it when the builder warns and the job asked
    /// for that; the outcome as the message `update` gets. A response that is a stream is read to
    /// its end here: its head and events go to `streamTo` as they arrive, its ending is the outcome.
    nonisolated static func perform(_ job: RequestJob, with requests: RequestRunner, environment: [String: String], workingDirectory: URL,
                                    streamTo post: @escaping @Sendable (Message) -> Void = { _ in }) async -> Message {
        // The explorer's variables are the collection's and the chosen environment's: files, whose references are read.
        var scope = VariableScope(files: [job.variables], environment: environment)
        if job.draft.usesSecrets || scope.needsSecrets {
            do throws(SecretsFile.Problem) {
                scope.secrets = try SecretsFile(environment: environment).load()
            } catch {
                return .requestFailed(id: job.id, error.description)
            }
        }
        do throws(RequestFailure) {
            let prepared = try await requests.prepare(job.draft, service: job.service, scope: scope, workingDirectory: workingDirectory)
            // A query parameter the description does not list is one the user added on purpose.
            let warnings = prepared.built.warnings.filter { if case .unknownParameter = $0 { return false } else { return true } }
            if job.holdOnWarnings, !warnings.isEmpty { return .held(id: job.id, warnings) }
            if RequestRunner.expectsStream(prepared.operation, request: prepared.built.request) {
                return await StreamRelay.read(requests.open(prepared.built, for: prepared.operation, service: job.service), id: job.id, post: post)
            }
            return .exchanged(id: job.id, await requests.send(prepared.built, for: prepared.operation, service: job.service))
        } catch {
            return .requestFailed(id: job.id, error.explorerMessage)
        }
    }

    /// Writes a body where the user said (relative to the working directory), never over an existing file.
    nonisolated static func save(_ body: ResponseBytes, to path: String, in directory: URL) -> Message {
        let expanded = (path as NSString).expandingTildeInPath
        // Appended, not resolved against the folder's URL: a folder URL without a trailing slash would lose its last component.
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : directory.appendingPathComponent(expanded)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            return .saved(path: path, error: "\(path) already exists; choose another name")
        }
        do {
            try body.write(toNewFile: url)
            return .saved(path: url.path, error: nil)
        } catch {
            return .saved(path: path, error: error.localizedDescription)
        }
    }
}

extension RequestFailure {
    /// The failure in the explorer's words (it has a server picker where the CLI has `--server`).
    var explorerMessage: String {
        if case .build(let error) = self, error.needsServer { return description + ": press F2 to choose a server or enter its URL" }
        return description
    }
}

/// Messages from effects running elsewhere, collected until the loop picks them up.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []

    func post(_ message: Message) {
        lock.withLock { messages.append(message) }
    }

    /// Posts a message; a stream's events join its batch still waiting for the loop (if it is the
    /// last message), so a fast stream costs one message a frame and a bounded batch.
    func postMerging(_ message: Message) {
        lock.withLock {
            if case .streamEvents(let id, let later) = message, let last = messages.indices.last, case .streamEvents(id, var waiting) = messages[last] {
                waiting.merge(later)
                messages[last] = .streamEvents(id: id, waiting)
            } else {
                messages.append(message)
            }
        }
    }

    func drain() -> [Message] {
        lock.withLock {
            defer { messages = [] }
            return messages
        }
    }
}

/// Opens the body in `$VISUAL` or `$EDITOR` (else `vi`) and reads it back.
enum ExternalEditor {
    static func edit(_ text: String, entry: Int, environment: [String: String]) -> Message {
        // A folder only this user can read (the body may hold secrets), with a name no one can guess beforehand.
        var template = Array((NSTemporaryDirectory() + "/specter-body-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) } }) else {
            return .edited(entry: entry, text: nil, error: "cannot make a temporary folder for the body")
        }
        let file = URL(fileURLWithPath: folder).appendingPathComponent("body-\(entry).json")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return .edited(entry: entry, text: nil, error: "cannot write \(file.path)")
        }
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .edited(entry: entry, text: nil, error: "cannot run \(editor)")
        }
        guard process.terminationStatus == 0 else {
            return .edited(entry: entry, text: nil, error: "\(editor) exited with status \(process.terminationStatus); the body is unchanged")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .edited(entry: entry, text: nil, error: "the edited file is gone")
        }
        return .edited(entry: entry, text: String(decoding: data, as: UTF8.self), error: nil)
    }
}
