import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

private func response(_ status: Int, _ body: String, type: String? = "application/json", location: String? = "/items/1") -> HTTPResponse {
    var headers = HTTPHeaders()
    if let type { headers.add("Content-Type", type) }
    if let location { headers.add("Location", location) }
    return HTTPResponse(status: status, headers: headers, body: ResponseBytes(Array(body.utf8)), url: URL(string: "https://x.example/")!)
}

@Suite struct ResponseBodyTests {
    @Test func textJSONAndBinaryAreToldApart() {
        #expect(ResponseBody(response(200, #"{"a":1}"#)).json == ["a": 1])
        let png = HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: [0x89, 0x50, 0x4E, 0x47], url: URL(string: "https://x.example/")!)
        #expect(ResponseBody(png).content == .binary)
        #expect(ResponseBody(png).summary == "image/png, 4 bytes")
        let nul = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: [0x61, 0x00, 0x62], url: URL(string: "https://x.example/")!)
        #expect(ResponseBody(nul).content == .binary)
        let invalid = HTTPResponse(status: 200, body: [0xC3, 0x28], url: URL(string: "https://x.example/")!)
        #expect(ResponseBody(invalid).content == .binary)
        #expect(ResponseBody(response(204, "")).content == .empty)
    }

    @Test func charsetsAreHonoured() {
        let latin1 = HTTPResponse(status: 200, headers: ["Content-Type": "text/plain; charset=iso-8859-1"], body: [0x63, 0x61, 0x66, 0xE9],
                                  url: URL(string: "https://x.example/")!)
        #expect(ResponseBody(latin1).content == .text("café"))
    }
}

