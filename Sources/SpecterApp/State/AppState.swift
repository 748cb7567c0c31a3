import Foundation
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// Everything the explorer shows, as a value: `update` changes it in response to messages, the
/// views draw it, and nothing else has state. No I/O happens here; work is asked for as effects.
public struct AppState: Sendable {
    public enum Phase: Sendable {
        case loading(source: String)
        case failed(source: String, message: String)
        case ready(Workspace)
    }

    public var size: Size
    /// Time since the explorer started, from the runner's clock (tests set it).
    public internal(set) var now: Duration = .zero
    /// The wall-clock time the explorer started, so times can be shown as the clock read them.
    public let startedAt: Date
    public let theme: Theme
    public internal(set) var phase: Phase
    /// Set when the explorer should end, with the process exit status.
    public internal(set) var exitStatus: Int32?

    /// Environments the F2 picker offers, and the one to start in.
    let environments: [RequestEnvironment]
    let initialEnvironment: String?
    /// The collection opened with the description (`specter DIR`, `--collection DIR`).
    var collection: Collection?
    /// Whether the description is watched (`--watch`): it reloads when it changes.
    public let isWatching: Bool
    var watchStatus: WatchStatus = .watching
    /// A reload is running; another change meanwhile reloads again once it is done.
    var reloadInFlight = false
    var reloadQueued = false

    public init(size: Size, source: String, theme: Theme, environments: [RequestEnvironment] = [], initialEnvironment: String? = nil,
                collection: Collection? = nil, startedAt: Date = Date(), isWatching: Bool = false) {
        self.collection = collection
        self.isWatching = isWatching
        self.size = size
        self.startedAt = startedAt
        self.theme = theme
        self.environments = environments
        self.initialEnvironment = initialEnvironment
        phase = .loading(source: source)
    }

    /// The workspace, once a description is loaded.
    public var workspace: Workspace? {
        if case .ready(let workspace) = phase { return workspace }
        return nil
    }

    /// Whether anything on screen moves by itself (a spinner, a message that will go away).
    public var isAnimating: Bool {
        if case .loading = phase { return true }
        guard let workspace else { return false }
        return workspace.toast != nil || workspace.reloadBanner?.expires == true || workspace.hasRequestInFlight
    }

    static let minimumSize = Size(width: 60, height: 15)
}

