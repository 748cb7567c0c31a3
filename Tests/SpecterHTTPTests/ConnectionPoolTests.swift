import Foundation
import Testing
@testable import SpecterHTTP
import TestSupport

/// Keep-alive connections through the whole client (redirects, limits and all): reused against the
/// real FastAPI app, and the ways a pooled connection goes stale, against a scripted server.
@Suite(.serialized) struct ConnectionPoolTests {
    static func port(in body: ResponseBytes) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(body.inMemory ?? [])) as? [String: Any]
        return try #require(object?["port"] as? Int)
    }

    /// The requests follow each other on one thread: with the whole suite running, a gap between
    /// awaited requests can pass uvicorn's 5 s keep-alive timeout, and then it rightly closes the connection.
    @Test func twoRequestsToTheFastAPIAppShareOneConnection() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let pool = ConnectionPool()
        let echo = try #require(URL(string: base.absoluteString + "/echo/client"))
        let big = try #require(URL(string: base.absoluteString + "/big?items=300"))
        let ports = try await Task.detached {
            let transport = SocketTransport(pool: pool)
            let first = try transport.exchange(HTTPRequest(url: echo), options: HTTPOptions()) { false }
            let second = try transport.exchange(HTTPRequest(url: echo), options: HTTPOptions()) { false }
            // A gzip body read to its end leaves the connection usable too.
            let compressed = try transport.exchange(HTTPRequest(url: big), options: HTTPOptions()) { false }
            #expect(compressed.0.headers["Content-Encoding"] == "gzip")
            let third = try transport.exchange(HTTPRequest(url: echo), options: HTTPOptions()) { false }
            return [try Self.port(in: first.1), try Self.port(in: second.1), try Self.port(in: third.1)]
        }.value
        #expect(Set(ports).count == 1, "the requests came over more than one connection: \(ports)")
        #expect(pool.idleCount("127.0.0.1:\(base.port ?? 0)") == 1)
    }

    @Test func aConnectionTheServerClosedWhileIdleIsNotUsed() async throws {
        let server = try ScriptedServer { _, _ in .answer("hello", thenClose: true) }
        defer { server.stop() }
        let client = URLSessionHTTPClient(pool: ConnectionPool())
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        #expect(try await client.send(HTTPRequest(url: url), options: HTTPOptions()).body.inMemory == Array("hello".utf8))
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await client.send(HTTPRequest(url: url), options: HTTPOptions()).body.inMemory == Array("hello".utf8))
        #expect(server.accepted == 2)
    }

    /// The server closes a kept-alive connection just as the next request arrives on it: nothing of
    /// the response came, so the request (a POST, too) goes again on a fresh connection, once.
    @Test func aStaleConnectionIsRetriedTransparently() async throws {
        let server = try ScriptedServer { connection, request in
            switch (connection, request) {
            case (0, 0): return .answer("first", thenClose: false)
            case (0, _): return .hangUp
            default: return .answer("fresh", thenClose: false)
            }
        }
        defer { server.stop() }
        let client = URLSessionHTTPClient(pool: ConnectionPool())
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/things"))
        #expect(try await client.send(HTTPRequest(url: url), options: HTTPOptions()).body.inMemory == Array("first".utf8))
        let posted = try await client.send(HTTPRequest(method: "POST", url: url, body: Array("{}".utf8)), options: HTTPOptions())
        #expect(posted.body.inMemory == Array("fresh".utf8))
        #expect(server.accepted == 2)
        #expect(server.requests.last?.hasPrefix("POST /things HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n") == true, "\(server.requests)")
    }

    /// Once part of the response arrived the server did see the request: a POST is not sent again;
    /// a GET, which changes nothing when repeated, is — once, on a fresh connection.
    @Test func aConnectionCutMidResponseIsRetriedOnlyWhenRepeatable() async throws {
        for (method, connections) in [("POST", 1), ("GET", 3)] {
            let server = try ScriptedServer { connection, request in
                (connection, request) == (0, 0) ? .answer("first", thenClose: false) : .partial("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab")
            }
            defer { server.stop() }
            let client = URLSessionHTTPClient(pool: ConnectionPool())
            let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
            _ = try await client.send(HTTPRequest(url: url), options: HTTPOptions())
            await #expect(throws: TransportError.connectionReset(host: "127.0.0.1", port: server.port)) {
                _ = try await client.send(HTTPRequest(method: method, url: url), options: HTTPOptions())
            }
            #expect(server.accepted == connections, "\(method)")
        }
    }

    @Test func endlessInterimResponsesAreRefused() async throws {
        let server = try ScriptedServer { _, _ in .partial(String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 40)) }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        await #expect(throws: TransportError.other(host: "127.0.0.1", port: server.port, detail: "the server sent more than 32 interim (1xx) responses")) {
            _ = try await URLSessionHTTPClient(pool: ConnectionPool()).send(HTTPRequest(method: "POST", url: url), options: HTTPOptions())
        }
    }

    @Test func aSilentServerTimesOutAndCancellingStopsQuickly() async throws {
        let server = try ScriptedServer { _, _ in .silence }
        defer { server.stop() }
        let client = URLSessionHTTPClient(pool: ConnectionPool())
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        await #expect(throws: TransportError.timedOut(host: "127.0.0.1", port: server.port, after: .milliseconds(300))) {
            _ = try await client.send(HTTPRequest(url: url), options: HTTPOptions(idleTimeout: .milliseconds(300)))
        }
        let task = Task { try await client.send(HTTPRequest(url: url), options: HTTPOptions()) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: TransportError.cancelled) { _ = try await task.value }
    }

    /// The exchange's own thread notices a cancellation within 100 ms while the server says nothing
    /// (measured on the threads themselves: the awaiting task may be scheduled later when the whole
    /// suite runs).
    @Test func theTransportStopsWithin100MillisecondsOfACancellation() async throws {
        let server = try ScriptedServer { _, _ in .silence }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        let flag = StopFlag()
        let ended: ContinuousClock.Instant = await Task.detached {
            // Scheduled here, not before the task: with the whole suite running, the task may start late.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { flag.stop() }
            #expect(throws: SocketFailure.cancelled) {
                _ = try SocketTransport(pool: ConnectionPool()).exchange(HTTPRequest(url: url), options: HTTPOptions()) { flag.isStopped }
            }
            return ContinuousClock.now
        }.value
        let stoppedAt = try #require(flag.stoppedAt)
        #expect(ended - stoppedAt < .milliseconds(250), "stopped \(ended - stoppedAt) after the cancellation")
    }
}

