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

/// The real `AppRunner` (its loop, its effects, URLSession) on the in-memory terminal, against the
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
