import Foundation
import Testing
import TestSupport
@testable import SpecterHTTP

/// `HTTPClient.stream` against the real streaming app, over both transports: chunks come as the
/// server sends them, cancelling closes the connection, a cut connection is a failure after the
/// bytes that did arrive.
@Suite(.serialized) struct StreamingTests {
    static let transports: [Bool] = [true, false]

    static func client(ownTransport: Bool) -> URLSessionHTTPClient {
        URLSessionHTTPClient(pool: ConnectionPool(), ownTransport: ownTransport)
    }

    static func open(_ path: String, ownTransport: Bool, idle: Duration = .seconds(10)) async throws -> StreamedResponse {
        let base = try await TestServers.shared.url(for: .streams)
        let request = HTTPRequest(url: URL(string: path, relativeTo: base)!.absoluteURL)
        return try await client(ownTransport: ownTransport).stream(request, options: HTTPOptions(idleTimeout: idle))
    }

    /// Every byte of the body, in order.
    static func drain(_ body: HTTPBodyStream) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await body.next() { bytes += chunk }
        return bytes
    }

    @Test(arguments: transports) func theWholeBodyArrivesInOrder(ownTransport: Bool) async throws {
        let opened = try await Self.open("/json-seq", ownTransport: ownTransport)
        #expect(opened.head.status == 200)
        #expect(opened.head.mediaType == "application/json-seq")
        let text = String(decoding: try await Self.drain(opened.body), as: UTF8.self)
        #expect(text == "\u{1E}{\"n\": 0, \"word\": \"zero\"}\n\u{1E}{\"n\": 1,\n \"word\": \"one\"}\n\u{1E}42")
    }

    /// Timed from the request, not from the server's start; the first tick is judged against the
    /// end (ticks 0.3 s apart), so a loaded machine's slow connect does not count against it.
    @Test(arguments: transports) func chunksArriveBeforeTheStreamEnds(ownTransport: Bool) async throws {
        _ = try await TestServers.shared.url(for: .streams)
        let start = ContinuousClock.now
        let opened = try await Self.open("/trickle?count=6&interval=0.3", ownTransport: ownTransport)
        let first = try await opened.body.next()
        let firstAt = ContinuousClock.now - start
        let firstText = String(decoding: first ?? [], as: UTF8.self)
        #expect(firstText.contains("tick 0"))
        // Each chunk is handed over as it came, never gathered into the whole body. (When it is read
        // is the test task's business: under the full suite, blocking tests can hold the
        // cooperative threads for seconds, so arrival times are judged only loosely.)
        #expect(!firstText.contains("tick 5"), "the first chunk held the whole stream: \(firstText)")
        _ = try await Self.drain(opened.body)
        let endAt = ContinuousClock.now - start
        #expect(firstAt <= endAt, "the first event came at \(firstAt), the stream ended at \(endAt)")
        #expect(endAt >= .milliseconds(1_500), "the stream ended after \(endAt)")
    }

    @Test(arguments: transports) func cancellingAnEndlessStreamStopsIt(ownTransport: Bool) async throws {
        let opened = try await Self.open("/endless", ownTransport: ownTransport)
        var received = 0
        while received < 100_000, let chunk = try await opened.body.next() { received += chunk.count }
        let start = ContinuousClock.now
        opened.body.cancel()
        await #expect(throws: TransportError.cancelled) { try await opened.body.next() }
        #expect(ContinuousClock.now - start < .milliseconds(500))
    }

    @Test(arguments: transports) func cancellingTheReadingTaskStopsTheStream(ownTransport: Bool) async throws {
        let opened = try await Self.open("/trickle?count=100&interval=0.5", ownTransport: ownTransport)
        let reader = Task { try await Self.drain(opened.body) }
        try await Task.sleep(for: .milliseconds(100))
        reader.cancel()
        await #expect(throws: TransportError.cancelled) { try await reader.value }
        #expect(opened.body.isCancelled)
    }

    /// A reader task cancelled before it first asks (a loaded machine may not have run it yet)
    /// still cancels the stream, and gets no chunk though one is waiting.
    @Test func aReaderCancelledBeforeItsFirstReadCancelsTheStream() async throws {
        let body = HTTPBodyStream()
        #expect(body.push(Array("data: waiting\n\n".utf8), waitingForRoom: false))
        let reader = Task {
            try? await Task.sleep(for: .seconds(10))
            return try await body.next()
        }
        reader.cancel()
        await #expect(throws: TransportError.cancelled) { try await reader.value }
        #expect(body.isCancelled)
    }

    @Test(arguments: transports) func aConnectionCutInsideAnEventFailsAfterWhatArrived(ownTransport: Bool) async throws {
        let opened = try await Self.open("/cut?abort=true", ownTransport: ownTransport)
        var bytes: [UInt8] = []
        do {
            while let chunk = try await opened.body.next() { bytes += chunk }
            Issue.record("the stream should fail, got \(String(decoding: bytes, as: UTF8.self))")
        } catch {
            #expect(error != .cancelled)
        }
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("event: greeting\ndata: complete\n\n"))
    }

    @Test func theIdleTimeoutAppliesBetweenChunks() async throws {
        let opened = try await Self.open("/trickle?count=3&interval=2", ownTransport: true, idle: .milliseconds(500))
        _ = try await opened.body.next()
        await #expect(throws: TransportError.self) { _ = try await Self.drain(opened.body) }
    }

    @Test func aClientWithoutStreamingHandsTheBodyOverWhole() async throws {
        struct Whole: HTTPClient {
            func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
                HTTPResponse(status: 200, body: ResponseBytes(Array("data: x\n\n".utf8)), url: request.url)
            }
        }
        let opened = try await Whole().stream(HTTPRequest(url: URL(string: "http://example.invalid/")!), options: HTTPOptions())
        #expect(opened.head.body.isEmpty)
        #expect(try await Self.drain(opened.body) == Array("data: x\n\n".utf8))
    }
}
