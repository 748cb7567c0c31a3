import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// A loaded description and everything the user does with it in this session: one sub-model per
/// place (the endpoint list, the documentation, each operation's form and response, the history,
/// the overlays), each with its own update from actions.
public struct Workspace: Sendable {
    public let document: APIDocument
    /// The description's compiled schemas and checks, shared by every form and request.
    let service: DescriptionService
    public let index: EndpointIndex
    let candidates: [FuzzyCandidate]
    /// Whether this is the built-in demo (the screen then says how to open your own).
    public let isDemo: Bool
    var browser: BrowserState
    var docs = DocsState()
    /// The API's own page (`i`).
    var overview = DocsState()
    var screen: WorkspaceScreen = .browse
    var focus: Focus = .list
    /// Each operation's form and last response, by entry, kept while the user browses elsewhere.
    var sessions: [Int: OperationSession] = [:]
    /// Input carried over by a reload whose form is built when its operation is opened (`unpark`).
    var parked: [Int: ParkedSession] = [:]
    var history = HistoryState()
    var settings: Settings
    var nextRequestID = 1
    var overlay: Overlay?
    var toast: TimedToast?
    var recovery = RecoveryState()
    /// The collection opened with the description, if any (F4).
    var collectionPane: CollectionPane?
    /// The input of operations a reload dropped, back in their forms if the operations return.
    var keptAside: [OperationKey: KeptAside] = [:]
    /// What the last reload found; compared against on the next one.
    var fingerprints: OperationFingerprints?
    /// What the last reload changed, or why the latest version could not be read.
    var reloadBanner: ReloadBanner?

    let environments: [RequestEnvironment]

    init(document: APIDocument, isDemo: Bool, environments: [RequestEnvironment] = [], collection: Collection? = nil) {
        self.document = document
        service = DescriptionService(document: document)
        self.environments = environments
        index = EndpointIndex(document)
        candidates = index.entries.map { FuzzyCandidate($0.searchText) }
        self.isDemo = isDemo
        browser = BrowserState(index: index)
        settings = Settings(document: document)
        if let collection {
            collectionPane = CollectionPane(collection)
            if let server = collection.manifest.server {
                settings.server = .url(server)
                settings.customURL = server
            }
        }
    }

    var hasRequestInFlight: Bool { sessions.values.contains { $0.isSending } }

    /// The operation selected in the browser (or open), by entry index.
    var selectedEntry: Int? {
        if case .operation(let entry) = screen { return entry }
        return browser.selectedEntry
    }

    /// Operations with input that has not been sent since it was typed.
    var unsentSessions: Int { sessions.values.filter(\.hasUnsentInput).count + parked.values.filter(\.editedSinceSend).count }

    func operation(_ entry: Int) -> APIOperation { index.entries[entry].operation }
}

enum WorkspaceScreen: Sendable, Equatable {
    case browse
    case overview
    case operation(Int)
    case history
    case collection
}

/// Which pane takes the keys.
enum Focus: Sendable, Equatable {
    case list
    case docs
    case form
    case response
}

/// Choices that apply to every request: the server and the credentials, by scheme name.
struct Settings: Sendable {
    /// The description's (or operation's) first server by default; otherwise one of the servers or a custom URL.
    var server: ServerChoice = .first
    var variables: [String: String] = [:]
    var credentials: [String: TextInput] = [:]
    /// A URL typed in the picker, kept whether or not it was chosen.
    var customURL = ""
    /// The environment last applied, for the title bar (changes made after it are the user's own).
    var environment: String?

    init(document: APIDocument) {
        for server in document.servers.prefix(1) {
            for variable in server.variables { variables[variable.name] = variable.defaultValue }
        }
    }

    /// Takes an environment's server, variables and credential references.
    mutating func apply(_ chosen: RequestEnvironment) {
        environment = chosen.name
        if let url = chosen.server {
            server = .url(url)
            customURL = url
        }
        variables.merge(chosen.variables) { $1 }
        for (scheme, value) in chosen.credentials { credentials[scheme] = TextInput(value) }
    }