@Suite struct ResponseJudgeTests {
    func judge(_ operation: String, _ response: HTTPResponse) async throws -> ResponseVerdict {
        let document = try await shop()
        return DescriptionService(document: document).judge(response, body: ResponseBody(response), for: try #require(document.operation(named: operation)))
    }

    @Test func matchingBodiesConform() async throws {
        let verdict = try await judge("createItem", response(201, #"{"name":"Lamp"}"#))
        #expect(verdict.conforms)
        #expect(verdict.summary == "matches the schema of 201 (application/json)")
    }

    @Test func mismatchesHavePaths() async throws {
        let verdict = try await judge("createItem", response(201, #"{"name":7,"tags":["a",2]}"#))
        #expect(verdict.mismatches.map(\.description) == ["name: must be a string", "tags[1]: must be a string"])
        #expect(verdict.summary == "2 schema mismatches against 201 (application/json)")
    }

    /// Formats are judged as warnings by checking without them first: asserting them can take an
    /// error away as well as add one (here only one `oneOf` alternative stays a match), so a body
    /// that fails without formats fails, whatever it does with them.
    @Test func aBodyThatFailsWithoutFormatsIsAMismatchEvenIfFormatsWouldMakeItPass() async throws {
        let text = """
            openapi: 3.1.0
            info: {title: Formats, version: "1"}
            paths:
              /contact:
                get:
                  operationId: contact
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {oneOf: [{type: string, format: uuid}, {type: string, format: email}]}
            """
        let file = try Fixtures.temporaryFolder("judge-formats").appendingPathComponent("api.yaml")
        try Data(text.utf8).write(to: file)
        let document = try await SpecLoader().load(url: file, displayName: "api.yaml")
        let operation = try #require(document.operation(named: "contact"))
        let answered = response(200, #""a@b.example""#, location: nil)
        let lenient = DescriptionService(document: document).judge(answered, body: ResponseBody(answered), for: operation)
        #expect(lenient.mismatches.count == 1, "\(lenient.mismatches)")
        let strict = DescriptionService(document: document).judge(answered, body: ResponseBody(answered), for: operation, strictFormats: true)
        #expect(strict.conforms)
    }

    @Test func requiredResponseHeadersMustBeThere() async throws {
        let missing = try await judge("createItem", response(201, #"{"name":"Lamp"}"#, location: nil))
        #expect(missing.problems == ["the required header Location is missing (documented for 201)"])
        #expect(!missing.conforms)
    }

    @Test func statusesFallBackToRangesAndDefault() async throws {
        #expect(try await judge("publicThing", response(204, "")).documentedStatus == "2XX")
        #expect(try await judge("getItem", response(500, "oops", type: "text/plain")).documentedStatus == "default")
        let undocumented = try await judge("createItem", response(418, "{}"))
        #expect(undocumented.problems == ["status 418 is not documented (documented: 201)"])
    }

    @Test func undocumentedMediaTypesAndBrokenBodiesAreReported() async throws {
        let html = try await judge("createItem", response(201, "<p>hi</p>", type: "text/html"))
        #expect(html.problems == ["media type text/html is not documented for 201 (documented: application/json)"])
        let broken = try await judge("createItem", response(201, "{nope"))
        #expect(broken.problems == ["the body is not valid JSON"])
    }
}

@Suite struct ServerFieldErrorTests {
    @Test func fastAPIValidationErrorsPointAtFields() {
        let body = #"{"detail":[{"loc":["body","owner","email"],"msg":"value is not a valid email address","type":"value_error"},{"loc":["query","limit"],"msg":"Input should be less than or equal to 100"}]}"#
        let reply = response(422, body)
        #expect(ServerFieldErrors.parse(reply, body: ResponseBody(reply)) == [
            ServerFieldError(target: .body(["owner", "email"]), message: "value is not a valid email address"),
            ServerFieldError(target: .parameter(.query, name: "limit"), message: "Input should be less than or equal to 100"),
        ])
    }

    @Test func problemDetailsPointersPointAtFields() {
        let body = ##"{"type":"about:blank","title":"Out of stock","status":409,"detail":"No pets left","errors":[{"pointer":"#/name","detail":"name is taken"}]}"##
        let reply = response(409, body, type: "application/problem+json")
        #expect(ServerFieldErrors.parse(reply, body: ResponseBody(reply)) == [ServerFieldError(target: .body(["name"]), message: "name is taken")])
        let plain = response(409, #"{"title":"Out of stock","status":409,"detail":"No pets left"}"#, type: "application/problem+json")
        #expect(ServerFieldErrors.parse(plain, body: ResponseBody(plain)) == [ServerFieldError(target: .request, message: "Out of stock: No pets left")])
    }
}

@Suite struct RedirectPolicyTests {
    let request = HTTPRequest(method: "POST", url: URL(string: "https://a.example/x")!,
                              headers: ["Authorization": "Bearer t", "Cookie": "s=1", "Proxy-Authorization": "p", "Content-Type": "application/json", "X-Other": "1"],
                              body: [1])

    @Test func credentialsStayOnTheSameOrigin() {
        let next = RedirectPolicy.nextRequest(after: request, status: 307, target: URL(string: "https://a.example/y")!)
        #expect(next.dropped.isEmpty)
        #expect(next.request.headers["Authorization"] == "Bearer t")
        #expect(next.request.method == "POST" && next.request.body == [1])
    }

    @Test func credentialsAreDroppedWhenSchemeHostOrPortChanges() {
        for target in ["https://b.example/y", "http://a.example/y", "https://a.example:8443/y"] {
            let next = RedirectPolicy.nextRequest(after: request, status: 307, target: URL(string: target)!)
            #expect(next.dropped == ["Authorization", "Cookie", "Proxy-Authorization"], "\(target)")
            #expect(next.request.headers["X-Other"] == "1")
        }
    }

    @Test func seeOtherAndPostRedirectsBecomeGet() {
        for status in [301, 302, 303] {
            let next = RedirectPolicy.nextRequest(after: request, status: status, target: URL(string: "https://a.example/y")!)
            #expect(next.request.method == "GET" && next.request.body == nil && next.request.headers["Content-Type"] == nil)
        }
    }
}

@Suite struct ProxyResolverTests {
    @Test func followsLibcurlRules() {
        let http = URL(string: "http://api.example.com/x")!, https = URL(string: "https://api.example.com/x")!
        #expect(ProxyResolver(environment: ["HTTP_PROXY": "http://evil:1"]).proxy(for: http) == nil)
        #expect(ProxyResolver(environment: ["http_proxy": "http://p:1"]).proxy(for: http) == "http://p:1")
        #expect(ProxyResolver(environment: ["HTTPS_PROXY": "http://p:2"]).proxy(for: https) == "http://p:2")
        #expect(ProxyResolver(environment: ["https_proxy": "http://p:2", "no_proxy": ".example.com"]).proxy(for: https) == nil)
        #expect(ProxyResolver(environment: ["ALL_PROXY": "http://p:3", "NO_PROXY": "localhost"]).proxy(for: http) == "http://p:3")
        #expect(ProxyResolver(environment: ["http_proxy": "http://p:1", "no_proxy": "*"]).proxy(for: http) == nil)
    }
}
