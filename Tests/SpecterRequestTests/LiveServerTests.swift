import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

/// Requests built from what the real apps publish, sent to them, and judged.
@Suite(.serialized) struct LiveServerTests {
    static func fastAPI() async throws -> (APIDocument, URL) {
        let base = try await TestServers.shared.url(for: .fastapi)
        return (try await SpecLoader().load(base.absoluteString), base)
    }

    func run(_ document: APIDocument, _ operation: String, _ input: RequestInput = RequestInput(), credentials: [String: String] = [:],
             options: HTTPOptions = HTTPOptions(), runner: RequestRunner? = nil) async throws -> Exchange {
        let builder = RequestBuilder(document: document, operation: try #require(document.operation(named: operation)),
                                     workingDirectory: Fixtures.package("Tests/SpecterRequestTests/Fixtures"))
        let runner = runner ?? RequestRunner(client: URLSessionHTTPClient(), options: options)
        let built = try await runner.prepare(builder, input: input, credentials: CredentialStore(credentials.mapValues { Credential(value: $0) }))
        return await runner.send(built, for: builder.operation, service: DescriptionService(document: document))
    }

    func echoed(_ exchange: Exchange) throws -> JSONValue {
        try #require(exchange.body?.json)
    }

    /// deepObject at any depth, in a query and in a form body (as Stripe declares it), read back by a
    /// server that parses brackets the way `qs` does.
    @Test func deepObjectsNestAtAnyDepthAndComeBackWhole() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let document = try await SpecLoader().load(Fixtures.package("Tests/SpecterRequestTests/Fixtures/deep-object.yaml").path)
        let filter: JSONValue = ["created": ["gte": "1700000000"], "tags": ["a", "b c"]]
        let body: JSONValue = ["name": "Ann", "preferred_locales": ["en", "fr"], "tax_id_data": [["type": "eu_vat", "value": "DE123"], ["type": "us_ein", "value": "12-3"]],
                               "metadata": ["order_id": "42", "note": "a&b=c"], "address": ["line1": "1 Main St", "city": "Köln"]]
        let input = RequestInput(parameters: [ParameterValue(name: "filter", value: filter)], body: .value(body), server: .url(base.absoluteString))
        let exchange = try await run(document, "echoBrackets", input)
        let read = try echoed(exchange)
        #expect(read["query"]?["filter"] == filter)
        #expect(read["form"] == body, "\(read)")
        let sent = String(decoding: exchange.built.request.body ?? [], as: UTF8.self)
        #expect(sent.contains("preferred_locales%5B0%5D=en&preferred_locales%5B1%5D=fr"))
        #expect(sent.contains("tax_id_data%5B0%5D%5Btype%5D=eu_vat"))
        #expect(sent.contains("metadata%5Border_id%5D=42"))
    }

    @Test func pathStylesArriveExactlyAsSerialised() async throws {
        let (document, _) = try await Self.fastAPI()
        let cases: [(String, JSONValue, String)] = [
            ("path_simple_plain", ["blue", "black"], "/echo/styles/simple/blue,black"),
            ("path_simple_exploded", ["R": 100, "G": 200], "/echo/styles/simple-exploded/R=100,G=200"),
            ("path_label_plain", ["blue", "black"], "/echo/styles/label/.blue,black"),
            ("path_label_exploded", ["blue", "black"], "/echo/styles/label-exploded/.blue.black"),
            ("path_matrix_plain", ["R": 100, "G": 200], "/echo/styles/matrix/;color=R,100,G,200"),
            ("path_matrix_exploded", ["blue", "black"], "/echo/styles/matrix-exploded/;color=blue;color=black"),
            ("path_simple_plain", "a b?c,d", "/echo/styles/simple/a%20b%3Fc%2Cd"),
        ]
        for (operation, value, path) in cases {
            let exchange = try await run(document, operation, RequestInput(parameters: [ParameterValue(name: "color", value: value)]))
            #expect(try echoed(exchange)["path"] == .string(path), "\(operation)")
        }
    }

    @Test func queryHeaderAndCookieStylesArriveExactlyAsSerialised() async throws {
        let (document, _) = try await Self.fastAPI()
        let exchange = try await run(document, "echo_styles_echo_styles_query_get", RequestInput(parameters: [
            ParameterValue(name: "form", value: ["a", "b"]), ParameterValue(name: "exploded", value: ["R": 1, "G": 2]),
            ParameterValue(name: "spaced", value: ["x", "y"]), ParameterValue(name: "piped", value: ["x", "y"]),
            ParameterValue(name: "deep", value: ["k": "v w"]), ParameterValue(name: "reserved", value: "a/b?c"),
            ParameterValue(name: "filter", value: ["q": 1]),
            ParameterValue(name: "X-Colors", value: ["red", "green"]), ParameterValue(name: "X-Exploded", value: ["R": 1]),
            ParameterValue(name: "flavours", value: ["mint", "lime"]),
        ]))
        let echo = try echoed(exchange)
        #expect(echo["query"] == .string("form=a,b&R=1&G=2&spaced=x%20y&piped=x%7Cy&deep%5Bk%5D=v%20w&reserved=a/b?c&filter=%7B%22q%22%3A1%7D"))
        #expect(echo["headers"]?["x-colors"] == "red,green")
        #expect(echo["headers"]?["x-exploded"] == "R=1")
        #expect(echo["cookie"] == "flavours=mint,lime")
    }

    @Test func jsonBodiesAreCreatedAndJudged() async throws {
        let (document, _) = try await Self.fastAPI()
        let exchange = try await run(document, "create_pet_pets_post", RequestInput(body: .value(["name": "Tom", "age": 4])))
        guard case .success(let response) = exchange.result else { Issue.record("no response"); return }
        #expect(response.status == 201)
        #expect(exchange.verdict?.conforms == true)
        #expect(exchange.verdict?.documentedStatus == "201")
    }

    @Test func validationErrorsComeBackMappedToFields() async throws {
        let (document, _) = try await Self.fastAPI()
        let exchange = try await run(document, "create_pet_pets_post", RequestInput(body: .value(["name": "", "age": 300])))
        #expect(exchange.fieldErrors.map(\.description) == [
            "body.name: String should have at least 1 character", "body.age: Input should be less than or equal to 50",
        ])
        let problem = try await run(document, "problem_problem_get")
        #expect(problem.fieldErrors.map(\.description) == ["body.name: name is taken"])
    }

    @Test func formAndMultipartBodies() async throws {
        let (document, _) = try await Self.fastAPI()
        let login = try await run(document, "form_login_forms_login_post", RequestInput(body: .value(["username": "ann", "password": "pw word", "remember": true])))
        #expect(try echoed(login) == ["username": "ann", "remember": true, "passwordLength": 7])
        let upload = try await run(document, "upload_uploads_post", RequestInput(body: .value(["file": "@pixel.png", "description": "a pixel"])))
        #expect(try echoed(upload) == ["filename": "pixel.png", "contentType": "image/png", "size": 70, "description": "a pixel"])
    }

    @Test func bearerAndAPIKeyAuthentication() async throws {
        let (document, _) = try await Self.fastAPI()
        let denied = try await run(document, "secure_bearer_secure_bearer_get")
        guard case .success(let deniedResponse) = denied.result else { Issue.record("no response"); return }
        #expect(deniedResponse.status == 401)
        #expect(denied.built.warnings == [.missingCredentials([["HTTPBearer"]])])
        let bearer = try await run(document, "secure_bearer_secure_bearer_get", credentials: ["HTTPBearer": "alice-token"])
        #expect(try echoed(bearer) == ["user": "alice"])
        let key = try await run(document, "secure_key_secure_key_get", credentials: ["APIKeyHeader": "k-123"])
        #expect(try echoed(key) == ["key": "ok"])
    }

    @Test func oauth2TokensAreFetchedCachedAndUsed() async throws {
        let (document, base) = try await Self.fastAPI()
        let runner = RequestRunner(client: URLSessionHTTPClient())
        func issued() async throws -> Int {
            let response = try await URLSessionHTTPClient().send(HTTPRequest(url: base.appendingPathComponent("token/count")), options: HTTPOptions())
            return try JSONParser.parse(response.body.inMemory ?? [])["issued"]?.intValue ?? -1
        }
        let before = try await issued()
        let password = ["OAuth2PasswordBearer": "username=alice,password=wonderland"]
        let first = try await run(document, "secure_oauth_secure_oauth_get", credentials: password, runner: runner)
        #expect(try echoed(first)["token"]?.stringValue?.hasPrefix("issued-") == true)
        _ = try await run(document, "secure_oauth_secure_oauth_get", credentials: password, runner: runner)
        #expect(try await issued() == before + 1)
        let machine = try await run(document, "secure_machine_secure_machine_get", credentials: ["Machine": "client_id=specter,client_secret=s3cret"], runner: runner)
        #expect(try echoed(machine) == ["machine": true])
        #expect(machine.built.redactor.redact(machine.built.request.headers["Authorization"] ?? "") == "Bearer ••••••")
        do {
            _ = try await run(document, "secure_oauth_secure_oauth_get", credentials: ["OAuth2PasswordBearer": "username=alice,password=wrong"], runner: runner)
            Issue.record("expected the token request to fail")
        } catch {
            #expect(String(describing: error).contains("refused the request: invalid_grant"))
        }
    }

    @Test func credentialsDoNotFollowARedirectToAnotherHost() async throws {
        let (document, _) = try await Self.fastAPI()
        let elsewhere = try await run(document, "redirect_elsewhere_redirect_elsewhere_get", RequestInput(headers: ["Authorization": "Bearer secret", "X-Trace": "t1"]))
        guard case .success(let response) = elsewhere.result else { Issue.record("no response"); return }
        #expect(response.url.host == "localhost")
        #expect(response.redirects.first?.dropped == ["Authorization"])
        #expect(try echoed(elsewhere)["headers"]?["authorization"] == nil)
        #expect(try echoed(elsewhere)["headers"]?["x-trace"] == "t1")
        let same = try await run(document, "redirect_same_redirect_same_get", RequestInput(headers: ["Authorization": "Bearer secret"]))
        #expect(try echoed(same)["headers"]?["authorization"] == "Bearer secret")
    }

    @Test func redirectsCanBeCappedOrNotFollowed() async throws {
        let (document, _) = try await Self.fastAPI()
        let loop = try await run(document, "redirect_loop_redirect_loop_get", options: HTTPOptions(maxRedirects: 3))
        guard case .failure(let error) = loop.result else { Issue.record("expected too many redirects"); return }
        #expect(error.description.hasPrefix("Stopped after 3 redirects"))
        let unfollowed = try await run(document, "redirect_same_redirect_same_get", options: HTTPOptions(followRedirects: false))
        guard case .success(let response) = unfollowed.result else { Issue.record("no response"); return }
        #expect(response.status == 307 && response.headers["Location"] == "/echo/headers")
    }

    @Test func timeoutsAndCancellation() async throws {
        let (document, _) = try await Self.fastAPI()
        let slow = try await run(document, "slow_slow_get", RequestInput(parameters: [ParameterValue(name: "seconds", value: 3)]),
                                 options: HTTPOptions(totalTimeout: .milliseconds(400)))
        guard case .failure(let error) = slow.result else { Issue.record("expected a timeout"); return }
        #expect(error.description.contains("timed out"))
        let task = Task { try await run(document, "slow_slow_get", RequestInput(parameters: [ParameterValue(name: "seconds", value: 3)])) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let cancelled = try await task.value
        guard case .failure(let cancel) = cancelled.result else { Issue.record("expected a cancellation"); return }
        #expect(cancel == .cancelled)
    }

    @Test func errorsGzipBinaryAndMismatchedResponses() async throws {
        let (document, _) = try await Self.fastAPI()
        let failure = try await run(document, "fail_fail_get", RequestInput(parameters: [ParameterValue(name: "status", value: 503)]))
        guard case .success(let failed) = failure.result else { Issue.record("no response"); return }
        #expect(failed.status == 503 && failed.reason == "Service Unavailable")
        let big = try await run(document, "big_big_get", RequestInput(parameters: [ParameterValue(name: "items", value: 800)]))
        guard case .success(let bigResponse) = big.result else { Issue.record("no response"); return }
        #expect(bigResponse.headers["Content-Encoding"] == "gzip")
        #expect(big.body?.json?.arrayValue?.count == 800)
        let binary = try await run(document, "binary_binary_get")
        #expect(binary.body?.content == .binary)
        #expect(binary.body?.summary == "image/png, 70 bytes")
        let mismatch = try await run(document, "mismatch_mismatch_get")
        #expect(mismatch.verdict?.mismatches.map(\.description) == [
            "required property \"age\" is missing", "id: must be an integer", "name: must be a string", "status: must be one of: available, pending, sold",
        ])
        let text = try await run(document, "text_text_get")
        #expect(text.body?.content == .text("café crème"))
    }

    @Test func connectionFailuresAreOneSentence() async throws {
        let (document, _) = try await Self.fastAPI()
        let refused = try await run(document, "list_pets_pets_get", RequestInput(server: .url("http://127.0.0.1:9")))
        guard case .failure(let error) = refused.result else { Issue.record("expected a failure"); return }
        #expect(error.description == "Could not connect to 127.0.0.1:9: the connection was refused (is the server running?).")
        let dns = try await run(document, "list_pets_pets_get", RequestInput(server: .url("http://specter-no-such-host.invalid")))
        guard case .failure(let dnsError) = dns.result else { Issue.record("expected a failure"); return }
        #expect(dnsError.description.hasPrefix("Could not resolve the host name specter-no-such-host.invalid"))
        let tlsBase = try await TestServers.shared.url(for: .tls)
        let tls = try await run(document, "list_pets_pets_get", RequestInput(server: .url("https://127.0.0.1:\(tlsBase.port ?? 0)")))
        guard case .failure(let tlsError) = tls.result else { Issue.record("expected a TLS failure"); return }
        #expect(tlsError == .tls(host: "127.0.0.1", port: tlsBase.port ?? 0))
        #expect(tlsError.description.contains("update-ca-certificates"))
        let resetBase = try await TestServers.shared.url(for: .reset)
        let reset = try await run(document, "list_pets_pets_get", RequestInput(server: .url(resetBase.absoluteString)))
        guard case .failure(let resetError) = reset.result else { Issue.record("expected a reset"); return }
        #expect(resetError == .connectionReset(host: "127.0.0.1", port: resetBase.port ?? 0))
    }

    @Test func flaskFormMultipartAndBasicAuth() async throws {
        let base = try await TestServers.shared.url(for: .flask)
        let document = try await SpecLoader().load(base.absoluteString)
        let review = try await run(document, "POST /books/{book_id}/reviews", RequestInput(
            parameters: [ParameterValue(name: "book_id", value: 1)], body: .value(["rating": 5, "comment": "great read"])))
        #expect(try echoed(review) == ["rating": 5, "comment": "great read"])
        #expect(review.built.request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let cover = try await run(document, "POST /books/{book_id}/cover", RequestInput(
            parameters: [ParameterValue(name: "book_id", value: 1)], body: .value(["image": "@pixel.png", "caption": "tiny"])),
            credentials: ["BasicAuth": "librarian:s3cret"])
        #expect(try echoed(cover) == ["filename": "pixel.png", "size": 70, "caption": "tiny", "contentType": "image/png"])
        #expect(cover.verdict?.conforms == true)
    }

    @Test func sampleSpecsAreWhatTheAppsPublish() async throws {
        for (app, path, file) in [(TestServers.App.fastapi, "/openapi.json", "fastapi-pets.json"), (.flask, "/api/openapi.json", "flask-books.json")] {
            let base = try await TestServers.shared.url(for: app)
            let served = try await URLSessionHTTPClient().send(HTTPRequest(url: URL(string: base.absoluteString + path)!), options: HTTPOptions())
            let committed = try JSONParser.parse(try Fixtures.bytes(Fixtures.package("sample-specs/" + file)))
            #expect(try JSONParser.parse(served.body.inMemory ?? []) == committed, "sample-specs/\(file) is stale: run .test-venv/bin/python scripts/generate-sample-specs.py")
        }
    }
}
