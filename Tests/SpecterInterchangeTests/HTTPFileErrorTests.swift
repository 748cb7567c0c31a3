import SpecterInterchange
import Testing

/// Bad `.http` input gives an error naming file, line and column.
@Suite struct HTTPFileErrorTests {
    private func error(_ text: String) -> String? {
        do {
            _ = try HTTPFileImport().collection(text: text, file: "bad.http")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func textWhereARequestLineShouldBe() {
        #expect(error("# comment\n  hello there\nGET http://x\n") == "bad.http:2:3: expected a request line (METHOD URL), found ‘hello there’")
    }

    @Test func unclosedScripts() {
        #expect(error("GET http://x\n\n> {%\n  client.log(1)\n###\nGET http://y\n") == "bad.http:3:3: the script opened with {% is not closed with %} before the request ends")
        #expect(error("< {% unclosed\nGET http://x\n") == "bad.http:1:3: the script opened with {% is not closed with %} before the request ends")
    }

    @Test func textAfterTheResponseHandler() {
        #expect(error("POST http://x\n\n> ./check.js\n{\"late\": true}\n") == "bad.http:4:1: ‘{\"late\": true}’ after the response handler: the body goes before it, and a new request after ###")
    }

    @Test func unclosedBlockComment() {
        #expect(error("\n/* notes\nmore\n") == "bad.http:2:1: the comment opened with /* is not closed with */")
    }

    @Test func requestLineThatDoesNotContinue() {
        #expect(error("GET http://x\n  /a b\n") == "bad.http:2:3: the request line continued here does not read as METHOD URL [HTTP/VERSION]")
    }

    @Test func unclosedGraphQLFragment() {
        #expect(error("fragment A on B {\n  a\n") == "bad.http:1:1: the GraphQL fragment is not closed with }")
    }
}
