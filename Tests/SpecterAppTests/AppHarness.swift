import Foundation
import Testing
import SpecterHTTP
import SpecterRequest
import SpecterSpec
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// Drives the explorer through its update function, as the runner would, with no terminal:
/// keys in, frames out. Requests go to `CannedServer`, so frames are the same on every run.
struct AppHarness {
    var state: AppState
    var effects: [Effect] = []
    let server: CannedServer

    init(size: Size, spec: String = "sample-specs/petstore.yaml", isDemo: Bool = false, theme: Theme = .colour, server: CannedServer = CannedServer(),
         environments: [RequestEnvironment] = [], initialEnvironment: String? = nil, collection: Collection? = nil) async throws {
        // A fixed start, so clock times in frames are the same on every run (TZ=UTC in tests).
        state = AppState(size: size, source: spec, theme: theme, environments: environments, initialEnvironment: initialEnvironment,
                         collection: collection, startedAt: Date(timeIntervalSince1970: 1_796_000_000))
        self.server = server
        let document = try await SpecLoader().load(Fixtures.package(spec).path)
        start(document, isDemo: isDemo)
    }

    /// A harness on a description already loaded (one a test writes, then changes).
    init(size: Size, document: APIDocument, isWatching: Bool = false) {
        state = AppState(size: size, source: document.documents.rootDisplayName, theme: .colour, startedAt: Date(timeIntervalSince1970: 1_796_000_000),
                         isWatching: isWatching)
        server = CannedServer()
        start(document, isDemo: false)
    }

    private mutating func start(_ document: APIDocument, isDemo: Bool) {
        send(.loaded(document, isDemo: isDemo))
        // The collection's check runs in the background in the explorer; here, at once.
        for case .checkCollection(let collection, let service) in effects { send(.collectionChecked(CollectionDrift.check(collection, service: service))) }
        effects.removeAll { if case .checkCollection = $0 { return true } else { return false } }
    }

    mutating func send(_ message: Message) {
        effects += state.update(message)
    }

    mutating func press(_ keys: KeyPress...) {
        for key in keys { send(.input(.key(key))) }
    }

    /// Points requests at a URL through the F2 picker, as a user would.
    mutating func useServer(_ url: String) {
        press(KeyPress(.function(2)))
        guard case .options(let picker)? = state.workspace?.overlay, let row = picker.rows.firstIndex(of: .customURL) else { return }
        for _ in 0..<row { press(.down) }
        type(url)
        press(.enter)
    }

    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    /// Runs the requests asked for so far against the canned server, as the runner does, and
    /// delivers the outcomes.
    mutating func deliverResponses() async {
        let pending = effects
        effects = []
        for effect in pending {
            guard case .send(let job) = effect else { continue }
            var runner = RequestRunner(client: server)
            runner.boundary = "specter-test-boundary"
            let relayed = Relayed()
            let outcome = await AppRunner.perform(job, with: runner, environment: [:], workingDirectory: Fixtures.packageRoot) { relayed.add($0) }
            for message in relayed.messages { send(message) }
            send(outcome)
        }
    }

    /// What a streamed response posts while it is read (its head, its events), in order.
    final class Relayed: @unchecked Sendable {
        private let lock = NSLock()
        private var posted: [Message] = []

        func add(_ message: Message) { lock.withLock { posted.append(message) } }
        var messages: [Message] { lock.withLock { posted } }
    }

    /// Makes the collection changes asked for so far, as the runner does, and delivers the outcomes.
    mutating func applyCollectionChanges() {
        // As the runner does: the changes a change leads to are made too (a save that meets a changed
        // file reads the collection again), a few rounds at most.
        for _ in 0..<4 {
            let pending = effects
            effects = []
            var applied = false
            for effect in pending {
                switch effect {
                case .changeCollection(let change, let collection):
                    send(AppRunner.apply(change, to: collection))
                    applied = true
                case .checkCollection(let collection, let service):
                    send(.collectionChecked(CollectionDrift.check(collection, service: service)))
                    applied = true
                default:
                    effects.append(effect)
                }
            }
            if !applied { return }
        }
    }

    /// F5, and F5 again if the request was held for a warning (the petstore wants credentials).
    mutating func sendAnyway() async {
        press(KeyPress(.function(5)))
        await deliverResponses()
        guard let workspace = state.workspace, case .operation(let entry) = workspace.screen else { return }
        if case .request? = workspace.sessions[entry]?.warned {
            press(KeyPress(.function(5)))
            await deliverResponses()
        }
    }

    var frame: CellBuffer { AppView.render(state) }

    /// The text of the last copy to the clipboard asked for, if any.
    var copied: String? {
        for effect in effects.reversed() { if case .copyToClipboard(let text) = effect { return text } }
        return nil
    }

    var workspace: Workspace {
        get throws {
            guard let workspace = state.workspace else { throw HarnessError(description: "no workspace") }
            return workspace
        }
    }

    /// The form of the operation on screen.
    var openSession: OperationSession {
        get throws {
            let workspace = try workspace
            guard case .operation(let entry) = workspace.screen, let session = workspace.sessions[entry] else { throw HarnessError(description: "no operation open") }
            return session
        }
    }

    func golden(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.check(frame, name, in: "Tests/SpecterAppTests/Golden", sourceLocation: sourceLocation)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}

/// A stand-in for the network in frame tests: answers each request from a table, in no time.
/// (Real requests are tested against the real FastAPI and Flask apps.)
final class CannedServer: HTTPClient, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [(matches: @Sendable (HTTPRequest) -> Bool, response: @Sendable (HTTPRequest) -> HTTPResponse)] = []
    private(set) var requests: [HTTPRequest] = []

    func answer(_ matches: @escaping @Sendable (HTTPRequest) -> Bool, status: Int, contentType: String = "application/json", body: String) {
        lock.withLock {
            answers.append((matches, { request in
                HTTPResponse(status: status, headers: ["Content-Type": contentType, "Content-Length": String(body.utf8.count)], body: ResponseBytes(Array(body.utf8)),
                             url: request.url, duration: .milliseconds(42))
            }))
        }
    }

    func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
        let answer = lock.withLock { () -> ((HTTPRequest) -> HTTPResponse)? in
            requests.append(request)
            return answers.first { $0.matches(request) }?.response
        }
        guard let answer else { throw .connectionRefused(host: request.url.host ?? "", port: request.url.effectivePort) }
        return answer(request)
    }
}
