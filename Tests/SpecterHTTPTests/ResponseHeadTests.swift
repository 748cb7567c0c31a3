import Foundation
import Testing
@testable import SpecterHTTP

/// A response head as servers write it: optional whitespace (spaces and tabs only) around values,
/// folded lines; media types and their parameters read from a Content-Type.
@Suite struct ResponseHeadTests {
    /// The request line's target and `Host` come from the URL as written: escapes untouched, no
    /// userinfo, no fragment, `/` when the path is empty.
    @Test func theTargetAndAuthorityOfARequest() throws {
        func split(_ text: String) throws -> [String] {
            let parts = try RequestHead.split(try #require(URL(string: text)))
            return [parts.authority, parts.target]
        }
        #expect(try split("http://127.0.0.1:8000/pets/%7Bid%7D?tag=a%20b#top") == ["127.0.0.1:8000", "/pets/%7Bid%7D?tag=a%20b"])
        #expect(try split("http://user:pw@example.com") == ["example.com", "/"])
        #expect(try split("http://example.com?q=1") == ["example.com", "/?q=1"])
        #expect(try split("http://[::1]:8080/a") == ["[::1]:8080", "/a"])
        #expect(try split("http://h%C3%A9.example/caf%C3%A9") == ["h%C3%A9.example", "/caf%C3%A9"])
        #expect(throws: SocketFailure.self) { try split("mailto:someone@example.com") }
    }

    @Test func fieldValuesLoseTheirSpacesAndTabsAndFoldedLinesJoin() async throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: \t text/plain ; charset=utf-8 \t\r\nX-Folded: first\r\n \t second\r\n"
            + "X-Empty: \t \r\nContent-Length: 2\r\n\r\nok"
        let server = try ScriptedServer { _, _ in .partial(head) }
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
        let response = try await URLSessionHTTPClient(pool: ConnectionPool()).send(HTTPRequest(url: url), options: HTTPOptions())
        #expect(response.headers["Content-Type"] == "text/plain ; charset=utf-8")
        #expect(response.headers["X-Folded"] == "first second")
        #expect(response.headers["X-Empty"] == "")
        #expect(response.body.inMemory == Array("ok".utf8))
    }

    /// The status line splits at its first two spaces: the reason may hold spaces or be missing (the
    /// standard phrase then), and anything but `HTTP/…` and three digits is refused.
    @Test func statusLinesSplitAtTheirFirstTwoSpaces() async throws {
        func response(_ statusLine: String) async throws -> HTTPResponse {
            let server = try ScriptedServer { _, _ in .partial(statusLine + "\r\nContent-Length: 0\r\n\r\n") }
            defer { server.stop() }
            let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/"))
            return try await URLSessionHTTPClient(pool: ConnectionPool()).send(HTTPRequest(url: url), options: HTTPOptions())
        }
        let spaced = try await response("HTTP/1.1 404 Not  Found here ")
        #expect(spaced.status == 404)
        #expect(spaced.reason == "Not  Found here ")
        let bare = try await response("HTTP/1.0 201")
        #expect(bare.status == 201)
        #expect(bare.reason == "Created")
        #expect(try await response("HTTP/1.1 418 ").reason == "I'm a teapot")
        for malformed in ["HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1  200 OK", "ICY 200 OK", "HTTP/1.1", "HTTP/1.1 2x0 OK", "HTTP/1.1 +12 OK", "HTTP/1.1 -01 OK"] {
            await #expect(throws: (any Error).self, "\(malformed)") { try await response(malformed) }
        }
    }

    @Test func optionalWhitespaceIsSpacesAndTabsOnly() {
        #expect(" \t a b \t".withoutOptionalWhitespace == "a b")
        #expect(" \t ".withoutOptionalWhitespace == "")
        #expect("\u{A0}x".withoutOptionalWhitespace == "\u{A0}x")
        #expect(Array(" x\t".utf8)[...].withoutOptionalWhitespace == Array("x".utf8)[...])
    }

    @Test func mediaTypesAndTheirParameters() {
        #expect(MediaType.essence(of: " Application/JSON ; charset=utf-8") == "application/json")
        #expect(MediaType.parameter("boundary", in: "multipart/form-data; Boundary=\"a b\"") == "a b")
        #expect(MediaType.parameter("charset", in: "text/plain;charset= utf-8 ") == "utf-8")
        #expect(MediaType.parameter("charset", in: "text/plain") == nil)
    }

    /// A body's length: repeated or listed `Content-Length`s count only when they agree; no length
    /// (and no chunking) means until the server closes.
    @Test func theFramingOfABody() throws {
        func framing(_ fields: [(String, String)], status: Int = 200, method: String = "GET") throws(SocketFailure) -> BodyReader.Framing {
            let head = ResponseHead(version: "HTTP/1.1", status: status, reason: "", headers: HTTPHeaders(fields.map { HTTPHeaders.Field(name: $0.0, value: $0.1) }))
            return try BodyReader.framing(method: method, head: head)
        }
        #expect(try framing([("Content-Length", "65")]) == .length(65))
        #expect(try framing([("content-length", " 7 "), ("Content-Length", "7, 7")]) == .length(7))
        #expect(try framing([("Content-Length", "010"), ("Content-Length", "10")]) == .length(10))
        #expect(try framing([]) == .untilClose)
        #expect(try framing([("Content-Length", "")]) == .untilClose)
        #expect(try framing([("Transfer-Encoding", "gzip, chunked"), ("Content-Length", "3")]) == .chunked)
        #expect(try framing([("Content-Length", "3")], status: 204) == .none)
        #expect(try framing([("Content-Length", "3")], method: "HEAD") == .none)
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "5"), ("Content-Length", "6")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "5, 6")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "-1")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "1e3")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "+5")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", " \t ")]) }
        #expect(throws: SocketFailure.self) { try framing([("Content-Length", "5 6")]) }
        #expect(throws: SocketFailure.malformed("the response gives two different Content-Lengths")) { try framing([("Content-Length", "5, 6")]) }
    }
}
