import Foundation
import Testing
import SpecterCLI
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// The real `AppRunner` (its loop, its effects, its HTTP client) on the in-memory terminal, against the
/// real FastAPI app: what a user sees, typed as a user types.
@Suite(.serialized) struct RunnerTests {
    /// Filters to "create pet", fills in the form, sends it, goes back and quits.
    static let createPet: [MemoryTerminal.Step] = [
        .type(after: "Endpoints · ", "/create pet"),
        .keys(after: "POST   /pets", .enter),
        .type(after: "POST /pets — Create a pet", "Rex"),
        .keys(.tab),
        .type("3"),
        .keys(after: "✓ valid", KeyPress(.function(5))),
        .keys(after: "201 Created", .escape),
        .type(after: " BROWSE ", "q"),
    ]

    @MainActor
    func runExplorer(_ script: [MemoryTerminal.Step], client: any HTTPClient) async throws -> (runner: AppRunner, terminal: MemoryTerminal, last: AppState?, status: Int32) {
        let base = try await TestServers.shared.url(for: .fastapi)
        let terminal = MemoryTerminal(size: Size(width: 120, height: 34))
        terminal.script = script
        let runner = AppRunner(terminal: terminal, source: .argument(base.absoluteString, LoadOptions()), client: client, environment: [:],
                               workingDirectory: Fixtures.packageRoot)
        var last: AppState?
        runner.onFrame = { last = $0 }
        let status = await runner.run()
        if let stalled = terminal.stalled { Issue.record("waited in vain for \"\(stalled.text)\"; the screen was:\n\(stalled.screen)") }
        return (runner, terminal, last, status)
    }

    @MainActor
    @Test func theRunnerSendsAndThenRestsUntilTheNextKey() async throws {
        let client = RecordingClient()
        let run = try await runExplorer(Self.createPet, client: client)
        #expect(run.status == 0)
        #expect(run.terminal.restored)
        #expect(run.runner.requestsInFlight == 0, "the finished request's task is forgotten, so the loop stops waking every 40 ms")
        let posts = client.requests.filter { $0.method == "POST" }
        #expect(posts.count == 1)
        #expect(posts.first.map { String(decoding: $0.body ?? [], as: UTF8.self) } == #"{"name":"Rex","age":3}"#)
    }

    /// The explorer and `specter call --draft` build the same request from the same draft.
    @MainActor
    @Test func callAndTheExplorerSendTheSameRequestForTheSameDraft() async throws {
        let explorerClient = RecordingClient()
        let run = try await runExplorer(Self.createPet, client: explorerClient)
        let workspace = try #require(run.last?.workspace)
        let session = try #require(workspace.sessions.values.first { $0.operation.operationID == "create_pet_pets_post" })
        let draft = session.draft(settings: workspace.settings)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("specter-draft-\(getpid()).json")
        try JSONWriter.pretty.string(draft.json).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let base = try await TestServers.shared.url(for: .fastapi)
        let callClient = RecordingClient()
        let out = BufferSink(), err = BufferSink()
        let environment = CLIEnvironment(stdout: out, stderr: err, workingDirectory: Fixtures.packageRoot, httpClient: callClient)
        let status = await Specter.run(["call", base.absoluteString, "create_pet_pets_post", "--draft", file.path, "--format", "json"], environment: environment)
        #expect(status == .success, "\(err.text)")

        let sentByExplorer = try #require(explorerClient.requests.last { $0.method == "POST" })
        let sentByCall = try #require(callClient.requests.last { $0.method == "POST" })
        #expect(sentByCall.method == sentByExplorer.method)
        #expect(sentByCall.url == sentByExplorer.url)
        #expect(sentByCall.headers.fields.map { "\($0.name): \($0.value)" } == sentByExplorer.headers.fields.map { "\($0.name): \($0.value)" })
        #expect(sentByCall.body == sentByExplorer.body)
        let record = try JSONParser.parse(out.text)
        #expect(record["request"]?["method"] == .string(sentByExplorer.method))
        #expect(record["request"]?["url"] == .string(sentByExplorer.url.absoluteString))
        #expect(record["request"]?["body"] == (try JSONParser.parse(sentByExplorer.body ?? [])))
    }

