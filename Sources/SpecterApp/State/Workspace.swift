import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// A loaded description and everything the user does with it in this session.
public struct Workspace: Sendable {
    public let document: APIDocument
    /// The description's compiled schemas and checks, shared by every form and request.
    let service: DescriptionService
    public let index: EndpointIndex
    let candidates: [FuzzyCandidate]
    /// Whether this is the built-in demo (the screen then says how to open your own).
    public let isDemo: Bool
    var browser: BrowserState
    var docs: DocsState
    var screen: WorkspaceScreen = .browse
    var focus: Focus = .list
    /// Each operation's form and last response, by entry, kept while the user browses elsewhere.
    var sessions: [Int: OperationSession] = [:]
    var history: [HistoryEntry] = []
    var historyList = ListState()
    var settings: Settings
    var nextRequestID = 1
    var overlay: Overlay?
    var toast: TimedToast?

    let environments: [ExplorerEnvironment]

    init(document: APIDocument, isDemo: Bool, environments: [ExplorerEnvironment] = []) {
        self.document = document
        service = DescriptionService(document: document)
        self.environments = environments
        index = EndpointIndex(document)
        candidates = index.entries.map { FuzzyCandidate($0.searchText) }
        self.isDemo = isDemo
        browser = BrowserState(index: index)
        docs = DocsState()
        settings = Settings(document: document)
    }

    var hasRequestInFlight: Bool { sessions.values.contains { $0.isSending } }

    /// The operation selected in the browser (or open), by entry index.
    var selectedEntry: Int? {
        if case .operation(let entry) = screen { return entry }
        return browser.selectedEntry
    }

    /// Operations with input that has not been sent since it was typed.
    var unsentSessions: Int { sessions.values.filter(\.hasUnsentInput).count }
}

enum WorkspaceScreen: Sendable, Equatable {
    case browse
    case operation(Int)
    case history
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
    /// `nil`: the description's (or operation's) first server; otherwise one of the servers or a custom URL.
    var server: ServerChoice = .first
    var variables: [String: String] = [:]
    var credentials: [String: TextInput] = [:]
    /// The environment last applied, for the title bar (changes made after it are the user's own).
    var environment: String?

    init(document: APIDocument) {
        for server in document.servers.prefix(1) {
            for variable in server.variables { variables[variable.name] = variable.defaultValue }
        }
    }

    /// Takes an environment's server, variables and credential references.
    mutating func apply(_ chosen: ExplorerEnvironment) {
        environment = chosen.name
        if let url = chosen.server { server = .url(url) }
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

/// One request that was sent, kept so it can be reopened with its inputs and response.
struct HistoryEntry: Sendable {
    var entry: Int
    var sentAt: Duration
    var session: OperationSession
    var exchange: Exchange
}
