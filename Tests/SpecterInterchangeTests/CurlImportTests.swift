import Foundation
import SpecterInterchange
import Testing

@Suite struct CurlImportTests {
    static let files: [String: String] = ["body.txt": "a=1\r\nb=2\n", "note.txt": "hello world\n", "h.txt": "X-One: 1\nX-Two: 2\n"]

    func request(_ command: String) throws -> ForeignRequest {
        try #require(try CurlImport.parse(command, file: "c.sh", readFile: Self.read).requests.first)
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return Array(text.utf8)
    }

    func failure(_ command: String) -> String? {
        do {
            _ = try CurlImport.parse(command, file: "c.sh", readFile: Self.read)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func methodFollowsTheOptions() throws {
        #expect(try request("curl example.com").method == "GET")
        #expect(try request("curl -d a=1 example.com").method == "POST")
        #expect(try request("curl -F a=1 example.com").method == "POST")
        #expect(try request("curl -I example.com").method == "HEAD")
        #expect(try request("curl -T body.txt example.com").method == "PUT")
        #expect(try request("curl -XDELETE example.com").method == "DELETE")
        #expect(try request("curl --request wHat -d x example.com").method == "wHat")
        #expect(try request("curl -G -d a=1 example.com").method == "GET")
    }

    @Test func urlsGetCurlsSchemeQueriesAndUploadName() throws {
        #expect(try request("curl localhost:8080/x").url == "http://localhost:8080/x")
        #expect(try request("curl --url https://h/p?a=1 -G -d b=2 -d c=3").url == "https://h/p?a=1&b=2&c=3")
        #expect(try request("curl https://h --url-query 'q=a b' --url-query +raw%20").url == "https://h?q=a+b&raw%20")
        #expect(try request("curl -T dir/up.bin https://h/files/").url == "https://h/files/up.bin")
        #expect(try request("curl -T up.bin https://h").url == "https://h/up.bin")
        #expect(try request("curl -- -odd").url == "http://-odd")
    }

    @Test func shortOptionsCombineAndTakeAttachedArguments() throws {
        let combined = try request("curl -sSLXPOST -HX:y -uuser:pw https://h")
        #expect(combined.method == "POST")
        #expect(combined.headers == [ForeignHeader(name: "X", value: "y")])
        #expect(combined.auth == .basic(user: "user", password: "pw"))
        #expect(combined.notes.isEmpty)
    }

    @Test func headersKeepEmptyOnesAndNoteRemovals() throws {
        let request = try request("curl -H 'Empty;' -H 'Accept:' -H 'bogus' -H @h.txt -H 'X-Colon: a: b' https://h")
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == ["Empty=", "X-One=1", "X-Two=2", "X-Colon=a: b"])
        #expect(request.notes.map(\.message) == ["-H 'Accept:' stops curl sending its own Accept header; not carried over",
                                                 "-H 'bogus' is not a header (no colon); ignored"])
    }

    @Test func dataIsJoinedAndReadAsCurlReadsIt() throws {
        #expect(try request("curl -d a=1 -d @body.txt --data-raw @raw https://h").body == .text("a=1&a=1b=2&@raw", mediaType: "application/x-www-form-urlencoded"))
        #expect(try request("curl --data-binary @body.txt -d x https://h").body == .text("a=1\r\nb=2\n&x", mediaType: "application/x-www-form-urlencoded"))
        #expect(try request("curl --data-binary @body.txt https://h").body == .file(path: "body.txt", mediaType: "application/x-www-form-urlencoded"))
        #expect(try request("curl -H 'Content-Type: text/csv' -d x https://h").body == .text("x", mediaType: "text/csv"))
    }

    @Test func dataUrlencodeHasFiveForms() throws {
        let body = try request("curl --data-urlencode 'a b' --data-urlencode '=c&d' --data-urlencode 'n=é/?' --data-urlencode @note.txt --data-urlencode m@note.txt https://h").body
        #expect(body == .text("a+b&c%26d&n=%C3%A9%2F%3F&hello+world%0A&m=hello+world%0A", mediaType: "application/x-www-form-urlencoded"))
    }

    @Test func jsonSetsBothHeadersUnlessGiven() throws {
        let json = try request(#"curl --json '{"a":1}' https://h"#)
        #expect(json.headers.map(\.name) == ["Content-Type", "Accept"])
        #expect(json.body == .text(#"{"a":1}"#, mediaType: "application/json"))
        #expect(try request(#"curl -H 'Accept: text/plain' --json '{}' https://h"#).header("Accept") == "text/plain")
    }

    @Test func formPartsReadTypesFileNamesAndQuotes() throws {
        let body = try request(#"curl -F 'a=1' -F 'f=@dir/x.png;type=image/png;filename="y z.png"' -F 'q="v;w";type=text/x' -F 't=<note.txt' --form-string 's=@lit;type=x' https://h"#).body
        #expect(body == .multipart([
            MultipartPart(name: "a", content: .text("1")),
            MultipartPart(name: "f", content: .file(path: "dir/x.png", filename: "y z.png"), mediaType: "image/png"),
            MultipartPart(name: "q", content: .text("v;w"), mediaType: "text/x"),
            MultipartPart(name: "t", content: .text("hello world\n")),
            MultipartPart(name: "s", content: .text("@lit;type=x")),
        ]))
    }

    @Test func credentialsCookiesAndAgents() throws {
        let request = try request("curl --digest -u 'me:p:w' -b 'a=1' -b 'b=2' -A agent -e https://ref --compressed https://h")
        #expect(request.auth == .digest(user: "me", password: "p:w"))
        #expect(request.headers.map { "\($0.name)=\($0.value)" } == ["User-Agent=agent", "Referer=https://ref", "Cookie=a=1; b=2", "Accept-Encoding=deflate, gzip"])
        #expect(try self.request("curl --oauth2-bearer tok https://h").auth == .bearer(token: "tok"))
    }

    @Test func standardInputComesFromHereDocumentsOrIsNoted() throws {
        #expect(try request("curl -d @- https://h <<EOF\n{\"a\":\n1}\nEOF").body == .text("{\"a\":1}", mediaType: "application/x-www-form-urlencoded"))
        #expect(try request("curl --data-binary @- https://h < note.txt").body == .text("hello world\n", mediaType: "application/x-www-form-urlencoded"))
        let noted = try request("curl -d @- https://h")
        #expect(noted.body == .text("", mediaType: "application/x-www-form-urlencoded"))
        #expect(noted.notes.map(\.message) == ["reads standard input, which an import does not have; left out"])
    }

    @Test func optionsThatChangeNothingAreSilentAndOthersNoted() throws {
        #expect(try request("curl -s -v -L -i -o out --max-time 3 --compressed -w '%{http_code}' https://h").notes.isEmpty)
        let noted = try request("curl -k --frobnicate -x proxy:1 https://h\n")
        #expect(noted.url == "https://h")
        #expect(noted.notes.map(\.description) == [
            "c.sh:1: -k/--insecure (skip TLS certificate checks) is not supported per request",
            "c.sh:1: unknown curl option --frobnicate; ignored (read as taking no argument)",
            "c.sh:1: proxy settings are not carried over (-x)",
        ])
        let secret = try request("curl --proxy-user bob:hunter2 -E cert.pem:pw https://h")
        #expect(!secret.notes.map(\.message).joined().contains("hunter2") && !secret.notes.map(\.message).joined().contains("pw"),
                "a note names the option, never its argument, which may be a password")
        let unread = try request("curl -d @missing.txt https://h")
        #expect(unread.notes.map(\.message).first?.hasPrefix("could not read missing.txt") == true)
    }

    @Test func severalCommandsPromptsAndOtherCommands() throws {
        let collection = try CurlImport.parse("# list\n$ curl https://a\n\necho hi; curl https://b \\\n  -X PUT\n/usr/bin/curl https://c", file: "c.sh",
                                              readFile: Self.read)
        #expect(collection.requests.map(\.url) == ["https://a", "https://b", "https://c"])
        #expect(collection.requests.map(\.place.line) == [2, 4, 6])
        #expect(collection.notes.map(\.description) == ["c.sh:4: echo is not a curl command; skipped"])
    }

    @Test func errorsNameFileLineAndColumn() {
        #expect(failure("curl https://h \\\n  -H") == "c.sh:2:3: option -H needs an argument")
        #expect(failure("curl -sX") == "c.sh:1:6: option -sX needs an argument")
        #expect(failure("\n  curl -v") == "c.sh:2:3: curl command without a URL")
        #expect(failure("curl 'https://h") == "c.sh:1:6: unterminated quote: ' is never closed")
    }
}