    /// While a large body streams in, the explorer keeps answering keys, and Esc cancels at once.
    @MainActor
    @Test func keysAreAnsweredWithin100msAndCancelWithin250msWhileABodyStreams() async throws {
        let base = try await TestServers.shared.url(for: .hostile)
        let terminal = MemoryTerminal(size: Size(width: 120, height: 34))
        terminal.script = [
            .type(after: "Endpoints · ", "/big"),
            .keys(after: "GET    /big", .enter),
            .type(after: "GET /big", "300"),
            .keys(.tab),
            .type("10"),
            .keys(KeyPress(.function(5))),
            // 300 MB, a megabyte every 10 ms at the most, are on their way: the keys below arrive while they stream.
            .wait(.milliseconds(300)),
            .keys(.tab),
            .keys(.tab),
            .keys(.tab),
            .keys(.tab),
            .keys(.escape),
            .keys(after: "Cancelled.", .control("c")),
            .type(after: "Quit Specter?", "q"),
        ]
        let runner = AppRunner(terminal: terminal, source: .argument(base.absoluteString, LoadOptions()), client: URLSessionHTTPClient(), environment: [:],
                               workingDirectory: Fixtures.packageRoot)
        var frames: [(at: ContinuousClock.Instant, cancelled: Bool, sending: Bool)] = []
        var statuses: [String] = []
        runner.onFrame = { state in
            let sessions = state.workspace?.sessions.values.map(\.status) ?? []
            let cancelled = sessions.contains { if case .cancelled = $0 { return true } else { return false } }
            let sending = sessions.contains { if case .sending = $0 { return true } else { return false } }
            frames.append((.now, cancelled, sending))
            let described = sessions.map { status -> String in
                guard case .received(let exchange) = status else { return String(describing: status).prefix(60).description }
                switch exchange.result {
                case .success(let response): return "received \(response.status), \(response.body.count) bytes in \(response.duration)"
                case .failure(let error): return "failed: \(error)"
                }
            }.joined(separator: ", ")
            if statuses.last != described { statuses.append(described) }
        }
        let status = await runner.run()
        if let stalled = terminal.stalled {
            Issue.record("waited in vain for \"\(stalled.text)\"; the screen was:\n\(stalled.screen)\nthe request went: \(statuses.joined(separator: " → "))")
        }
        #expect(status == 0)
        let deliveries = terminal.deliveries
        try #require(deliveries.count == 14)
        // Steps 7…10 are the Tabs, step 11 is Esc (0-based).
        var latencies: [Duration] = []
        for step in 7...10 {
            let answer = try #require(frames.first { $0.at >= deliveries[step] })
            #expect(answer.sending, "the body was still streaming when the key came")
            latencies.append(answer.at - deliveries[step])
        }
        #expect(latencies.allSatisfy { $0 <= .milliseconds(100) }, "keys while the body streams were answered after \(latencies)")
        let cancelled = try #require(frames.first { $0.at >= deliveries[11] && $0.cancelled })
        #expect(cancelled.at - deliveries[11] <= .milliseconds(250), "cancelling took \(cancelled.at - deliveries[11])")
        print("while a 300 MB body streamed: keys answered in \(latencies.map(\.milliseconds)) ms; Esc cancelled in \((cancelled.at - deliveries[11]).milliseconds) ms")
        #expect(frames.last?.cancelled == true, "what the cancelled request returned later was ignored")
    }
}

/// The real network, with every request kept for the test to compare.
final class RecordingClient: HTTPClient, @unchecked Sendable {
    private let inner = URLSessionHTTPClient()
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return try await inner.send(request, options: options)
    }
}
