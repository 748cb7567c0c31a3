import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connected TCP socket to one origin, with the bytes received but not used yet.
///
/// The socket connects without blocking (so the wait for it honours the `Patience`), then blocks
/// in reads and writes for at most `Patience.step` at a time (`SO_RCVTIMEO`/`SO_SNDTIMEO`): a read
/// returns what the kernel has or waits for it in one system call, where trying, polling and trying
/// again took three, and between steps the stop flag and the idle timeout are looked at. TCP_NODELAY
/// is on, so a request is never held back waiting for an acknowledgement.
final class HTTPConnection {
    /// `host:port`, the key idle connections are kept under.
    let origin: String
    private var descriptor: Int32
    var patience: Patience
    /// When the connection last finished an exchange (for the pool's age limit).
    var idleSince = ContinuousClock.now
    /// Whether it served an exchange before (a failure on a reused connection may be the server's idle close).
    private(set) var reused = false
    /// Bytes received during the current exchange.
    private(set) var received = 0

    private static let bufferCapacity = 1 << 16
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: HTTPConnection.bufferCapacity)
    private var bufferStart = 0
    private var bufferEnd = 0
    /// Where an exchange copies the body out to its sink, kept with the connection: a 64 KB buffer
    /// allocated for each response made the allocator grow and trim its heap around every request
    /// (a `mprotect` and a page fault each, most of a replay's system calls after its socket's).
    let bodyBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: HTTPConnection.bufferCapacity, alignment: 8)

    private init(descriptor: Int32, origin: String, patience: Patience) {
        self.descriptor = descriptor
        self.origin = origin
        self.patience = patience
    }

    deinit {
        close()
        buffer.deallocate()
        bodyBuffer.deallocate()
    }

    /// Connects to the first address of `host` that accepts, each within the idle timeout.
    static func connect(host: String, port: Int, patience: Patience) throws(SocketFailure) -> HTTPConnection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(name, String(port), &hints, &found) == 0, let first = found else { throw .hostNotFound }
        defer { freeaddrinfo(found) }
        var failure = SocketFailure.refused
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let opened = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
                                address.pointee.ai_protocol)
            guard opened >= 0 else { continue }
            let connection = HTTPConnection(descriptor: opened, origin: "\(host.lowercased()):\(port)", patience: patience)
            do throws(SocketFailure) {
                try connection.finishConnecting(address.pointee)
                connection.blockInSteps()
                return connection
            } catch {
                connection.close()
                if error == .cancelled { throw error }
                if error != .refused || failure == .refused { failure = error }
            }
        }
        throw failure
    }

    private func finishConnecting(_ address: addrinfo) throws(SocketFailure) {
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) == 0 { return }
        guard errno == EINPROGRESS else { throw Self.connectFailure(errno) }
        try waitUntilConnected()
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        if error != 0 { throw Self.connectFailure(error) }
    }

    /// Blocking reads and writes that give up after `Patience.step`, and no delay for small writes.
    private func blockInSteps() {
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var step = timeval(tv_sec: 0, tv_usec: Int(Patience.step) * 1000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &step, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &step, socklen_t(MemoryLayout<timeval>.size))
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    }

    private static func connectFailure(_ code: Int32) -> SocketFailure {
        switch code {
        case ECONNREFUSED: return .refused
        case ETIMEDOUT: return .timedOut
        default: return .unreachable(String(cString: strerror(code)))
        }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Starts an exchange on this connection: counts what it receives from zero.
    func begin(_ patience: Patience, reused: Bool) {
        self.patience = patience
        self.reused = reused
        received = 0
    }

    /// Whether an idle connection can carry another request: the server has neither closed it nor
    /// sent anything unasked (either makes it readable), and nothing is left over in the buffer.
    var isReusable: Bool {
        guard descriptor >= 0, bufferStart == bufferEnd else { return false }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) == 0
    }

    /// Whether bytes beyond the response arrived with it (the connection cannot be reused then).
    var hasLeftover: Bool { bufferStart < bufferEnd }

    // MARK: Sending

    func send(_ bytes: UnsafeRawBufferPointer) throws(SocketFailure) {
        guard let base = bytes.baseAddress else { return }
        var sent = 0
        var waitingSince = ContinuousClock.now
        while sent < bytes.count {
            if patience.stopped() { throw .cancelled }
            let result = Glibc.send(descriptor, base + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            if result > 0 {
                sent += result
                waitingSince = .now
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: if ContinuousClock.now - waitingSince >= patience.idle { throw .timedOut }
            default: throw .closed
            }
        }
    }

    // MARK: Receiving

    /// Up to `target.count` bytes: what is buffered first, otherwise straight from the socket into
    /// `target` (no copy through the buffer). 0 when the server closed the connection.
    func read(into target: UnsafeMutableRawBufferPointer) throws(SocketFailure) -> Int {
        guard let base = target.baseAddress, target.count > 0 else { return 0 }
        if bufferStart < bufferEnd {
            let count = min(target.count, bufferEnd - bufferStart)
            base.copyMemory(from: buffer + bufferStart, byteCount: count)
            bufferStart += count
            return count
        }
        return try receive(into: base, count: target.count)
    }

    /// One line without its CRLF (or bare LF); lines longer than 64 KB are refused.
    func readLine() throws(SocketFailure) -> [UInt8] {
        var scanned = bufferStart
        while true {
            while scanned < bufferEnd {
                if buffer[scanned] == 10 {
                    var end = scanned
                    if end > bufferStart, buffer[end - 1] == 13 { end -= 1 }
                    let line = Array(UnsafeBufferPointer(start: buffer + bufferStart, count: end - bufferStart))
                    bufferStart = scanned + 1
                    return line
                }
                scanned += 1
            }
            if bufferStart > 0 {
                // Make room at the end: move what is left to the front.
                let kept = bufferEnd - bufferStart
                buffer.update(from: buffer + bufferStart, count: kept)
                scanned -= bufferStart
                bufferStart = 0
                bufferEnd = kept
            }
            guard bufferEnd < Self.bufferCapacity else { throw .malformed("a line of the response head is longer than 64 KB") }
            let got = try receive(into: buffer + bufferEnd, count: Self.bufferCapacity - bufferEnd)
            guard got > 0 else { throw .closed }
            bufferEnd += got
        }
    }

    /// Reads what the kernel has (waiting if it has nothing). The stop flag is looked at before every
    /// read too, so a body arriving as fast as it is stored still stops at once when cancelled.
    private func receive(into base: UnsafeMutableRawPointer, count: Int) throws(SocketFailure) -> Int {
        let start = ContinuousClock.now
        while true {
            if patience.stopped() { throw .cancelled }
            let got = recv(descriptor, base, count, 0)
            if got >= 0 {
                received += got
                return got
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: if ContinuousClock.now - start >= patience.idle { throw .timedOut }
            default: throw .closed
            }
        }
    }

    /// Waits until the connecting socket is writable, at most the idle timeout, looking at the
    /// stop flag every `Patience.step` milliseconds.
    private func waitUntilConnected() throws(SocketFailure) {
        let start = ContinuousClock.now
        while true {
            if patience.stopped() { throw .cancelled }
            var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&poller, 1, Patience.step)
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw .closed }
            if ContinuousClock.now - start >= patience.idle { throw .timedOut }
        }
    }
}