/// A stop flag set from one thread and read from another, remembering when it was set.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: ContinuousClock.Instant?

    func stop() { lock.withLock { instant = .now } }
    var isStopped: Bool { lock.withLock { instant != nil } }
    var stoppedAt: ContinuousClock.Instant? { lock.withLock { instant } }
}

/// A small HTTP/1.1 server on threads of its own that answers as a script says: by the connection's
/// number and the request's number on it. It reads a request's head and `Content-Length` body.
final class ScriptedServer: @unchecked Sendable {
    enum Reply: Sendable {
        /// A 200 with this body; then the connection stays open or is closed without saying so.
        case answer(String, thenClose: Bool)
        /// Close the connection without a byte.
        case hangUp
        /// These bytes, then close.
        case partial(String)
        /// Say nothing and keep the connection open.
        case silence
    }

    let port: Int
    private let listener: Int32
    private let script: @Sendable (Int, Int) -> Reply
    private let lock = NSLock()
    private var acceptedCount = 0
    private var received: [String] = []
    private var open: [Int32] = []

    var accepted: Int { lock.withLock { acceptedCount } }
    var requests: [String] { lock.withLock { received } }

    init(_ script: @escaping @Sendable (Int, Int) -> Reply) throws {
        self.script = script
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(listener, generic, length) == 0, listen(listener, 16) == 0 else { return -1 }
                return getsockname(listener, generic, &length)
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Wakes the accept loop (which then closes the listener) and cuts the connections still
    /// served. Only descriptors this server still owns are touched: a number it closed may already
    /// belong to another test's socket in this process, and shutting that down cut its exchange.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        lock.withLock { open.forEach { shutdown($0, Int32(SHUT_RDWR)) } }
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0, errno == EINTR { continue }
            guard connection >= 0 else { return }
            let number = lock.withLock {
                acceptedCount += 1
                open.append(connection)
                return acceptedCount - 1
            }
            Thread { [self] in serve(connection, number: number) }.start()
        }
    }

    private func serve(_ connection: Int32, number: Int) {
        defer {
            lock.withLock {
                open.removeAll { $0 == connection }
                close(connection)
            }
        }
        var pending: [UInt8] = []
        var index = 0
        while true {
            guard let request = readRequest(connection, &pending) else { return }
            lock.withLock { received.append(request) }
            switch script(number, index) {
            case .answer(let body, let thenClose):
                write(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                if thenClose { return }
            case .hangUp:
                return
            case .partial(let bytes):
                write(connection, bytes)
                return
            case .silence:
                var byte: UInt8 = 0
                _ = recv(connection, &byte, 1, 0)  // until the client goes
                return
            }
            index += 1
        }
    }

    private func readRequest(_ connection: Int32, _ pending: inout [UInt8]) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = Self.headEnd(pending) {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                if pending.count >= end + length {
                    let request = String(decoding: pending[..<(end + length)], as: UTF8.self)
                    pending.removeFirst(end + length)
                    return request
                }
            }
            let got = recv(connection, &buffer, buffer.count, 0)
            guard got > 0 else { return nil }
            pending += buffer[..<got]
        }
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    private func write(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

/// A body that arrives as fast as it is stored still stops at once when the exchange is cancelled.
@Suite struct FastBodyCancellationTests {
    @Test func aFastBodyStopsWhenCancelled() async throws {
        let hostile = try await TestServers.shared.url(for: .hostile)
        let url = try #require(URL(string: hostile.absoluteString + "/big?mb=2000&pace=1"))
        let flag = StopFlag()
        let ended: ContinuousClock.Instant = await Task.detached {
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.stop() }
            #expect(throws: SocketFailure.cancelled) {
                _ = try SocketTransport(pool: ConnectionPool()).exchange(HTTPRequest(url: url), options: HTTPOptions(body: BodyLimits(maxBytes: 4 << 30))) {
                    flag.isStopped
                }
            }
            return ContinuousClock.now
        }.value
        let stoppedAt = try #require(flag.stoppedAt)
        #expect(ended - stoppedAt < .milliseconds(250), "stopped \(ended - stoppedAt) after the cancellation")
    }
}
