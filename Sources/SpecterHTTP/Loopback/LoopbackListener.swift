import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-shot HTTP listener on 127.0.0.1 for an OAuth2 redirect (RFC 8252 §7.3): the browser is
/// sent back to `redirectURL` with the authorization code, this answers it with a small page and
/// hands the query to the caller. The port is chosen by the kernel, so nothing else is listening
/// there; the socket closes when the listener is released.
public final class LoopbackListener: Sendable {
    /// The kernel's port for this listener.
    public let port: Int
    /// The path the redirect must arrive at; anything else (a favicon) is answered 404 and ignored.
    public let path: String
    private let descriptor: Int32

    /// Most connections one wait accepts: a browser asks for a favicon or two, not hundreds.
    static let connectionLimit = 64
    /// Longest a connection may take to send its request head, and its largest size.
    static let headPatience = Duration.seconds(2)
    static let headLimit = 16_384

    private init(descriptor: Int32, port: Int, path: String) {
        self.descriptor = descriptor
        self.port = port
        self.path = path
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// Listens on 127.0.0.1 at a port the kernel picks.
    public static func open(path: String = "/callback") throws(LoopbackError) -> LoopbackListener {
        let opened = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard opened >= 0 else { throw .cannotListen(String(cString: strerror(errno))) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(opened, socketAddress, length) == 0 && listen(opened, 16) == 0 && getsockname(opened, socketAddress, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            Glibc.close(opened)
            throw .cannotListen(reason)
        }
        return LoopbackListener(descriptor: opened, port: Int(UInt16(bigEndian: address.sin_port)), path: path)
    }

    /// Where the authorization server should send the browser back to.
    public var redirectURL: URL {
        URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    /// Waits for the redirect and returns its query parameters. A redirect whose `state` is not
    /// `expectedState` (a forged or stale answer) ends the wait with `.wrongState`; requests for
    /// other paths are answered 404 and the wait goes on, until `timeout` or cancellation.
    public func awaitRedirect(expectedState: String, timeout: Duration) async throws(LoopbackError) -> [String: String] {
        let deadline = ContinuousClock.now + timeout
        var accepted = 0
        while accepted < Self.connectionLimit {
            guard ContinuousClock.now < deadline else { throw .timedOut }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else {
                try await Self.pause(.milliseconds(50))
                continue
            }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
            accepted += 1
            defer { Glibc.close(connection) }
            guard let target = try await Self.requestTarget(connection) else { continue }
            let (requestPath, query) = Self.split(target)
            guard requestPath == path else {
                await Self.answer(connection, status: "404 Not Found", page: LoopbackPage.notFound)
                continue
            }
            let parameters = Self.parameters(query)
            guard parameters["state"] == expectedState else {
                await Self.answer(connection, status: "400 Bad Request", page: LoopbackPage.wrongState)
                throw .wrongState
            }
            let page = parameters["error"].map(LoopbackPage.refused) ?? LoopbackPage.signedIn
            await Self.answer(connection, status: "200 OK", page: page)
            return parameters
        }
        throw .tooManyRequests
    }

    private static func pause(_ duration: Duration) async throws(LoopbackError) {
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw .cancelled
        }
    }

    /// The request target of a GET (`/callback?code=…`), or nil when the connection sends
    /// something else, too much, or too slowly.
    private static func requestTarget(_ connection: Int32) async throws(LoopbackError) -> String? {
        var head: [UInt8] = []
        let deadline = ContinuousClock.now + headPatience
        var chunk = [UInt8](repeating: 0, count: 4096)
        while head.count < headLimit, ContinuousClock.now < deadline {
            let got = chunk.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if got > 0 {
                head += chunk[0..<got]
                if let end = head.firstRange(of: [13, 10, 13, 10]) ?? head.firstRange(of: [10, 10]) {
                    let line = String(decoding: head[..<end.lowerBound].prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
                    let parts = line.split(separator: " ")
                    guard parts.count == 3, parts[0] == "GET" else { return nil }
                    return String(parts[1])
                }
            } else if got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return nil
            } else {
                try await pause(.milliseconds(10))
            }
        }
        return nil
    }

    private static func split(_ target: String) -> (path: String, query: Substring) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), target[target.index(after: mark)...])
    }

    /// `a=1&b=two%20words`, form-decoded; a name given twice keeps its first value.
    static func parameters(_ query: Substring) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decoded(parts[0])
            if parameters[name] == nil { parameters[name] = parts.count > 1 ? decoded(parts[1]) : "" }
        }
        return parameters
    }

    private static func answer(_ connection: Int32, status: String, page: String) async {
        let body = Array(page.utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        var tries = 0
        while sent < bytes.count, tries < 200 {
            let result = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if result > 0 {
                sent += result
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                tries += 1
                try? await Task.sleep(for: .milliseconds(10))
            } else {
                return
            }
        }
    }
}

/// Why the redirect did not arrive.
public enum LoopbackError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotListen(String)
    /// The redirect's `state` was not the one sent: the answer was not for this sign-in.
    case wrongState
    case timedOut
    case cancelled
    /// More connections than a browser makes came without the redirect.
    case tooManyRequests

    public var description: String {
        switch self {
        case .cannotListen(let reason): return "cannot listen on 127.0.0.1 for the sign-in redirect: \(reason)"
        case .wrongState: return "the sign-in redirect carried the wrong state (it was not the answer to this sign-in), so it was refused"
        case .timedOut: return "no sign-in redirect arrived in time"
        case .cancelled: return "the sign-in was cancelled"
        case .tooManyRequests: return "the sign-in listener had \(LoopbackListener.connectionLimit) requests but none was the redirect"
        }
    }
}

/// The pages the browser shows after the redirect; they say where to go next, nothing more.
enum LoopbackPage {
    static let signedIn = page("Signed in", "You are signed in. You can close this tab and go back to Specter.")
    static let wrongState = page("Sign-in refused", "This answer was not for the sign-in Specter started, so it was ignored. Start again from Specter.")
    static let notFound = page("Not found", "Nothing here.")

    static func refused(_ error: String) -> String {
        page("Sign-in not completed", "The authorization server answered: \(escaped(error)). You can close this tab.")
    }

    private static func page(_ title: String, _ text: String) -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(title)</title></head><body><h1>\(title)</h1><p>\(text)</p></body></html>"
    }

    private static func escaped(_ text: String) -> String {
        String(text.prefix(200)).unicodeScalars.map { scalar -> String in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return scalar.value < 0x20 || scalar.value == 0x7F ? "" : String(scalar)
            }
        }.joined()
    }
}
