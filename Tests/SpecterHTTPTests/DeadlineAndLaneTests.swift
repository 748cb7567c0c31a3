import Foundation
import Testing
@testable import SpecterHTTP

/// The total deadline over both transports (the own one meets it between its 25 ms steps, URLSession
/// through a timer armed only for it), and exchanges run in place on an `ExchangeLane`. The idle
/// timeout is 30 s and a cancelled exchange would otherwise end with it, so the error each ends with
/// says which stopped it (times seen by the awaiting task would say more about the suite's load).
@Suite(.serialized) struct DeadlineAndLaneTests {
    @Test func theTotalDeadlineStopsASilentServerOverTheOwnTransport() async throws {
        let server = try ScriptedServer { _, _ in .silence }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        await #expect(throws: TransportError.timedOut(host: "127.0.0.1", port: server.port, after: .milliseconds(300))) {
            _ = try await URLSessionHTTPClient(pool: ConnectionPool()).send(HTTPRequest(url: url), options: HTTPOptions(totalTimeout: .milliseconds(300)))
        }
    }

    @Test func theTotalDeadlineStopsASilentServerOverURLSession() async throws {
        let server = try ScriptedServer { _, _ in .silence }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        let client = URLSessionHTTPClient(pool: ConnectionPool(), ownTransport: false)
        await #expect(throws: TransportError.timedOut(host: "127.0.0.1", port: server.port, after: .milliseconds(300))) {
            _ = try await client.send(HTTPRequest(url: url), options: HTTPOptions(totalTimeout: .milliseconds(300)))
        }
    }

    /// On a lane the exchange runs on the lane's own thread (no hop to another), answers as anywhere
    /// else, and still stops when its task is cancelled.
    @Test func aLaneRunsExchangesInPlaceAndStillStopsOnCancellation() async throws {
        let server = try ScriptedServer { connection, _ in connection == 0 ? .answer("hello", thenClose: false) : .silence }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        let lane = ExchangeLane(name: "specter.test.lane")
        defer { lane.close() }
        let client = URLSessionHTTPClient(pool: ConnectionPool())
        let answered = try await Task(executorPreference: lane) { () -> [UInt8]? in
            #expect(ExchangeLane.isCurrentThreadALane)
            return try await client.send(HTTPRequest(url: url), options: HTTPOptions()).body.inMemory
        }.value
        #expect(answered == Array("hello".utf8))
        #expect(!ExchangeLane.isCurrentThreadALane)

        let silent = Task(executorPreference: lane) {
            // A fresh pool, so a second connection: the server says nothing on it.
            try await URLSessionHTTPClient(pool: ConnectionPool()).send(HTTPRequest(url: url), options: HTTPOptions())
        }
        try await Task.sleep(for: .milliseconds(150))
        silent.cancel()
        await #expect(throws: TransportError.cancelled) { _ = try await silent.value }
    }
}
