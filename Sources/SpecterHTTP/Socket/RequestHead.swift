import Foundation

/// The bytes of an HTTP/1.1 request as Specter writes it: the request line with the target exactly
/// as the URL spells it (percent-encoding untouched), `Host`, the request's own headers in order,
/// then what the transport adds unless the request set it: `Accept-Encoding: gzip, deflate` (the
/// codings `Inflater` undoes) and `Content-Length`.
enum RequestHead {
    /// Methods whose request has a body by definition, so an empty one is declared (`Content-Length: 0`).
    private static let bodyMethods: Set<String> = ["POST", "PUT", "PATCH"]

    static func bytes(for request: HTTPRequest) throws(SocketFailure) -> [UInt8] {
        let (authority, target) = try split(request.url)
        // Written as bytes (every request comes through here): no string to build and copy out again.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        func field(_ name: String, _ value: String) {
            bytes += name.utf8
            bytes += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            bytes += value.utf8
            bytes += [13, 10]
        }
        bytes += request.method.utf8
        bytes.append(UInt8(ascii: " "))
        bytes += target.utf8
        bytes += " HTTP/1.1\r\n".utf8
        if !request.headers.contains("Host") { field("Host", authority) }
        var setsEncoding = false, setsLength = false
        for header in request.headers {
            guard !header.name.isEmpty, !Self.breaksLine(header.name), !Self.breaksLine(header.value) else {
                throw .malformed("the header \(header.name.debugDescription) contains a line break")
            }
            field(header.name, header.value)
            setsEncoding = setsEncoding || header.name.caseInsensitiveEquals("Accept-Encoding")
            setsLength = setsLength || header.name.caseInsensitiveEquals("Content-Length") || header.name.caseInsensitiveEquals("Transfer-Encoding")
        }
        if !setsEncoding { field("Accept-Encoding", "gzip, deflate") }
        if !setsLength {
            if let body = sentBody(of: request) {
                field("Content-Length", String(body.count))
            } else if bodyMethods.contains(request.method) {
                field("Content-Length", "0")
            }
        }
        bytes += [13, 10]
        return bytes
    }

    /// The body that goes on the wire: none for GET (it has no defined meaning there, and URLSession,
    /// the other transport, refuses it), so both transports send the same request.
    static func sentBody(of request: HTTPRequest) -> [UInt8]? {
        request.method == "GET" ? nil : request.body
    }

    private static func breaksLine(_ text: String) -> Bool {
        text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    /// `host[:port]` and `/path?query` from the URL's own text (Foundation's `path` would decode
    /// percent-escapes, changing what the server sees). Userinfo and the fragment are not sent.
    static func split(_ url: URL) throws(SocketFailure) -> (authority: String, target: String) {
        // On the UTF-8 bytes: every request comes through here, and Character-wise searching showed in profiles.
        let text = url.absoluteString
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: "://".utf8) else {
            throw .malformed("the URL has no host")
        }
        let rest = text[bytes.index(colon, offsetBy: 3)...]
        let authorityEnd = rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) { authority = authority[authority.utf8.index(after: at)...] }
        var target = rest[authorityEnd...]
        if let hash = target.utf8.firstIndex(of: UInt8(ascii: "#")) { target = target[..<hash] }
        guard !authority.isEmpty else { throw .malformed("the URL has no host") }
        let path = target.utf8.first == UInt8(ascii: "/") ? String(target) : "/" + target
        return (String(authority), path)
    }
}

extension URL {
    /// The path and query as the request line carries them (`/pets?tag=a%20b`): escapes as written,
    /// `/` for an empty path, no fragment; nil for a URL without a host.
    public var requestTarget: String? { try? RequestHead.split(self).target }
}
