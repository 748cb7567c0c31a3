import Foundation
import Testing
import SpecterHTTP
import SpecterRequest
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// A streamed response in the explorer, through `update` as the runner drives it: entries with
/// their state, unfolding, Esc stopping an open stream, and thousands of events kept bounded.
@Suite struct StreamViewTests {
    static let size = Size(width: 120, height: 30)

    static func open(_ server: CannedServer) async throws -> AppHarness {
        var app = try await AppHarness(size: size, spec: "Tests/SpecterAppTests/Fixtures/streams.yaml", server: server)
        app.press(.character("/"))
        app.type("watch")
        app.press(.enter)
        return app
    }

    static func pane(_ app: AppHarness) throws -> StreamPane {
        guard let pane = try app.openSession.response.stream else { throw HarnessError(description: "no stream in the response pane") }
        return pane
    }

    static func text(_ app: AppHarness) -> String {
        let frame = app.frame
        return (0..<frame.size.height).map { y in (0..<frame.size.width).map { frame[$0, y].text }.joined() }.joined(separator: "\n")
    }

    /// A short message when text is missing (a whole screen in the message hides it).
    static func expect(_ screen: String, shows text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if !screen.contains(text) { Issue.record("the screen does not show \(text.debugDescription)", sourceLocation: sourceLocation) }
    }

    static func focusResponse(_ app: inout AppHarness) throws {
        for _ in 0..<10 where try app.workspace.focus != .response { app.press(.tab) }
        #expect(try app.workspace.focus == .response)
    }

    /// The stream operation sent once (its answer kept as the exchange a stream opens with), then
    /// sent again: the app, the second request's job and that exchange.
    static func sendingAStream() async throws -> (AppHarness, RequestJob, Exchange) {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, contentType: "text/event-stream", body: "data: {\"n\": 0}\n\n")
        var app = try await Self.open(server)
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        let exchange = try #require(try app.openSession.exchange)
        app.press(KeyPress(.function(5)))
        guard case .send(let job)? = app.effects.last else { throw HarnessError(description: "F5 should send again") }
        return (app, job, exchange)
    }

    static func tick(_ index: Int, n: Int) -> StreamEvent {
        StreamEvent(index: index, time: .milliseconds(index), item: StreamItem(event: "tick", data: "{\"n\": \(n)}", json: ["n": .int(n)]))
    }

    @Test func eventsShowWithTheirCheckAndTheStreamsEnd() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, contentType: "text/event-stream",
                      body: "event: tick\ndata: {\"n\": 1}\n\nevent: tick\ndata: {\"n\": -1}\n\n: a comment\nevent: note\ndata: hello\ndata: there\n\ndata: cut o")
        var app = try await Self.open(server)
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        let pane = try Self.pane(app)
        #expect(pane.state == .closedByServer)
        #expect(pane.log.received == 4)
        #expect(pane.log.invalid == 2, "n = -1 and the cut event (a note's text data is a string, as the schema says)")
        #expect(pane.checkedAgainst == "the itemSchema of 200 text/event-stream")
        #expect(pane.log[1]?.mismatches.map(\.readablePath) == ["data.n"])
        let screen = Self.text(app)
        Self.expect(screen, shows: "■ closed by server")
        Self.expect(screen, shows: "4 events · 2 invalid · checked against the item")
        Self.expect(screen, shows: "#0 tick  {\"n\": 1}")
        Self.expect(screen, shows: "#1 ✗ tick  {\"n\": -1}")
        Self.expect(screen, shows: "#2 note  hello⏎there")
        Self.expect(screen, shows: "#3 ✗ the stream ended inside an item")

        try Self.focusResponse(&app)
        app.press(.up, .up, .enter)
        #expect(try Self.pane(app).unfolded.keys.sorted() == [1])
        let unfolded = Self.text(app)
        Self.expect(unfolded, shows: "▾ +0.000s #1 ✗ tick")
        Self.expect(unfolded, shows: "✗ data.n: must be at least 0")
        Self.expect(unfolded, shows: "\"n\": -1")
        app.press(.character(" "))
        #expect(try Self.pane(app).unfolded.isEmpty)
    }

    @Test func escStopsAnOpenStreamAndKeepsItsEvents() async throws {
        var (app, job, exchange) = try await Self.sendingAStream()
        app.effects = []
        app.send(.streamOpened(id: job.id, exchange, .serverSentEvents, checkedAgainst: nil))
        app.send(.streamEvents(id: job.id, StreamBatch((0..<3).map { Self.tick($0, n: $0) })))
        #expect(try Self.pane(app).state == .open)
        Self.expect(Self.text(app), shows: "● open  Esc stops it")
        app.press(.escape)
        #expect(app.effects.contains { if case .cancel(job.id) = $0 { return true } else { return false } })
        #expect(try Self.pane(app).state == .cancelled)
        app.send(.streamEvents(id: job.id, StreamBatch([Self.tick(3, n: 3)])))
        #expect(try Self.pane(app).log.received == 3, "events still on their way when Esc was pressed are let go")
        app.send(.streamEnded(id: job.id, .cancelled))
        let screen = Self.text(app)
        Self.expect(screen, shows: "■ cancelled")
        Self.expect(screen, shows: "#2 tick")
        #expect(try app.openSession.status.isReceived, "the events stay after the stream stops")
    }

    @Test func tenThousandEventsStayBoundedWhileKeysArrive() async throws {
        var (app, job, exchange) = try await Self.sendingAStream()
        try Self.focusResponse(&app)
        app.send(.streamOpened(id: job.id, exchange, .serverSentEvents, checkedAgainst: nil))
        try Self.focusResponse(&app)
        for batch in 0..<100 {
            app.send(.streamEvents(id: job.id, StreamBatch((0..<100).map { Self.tick(batch * 100 + $0, n: $0) })))
            app.press(batch % 2 == 0 ? .up : .enter)
            _ = app.frame
        }
        let pane = try Self.pane(app)
        #expect(pane.log.received == 10_000)
        #expect(pane.log.count == StreamLimits.keptEvents)
        #expect(pane.log.dropped == 10_000 - StreamLimits.keptEvents)
        #expect(pane.unfolded.keys.allSatisfy { $0 >= 9_000 }, "unfolded entries that were dropped are forgotten")
        Self.expect(Self.text(app), shows: "10000 events · the newest 1000 shown, 9000 dropped")
    }

    /// A stream still open when the description reloads keeps its form built, so its events still
    /// find it, though the user browses elsewhere.
    @Test func anOpenStreamKeepsItsFormThroughAReload() async throws {
        var (app, job, exchange) = try await Self.sendingAStream()
        let entry = try app.openSession.entry
        app.send(.streamOpened(id: job.id, exchange, .serverSentEvents, checkedAgainst: nil))
        app.send(.streamEvents(id: job.id, StreamBatch([Self.tick(0, n: 0)])))
        // To the history while it streams (Esc would stop the stream).
        app.press(KeyPress(.function(3)))
        #expect(try app.workspace.screen == .history)
        #expect(try app.workspace.sessions[entry]?.response.stream?.state == .open)
        app.send(.reloaded(try app.workspace.document))
        #expect(try app.workspace.parked[entry] == nil)
        app.send(.streamEvents(id: job.id, StreamBatch([Self.tick(1, n: 1)])))
        #expect(try app.workspace.sessions[entry]?.response.stream?.log.received == 2)
    }
}

extension OperationSession.Status {
    var isReceived: Bool {
        if case .received = self { return true }
        return false
    }
}
