import Foundation

/// A response's status line and header fields, read as Latin-1: RFC 9110 allows bytes above 0x7F
/// (obs-text) there, and servers do send them (`200 Café`), so no byte makes a head unreadable.
struct ResponseHead {
    var version: String
    var status: Int
    var reason: String
    var headers: HTTPHeaders

    /// Reads heads until a final one: interim responses (1xx other than 101) come before it, at most
    /// `maxInterim` of them (a server sending them forever is refused, not waited on).
    static func read(from connection: HTTPConnection) throws(SocketFailure) -> ResponseHead {
        for _ in 0...maxInterim {
            let head = try readOne(from: connection)
            if (100..<200).contains(head.status), head.status != 101 { continue }
            return head
        }
        throw .malformed("the server sent more than \(maxInterim) interim (1xx) responses")
    }

    static let maxInterim = 32

    private static func readOne(from connection: HTTPConnection) throws(SocketFailure) -> ResponseHead {
        var statusLine = try connection.readLine()
        // A stray empty line before the status line is tolerated (RFC 9112 §2.2).
        if statusLine.isEmpty { statusLine = try connection.readLine() }
        // `HTTP/1.1 200 OK`, split on bytes: splitting the line as a String walked it character by character.
        let space = UInt8(ascii: " ")
        guard let versionEnd = statusLine.firstIndex(of: space), statusLine.starts(with: "HTTP/".utf8) else {
            throw .malformed("the response does not start with an HTTP status line")
        }
        let reasonStart = statusLine[(versionEnd + 1)...].firstIndex(of: space)
        let code = statusLine[(versionEnd + 1)..<(reasonStart ?? statusLine.endIndex)]
        guard code.count == 3, code.allSatisfy({ (48...57).contains($0) }), let status = Int(latin1(code)) else {
            throw .malformed("the response does not start with an HTTP status line")
        }
        var headers = HTTPHeaders()
        var fields = 0
        while true {
            let line = try connection.readLine()
            if line.isEmpty { break }
            fields += 1
            guard fields <= 1000 else { throw .malformed("the response has more than 1000 header fields") }
            if line[0] == 32 || line[0] == 9, !headers.isEmpty {
                // obs-fold: a continuation of the previous field's value.
                var all = headers.fields
                all[all.count - 1].value += " " + latin1(line[...].withoutOptionalWhitespace)
                headers = HTTPHeaders(all)
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            headers.add(latin1(line[..<colon].withoutOptionalWhitespace), latin1(line[(colon + 1)...].withoutOptionalWhitespace))
        }
        let reason = reasonStart.map { latin1(statusLine[($0 + 1)...]) } ?? ""
        return ResponseHead(version: latin1(statusLine[..<versionEnd]), status: status, reason: reason.isEmpty ? HTTPStatus.reason(for: status) : reason,
                            headers: headers)
    }

    /// Whether the server lets the connection carry another request after this response.
    var keepsAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.split(separator: ",") }.map { $0.withoutOptionalWhitespace.lowercased() }
        if tokens.contains("close") { return false }
        return version == "HTTP/1.1" || tokens.contains("keep-alive")
    }

    /// Each byte one character (ASCII, the usual case, as it is).
    static func latin1<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
