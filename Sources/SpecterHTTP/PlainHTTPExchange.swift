import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange over a plain TCP socket, for the one response URLSession on Linux cannot
/// read: a status line or header with bytes that are not UTF-8 (obs-text, such as Latin-1), which it
/// fails with "Failed writing header". Used only to repeat an idempotent `http:` request after that
/// failure; the head is read as Latin-1, as RFC 9110 says obs-text may be. The body is asked for
/// uncompressed, and goes through a `BodySink` under the same limits.
struct PlainHTTPExchange {
    let request: HTTPRequest
    let options: HTTPOptions

    struct Failure: Error {
        var message: String
    }

    struct Head {
        var status: Int
        var reason: String
        var headers: HTTPHeaders
    }

    /// Methods that may be sent again without changing anything on the server.
    static let repeatableMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]

    func run(cancelled: @escaping @Sendable () -> Bool) throws -> (Head, ResponseBytes) {
        guard let host = request.url.host else { throw Failure(message: "the URL has no host") }
        let socket = try Socket(host: host, port: request.url.effectivePort, timeout: options.idleTimeout, cancelled: cancelled)
        defer { socket.close() }
        try socket.send(requestBytes(host: host))
        var reader = Reader(socket: socket)
        let head = try readHead(&reader)
        let sink = try sink(for: head)
        let noBody = request.method == "HEAD" || head.status == 204 || head.status == 304 || (100..<200).contains(head.status)
        if !noBody { try readBody(&reader, head: head, into: sink) }
        do {
            return (head, try sink.finish())
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    private func requestBytes(host: String) -> [UInt8] {
        var target = request.url.path.isEmpty ? "/" : request.url.path
        if let query = request.url.query { target += "?" + query }
        var headers = request.headers
        headers.set("Host", request.url.port.map { "\(host):\($0)" } ?? host)
        headers.set("Accept-Encoding", "identity")
        headers.set("Connection", "close")
        if let body = request.body { headers.set("Content-Length", String(body.count)) }
        var text = "\(request.method) \(target) HTTP/1.1\r\n"
        for field in headers { text += "\(field.name): \(field.value)\r\n" }
        return Array((text + "\r\n").utf8) + (request.body ?? [])
    }

    private func readHead(_ reader: inout Reader) throws -> Head {
        while true {
            let statusLine = Self.latin1(try reader.line())
            let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
                throw Failure(message: "the status line is not HTTP")
            }
            var headers = HTTPHeaders()
            while true {
                let line = try reader.line()
                if line.isEmpty { break }
                let text = Self.latin1(line)
                guard let colon = text.firstIndex(of: ":") else { continue }
                headers.add(String(text[..<colon]).trimmingCharacters(in: .whitespaces), String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
            }
            // Interim responses (100 Continue) come before the real one.
            if (100..<200).contains(status) && status != 101 { continue }
            return Head(status: status, reason: parts.count > 2 ? String(parts[2]) : HTTPStatus.reason(for: status), headers: headers)
        }
    }

    private func sink(for head: Head) throws -> BodySink {
        do {
            return try BodySink(limits: options.body, declaredLength: head.headers["Content-Length"].flatMap { Int($0) }, isEncoded: false)
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    private func readBody(_ reader: inout Reader, head: Head, into sink: BodySink) throws {
        func take(_ bytes: [UInt8]) throws {
            do { try sink.append(Data(bytes)) } catch { throw Failure(message: "\(error)") }
        }
        if head.headers["Transfer-Encoding"]?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = Self.latin1(try reader.line()).split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard let size = Int(sizeLine, radix: 16), size >= 0 else { throw Failure(message: "a chunk size is not hexadecimal") }
                if size == 0 { return }
                try take(try reader.bytes(size))
                _ = try reader.line()
            }
        } else if let length = head.headers["Content-Length"].flatMap({ Int($0) }) {
            var remaining = length
            while remaining > 0 {
                let chunk = try reader.bytes(min(remaining, 1 << 16))
                try take(chunk)
                remaining -= chunk.count
            }
        } else {
            while let chunk = try reader.available() { try take(chunk) }
        }
    }

    static func latin1(_ bytes: [UInt8]) -> String {
        String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

/// A connected TCP socket with an idle timeout on every wait, which also stops when `cancelled` says so.
private final class Socket {
    private var descriptor: Int32 = -1
    private let timeout: Duration
    private let cancelled: @Sendable () -> Bool

    init(host: String, port: Int, timeout: Duration, cancelled: @escaping @Sendable () -> Bool) throws {
        self.timeout = timeout
        self.cancelled = cancelled
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else {
            throw PlainHTTPExchange.Failure(message: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(found) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let opened = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if opened >= 0 {
                if connect(opened, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                    descriptor = opened
                    break
                }
                Glibc.close(opened)
            }
            candidate = address.pointee.ai_next
        }
        guard descriptor >= 0 else { throw PlainHTTPExchange.Failure(message: "cannot connect to \(host):\(port)") }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.send(descriptor, base + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw PlainHTTPExchange.Failure(message: "the connection closed while sending") }
            sent += result
        }
    }

    /// Up to `limit` bytes once some arrive; empty at the end of the stream.
    func receive(_ limit: Int) throws -> [UInt8] {
        var waited = Duration.zero
        let step = Duration.milliseconds(100)
        while true {
            if cancelled() { throw PlainHTTPExchange.Failure(message: "cancelled") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready > 0 { break }
            if ready < 0, errno != EINTR { throw PlainHTTPExchange.Failure(message: "the connection failed") }
            waited += step
            if waited >= timeout { throw PlainHTTPExchange.Failure(message: "timed out") }
        }
        var buffer = [UInt8](repeating: 0, count: limit)
        let got = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return recv(descriptor, base, limit, 0)
        }
        guard got >= 0 else { throw PlainHTTPExchange.Failure(message: "the connection was reset") }
        return Array(buffer.prefix(got))
    }
}

/// Lines and counted bytes from a socket, through a buffer.
private struct Reader {
    let socket: Socket
    private var buffer: [UInt8] = []
    private var position = 0

    init(socket: Socket) {
        self.socket = socket
    }

    /// A line without its CRLF (or LF); lines over 64 KB are refused.
    mutating func line() throws -> [UInt8] {
        while true {
            if let end = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[position..<end])
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                position = end + 1
                return line
            }
            guard buffer.count - position < 1 << 16 else { throw PlainHTTPExchange.Failure(message: "a header line is longer than 64 KB") }
            try fill()
        }
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        while buffer.count - position < count { try fill() }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    /// What is buffered or arrives next; `nil` at the end of the stream.
    mutating func available() throws -> [UInt8]? {
        if position < buffer.count {
            defer { position = buffer.count }
            return Array(buffer[position...])
        }
        let chunk = try socket.receive(1 << 16)
        return chunk.isEmpty ? nil : chunk
    }

    private mutating func fill() throws {
        let chunk = try socket.receive(1 << 16)
        guard !chunk.isEmpty else { throw PlainHTTPExchange.Failure(message: "the connection closed before a complete response arrived") }
        if position > 1 << 16 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer += chunk
    }
}
