import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal

/// Something that happened: input, time passing, or the result of an effect. `update` turns each
/// into a new state and the effects to run next.
public enum Message: Sendable {
    case input(InputEvent)
    case tick(Duration)
    case loaded(APIDocument, isDemo: Bool)
    case loadFailed(String)
    case exchanged(id: Int, Exchange)
    case requestFailed(id: Int, String)
    /// The request was built but not sent: the builder warned about it (and the job asked to hold).
    case held(id: Int, [RequestWarning])
    /// The external editor closed: the body text it left (nil if it could not run, with why).
    case edited(entry: Int, text: String?, error: String?)
    case saved(path: String, error: String?)
    /// A body too large to hold was indexed for reading from its file.
    case bodyIndexed(entry: Int, FileLines)
    /// The lines of a large body that contain `term`, and whether there were more than were kept.
    case bodySearched(entry: Int, term: String, lines: [Int], truncated: Bool)
    /// Unsent input an earlier run left (it ended without quitting: a crash, `kill -9`), and when it was written.
    case recoveryFound([RequestDraft], savedAt: String)
    /// A change to the collection's files was made (the collection as the files now are), or failed.
    case collectionChanged(CollectionChange, Collection, failure: CollectionStore.Failure?)
    /// The collection opened with the description was read (it comes just before `loaded`).
    case collectionOpened(Collection)
    /// What no longer fits between the collection's saved requests and the description.
    case collectionChecked([CollectionDrift.Finding])
    /// Requests sent in earlier runs, from the history file.
    case historyFound([HistoryRecord])
    /// A typed-in credential went to the user's secrets file (or could not, with why).
    case secretStored(name: String, error: String?)
    /// The description was read again: the new version replaces the one on screen.
    case reloaded(APIDocument)
    /// What the reload changed (nil without an earlier version), worked out after the new version
    /// went on screen, and the new version's fingerprints (to compare the next one with).
    case changesFound(DescriptionChanges?, OperationFingerprints)
    /// Reading the description again failed (a syntax error mid-edit): where and why.
    case reloadFailed(String)
    /// Sending needs an OAuth2 sign-in: what the user must do (while the request waits for it).
    case signInNeeded(OAuthPrompt, browserOpened: Bool)
    /// The fingerprints of the description first loaded (worked out in the background when it is
    /// watched, so the first reload need not).
    case fingerprinted(OperationFingerprints)
    /// The watched description's files or URL changed.
    case sourceChanged
    /// How watching goes (a URL that stopped answering is tried again later).
    case watchStatus(WatchStatus)
    /// A request was answered with a stream: its head (as an exchange), its format, and what its
    /// items are checked against (`the itemSchema of 200 text/event-stream`), if anything.
    case streamOpened(id: Int, Exchange, StreamFormat, checkedAgainst: String?)
    /// Events of an open stream, merged while they waited for the loop.
    case streamEvents(id: Int, StreamBatch)
    /// The stream ended (closed by the server, cancelled, failed).
    case streamEnded(id: Int, StreamState)
}

/// How watching the description goes, for the title bar.
public enum WatchStatus: Sendable, Equatable {
    case watching
    /// The URL did not answer; it is tried again after `retryIn`.
    case unreachable(reason: String, retryIn: Duration)
}

/// A change to a collection's files, with what the explorer does once it is made.
public struct CollectionChange: Sendable {
    public enum Kind: Sendable {
        case save(SavedRequest, path: String, overwriting: Bool)
        /// A rename or a move of the file as it is on disk now: written under its new path with its
        /// new name, then the old file removed.
        case relocate(from: String, to: String, name: String?)
        /// A copy of the file as it is on disk now, under another name.
        case duplicate(from: String, to: String, name: String)
        case delete(String)
        /// Read the files again (another program changed them).
        case reload
    }

    public var kind: Kind
    /// The operation whose form the change is for (saving it), by entry.
    public var entry: Int?
}

/// Work the runner does for `update`, whose results come back as messages.
public enum Effect: Sendable {
    case load
    /// Read the description again; the version on screen (none after a failed load) and its
    /// fingerprints, to say what changed.
    case reload(previous: APIDocument?, fingerprints: OperationFingerprints?)
    case send(RequestJob)
    case cancel(requestID: Int)
    case copyToClipboard(String)
    case save(ResponseBytes, path: String)
    case editExternally(entry: Int, text: String)
    /// Index a large text body's lines (reading its file).
    case indexBody(entry: Int, ResponseBytes)
    /// Search a long body (held, or read from its file) for a term, away from the keys.
    case searchBody(entry: Int, term: String, BodyLines)
    /// Write the unsent drafts where a later run finds them (none: remove what was written).
    case saveRecovery([JSONValue])
    case changeCollection(CollectionChange, Collection)
    /// Check the collection against the description, away from the keys.
    case checkCollection(Collection, DescriptionService)
    /// Add a sent request to the history file.
    case appendHistory(HistoryRecord)
    /// Put a typed-in credential in the user's secrets file under a name.
    case storeSecret(name: String, value: String)
    case suspend
    case quit(Int32)
}

/// One request to build and send: the draft `update` made, and the description it is for.
public struct RequestJob: Sendable {
    public var id: Int
    public var draft: RequestDraft
    public var service: DescriptionService
    /// The values of `{{variables}}` in the draft (server variables, the environment's).
    public var variables: [String: String]
    /// Build it, and send it only if the builder has no warning (otherwise report them as `held`).
    public var holdOnWarnings: Bool
}