    /// The server with its variables filled in: a described server's, or an environment's template
    /// (`https://staging.example.com/{version}`).
    func serverChoice() -> ServerChoice {
        switch server {
        case .described(let index, _): return .described(index: index, variables: variables)
        case .url(let url, _): return .url(url, variables: variables)
        }
    }

    /// The credential references typed for the schemes (empty ones left out).
    var credentialReferences: [DraftCredential] {
        credentials.sorted { $0.key < $1.key }.compactMap { scheme, input in
            input.text.isEmpty ? nil : DraftCredential(scheme: scheme, reference: CredentialReference(text: input.text))
        }
    }
}

/// Every request sent in the session, newest last, then those sent in earlier runs (from the
/// history file), and the list showing them all newest first.
struct HistoryState: Sendable {
    var entries: [HistoryEntry] = []
    /// Requests sent in earlier runs, oldest first: their inputs can be reopened and sent again.
    var earlier: [HistoryRecord] = []
    var list = ListState()

    var rowCount: Int { entries.count + earlier.count }

    /// Adds a request just sent (its row on top). A cursor moved down the list stays on the request
    /// it was on; one on the newest row stays on top, on the newest.
    mutating func add(_ sent: HistoryEntry) {
        entries.append(sent)
        if list.selection > 0 { list.selection += 1 }
    }

    /// The entry a row of the list shows (newest first).
    func entry(atRow row: Int) -> HistoryEntry? {
        let position = entries.count - 1 - row
        return entries.indices.contains(position) ? entries[position] : nil
    }

    /// The earlier run's record a row shows, below this session's entries.
    func earlierRecord(atRow row: Int) -> HistoryRecord? {
        let position = earlier.count - 1 - (row - entries.count)
        return row >= entries.count && earlier.indices.contains(position) ? earlier[position] : nil
    }
}

/// One request that was sent, kept so it can be reopened with its inputs and response.
struct HistoryEntry: Sendable {
    /// The operation's entry; nil once a reloaded description no longer has it.
    var entry: Int?
    var sentAt: Duration
    var session: OperationSession
    var exchange: Exchange
    /// The response pane as it was (its body lines, folds), so reopening shows the response again.
    var response: ResponseViewState
}

/// A transient message and when it goes away.
struct TimedToast: Sendable {
    var text: String
    var kind: Toast.Kind
    var until: Duration
}

/// What covers the screen, taking the keys while it is open.
enum Overlay: Sendable {
    case help
    case quitConfirmation(Dialog)
    /// Copying a request with its credentials in clear, once the user says yes; the text to copy.
    case copySecretsConfirmation(Dialog, String)
    /// Which format to copy a sent request in (y).
    case copyFormat(Dialog, Exchange)
    /// An enum field's values to pick from.
    case choices(field: FieldID, values: [String], list: ListState)
    /// A line of text to ask for (a file name, a map key).
    case prompt(Prompt)
    /// Servers, server variables and credentials.
    case options(OptionsPicker)
    /// Unsent input from an earlier run: restore it or discard it.
    case recovery(Dialog, [RequestDraft])
    /// Something to decide before the collection's files change.
    case collectionQuestion(Dialog, CollectionQuestion)
    /// An OAuth2 sign-in the request in flight waits for: what to do, and Esc to cancel it.
    case signIn(Dialog)
}

/// A question with a one-line answer.
struct Prompt: Sendable {
    enum Purpose: Sendable {
        case saveBody
        case mapKey(FieldID)
        /// The name of a header or query parameter to add.
        case extra(ExtraField.Kind)
        /// The name (and folder) of a request saved for the first time.
        case saveRequest(PendingSave)
        case renameSaved(String)
        case moveSaved(String)
    }

    var title: String
    var purpose: Purpose
    var input: TextInput
}
