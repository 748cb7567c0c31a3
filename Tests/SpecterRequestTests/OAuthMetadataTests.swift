import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

/// OpenAPI 3.2's `oauth2MetadataUrl`: the authorization server's RFC 8414 metadata completes a flow's
/// endpoints or gives a scheme its flows, against `Tests/Servers/oauth_server.py`; a mixed-up issuer,
/// a server without PKCE S256 and plain-http endpoints elsewhere are refused; a dry run reads nothing.
@Suite struct OAuthMetadataTests {
    typealias Server = OAuthSignInTests

    /// The test server's API with one scheme: `flows` as given (JSON) and the metadata at `metadataPath`.
    static func description(base: URL, metadataPath: String, flows: String) async throws -> APIDocument {
        let text = """
            {"openapi": "3.2.0", "info": {"title": "Discovery", "version": "1"}, "servers": [{"url": "\(base.absoluteString)"}],
             "paths": {"/me": {"get": {"operationId": "me", "security": [{"signIn": ["read"]}],
               "responses": {"200": {"description": "who you are"}, "401": {"description": "no valid token"}}}}},
             "components": {"securitySchemes": {"signIn": {"type": "oauth2", "oauth2MetadataUrl": "\(metadataPath)", "flows": \(flows)}}}}
            """
        return try await SpecLoader().load(bytes: Array(text.utf8), url: base.appendingPathComponent("discovery.json"), displayName: "discovery.json")
    }

    static func metadataReads(base: URL, probe: String) async throws -> Int? {
        try await Server.stats(base: base, client: probe)["metadata_reads"]?.intValue
    }

    @Test func aSchemeWithNoFlowsSignsInWithTheGrantsItsServerOffers() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let document = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server?probe=discover-1", flows: "{}")
        let recorder = Server.Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(recorder, base: base, prefersBrowser: false))
        let answer = try Server.answer(await Server.callMe(document, runner: runner, settings: ["client_id": "discover-1"]))
        #expect(answer.status == 200)
        guard case .enterCode(let code)? = recorder.shown.first else {
            Issue.record("expected the device grant (no browser here), got \(recorder.shown)")
            return
        }
        #expect(code.verificationURL.hasPrefix(base.absoluteString), "the device endpoint came from the metadata")
        _ = try Server.answer(await Server.callMe(document, runner: runner, settings: ["client_id": "discover-1"]))
        #expect(try await Self.metadataReads(base: base, probe: "discover-1") == 1, "read once, then kept")
    }

    @Test func aFlowWithoutEndpointsTakesThemFromTheMetadata() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let flows = #"{"authorizationCode": {"scopes": {"read": "Read your profile"}}}"#
        let document = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server", flows: flows)
        let recorder = Server.Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(recorder, base: base))
        let answer = try Server.answer(await Server.callMe(document, runner: runner, settings: ["client_id": "discover-2"]))
        #expect(answer.status == 200)
        guard case .authorize(let url)? = recorder.shown.first else {
            Issue.record("expected the browser sign-in, got \(recorder.shown)")
            return
        }
        #expect(url.absoluteString.hasPrefix(base.absoluteString + "/authorize?"))
        #expect(Server.query(url)["code_challenge_method"] == "S256")
    }

    @Test func aMixedUpIssuerIsRefusedBeforeAnythingIsAsked() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let document = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server/mixup", flows: "{}")
        let recorder = Server.Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(recorder, base: base))
        let result = await Server.callMe(document, runner: runner, settings: ["client_id": "discover-3"])
        guard case .malformed(let endpoint, let reason)? = Server.failure(result) else {
            Issue.record("expected the metadata to be refused, got \(result)")
            return
        }
        #expect(endpoint == base.absoluteString + "/.well-known/oauth-authorization-server/mixup")
        #expect(reason == "the issuer \(base.absoluteString), which is not the server it was asked of (\(base.absoluteString)/mixup)")
        #expect(recorder.shown.isEmpty)
    }

    @Test func aServerWithoutPKCES256IsRefusedBeforeTheBrowserOpens() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let document = try await Self.description(base: base, metadataPath: "/metadata/plain-only", flows: #"{"authorizationCode": {"scopes": {}}}"#)
        let recorder = Server.Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(recorder, base: base))
        let result = await Server.callMe(document, runner: runner, settings: ["client_id": "discover-4"])
        #expect(Server.failure(result) == .malformed(endpoint: base.absoluteString + "/metadata/plain-only", reason: "code_challenge_methods_supported without S256, which PKCE needs"))
        #expect(recorder.shown.isEmpty)
    }

    @Test func plainHTTPAwayFromThisMachineIsRefused() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(Server.Recorder(), base: base))
        let remote = try await Self.description(base: base, metadataPath: "http://auth.example.com/.well-known/oauth-authorization-server", flows: "{}")
        let refused = Server.failure(await Server.callMe(remote, runner: runner, settings: ["client_id": "discover-5"]))
        #expect(refused == .malformed(endpoint: "http://auth.example.com/.well-known/oauth-authorization-server", reason: "an address that is not https (oauth2MetadataUrl must use TLS)"))
        let insecure = try await Self.description(base: base, metadataPath: "/metadata/insecure", flows: "{}")
        let named = Server.failure(await Server.callMe(insecure, runner: runner, settings: ["client_id": "discover-5"]))
        #expect(named == .malformed(endpoint: base.absoluteString + "/metadata/insecure", reason: "token_endpoint http://tokens.example.com/token, which is not https"))
    }

    @Test func aDryRunReadsNoMetadata() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let document = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server?probe=discover-6", flows: "{}")
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(Server.Recorder(), base: base))
        let operation = try #require(document.operation(named: "me"))
        let builder = RequestBuilder(document: document, operation: operation, workingDirectory: URL(fileURLWithPath: "/"))
        let built = try await runner.prepare(builder, input: RequestInput(), credentials: CredentialStore(["signIn": Credential(fields: ["client_id": "discover-6"])]),
                                             sending: false)
        #expect(built.request.headers["Authorization"] == "Bearer <OAuth2 token from \(base.absoluteString)/.well-known/oauth-authorization-server?probe=discover-6>")
        #expect(try await Self.metadataReads(base: base, probe: "discover-6") == 0)
    }

    @Test func theExpectedIssuerComesFromTheWellKnownAddress() throws {
        func metadata(_ issuer: String, from address: String) throws(OAuthFailure) -> AuthorizationServerMetadata {
            try AuthorizationServerMetadata(json: ["issuer": .string(issuer), "token_endpoint": .string(issuer + "/token")], from: URL(string: address) ?? URL(fileURLWithPath: "/"))
        }
        #expect(throws: Never.self) { try metadata("https://auth.example.com", from: "https://auth.example.com/.well-known/oauth-authorization-server") }
        #expect(throws: Never.self) { try metadata("https://auth.example.com/tenant", from: "https://auth.example.com/.well-known/oauth-authorization-server/tenant") }
        #expect(throws: Never.self) { try metadata("https://auth.example.com/tenant", from: "https://auth.example.com/tenant/.well-known/openid-configuration") }
        #expect(throws: Never.self) { try metadata("https://auth.example.com", from: "https://auth.example.com/custom/metadata.json") }
        #expect(throws: OAuthFailure.self) { try metadata("https://evil.example.com", from: "https://auth.example.com/custom/metadata.json") }
        #expect(throws: OAuthFailure.self) { try metadata("https://auth.example.com", from: "https://auth.example.com/.well-known/oauth-authorization-server/tenant") }
        let defaults = try metadata("https://auth.example.com", from: "https://auth.example.com/.well-known/oauth-authorization-server")
        #expect(defaults.grantTypesSupported == ["authorization_code", "implicit"], "RFC 8414's default")
        #expect(defaults.flows.isEmpty, "no authorization endpoint: no authorization code flow")
    }

    @Test func aFailedReadIsTriedAgainAndADryRunOfAFlowWithoutEndpointsReadsNothing() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let flows = #"{"authorizationCode": {"scopes": {}}}"#
        let missing = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server/nowhere?probe=discover-7", flows: flows)
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(Server.Recorder(), base: base))
        for _ in 0..<2 {
            guard case .malformed? = Server.failure(await Server.callMe(missing, runner: runner, settings: ["client_id": "discover-7"])) else {
                Issue.record("expected the mixed-up issuer to be refused")
                return
            }
        }
        #expect(try await Self.metadataReads(base: base, probe: "discover-7") == 2, "a failed read is not kept")

        let document = try await Self.description(base: base, metadataPath: "/.well-known/oauth-authorization-server?probe=discover-8", flows: flows)
        let operation = try #require(document.operation(named: "me"))
        let builder = RequestBuilder(document: document, operation: operation, workingDirectory: URL(fileURLWithPath: "/"))
        let built = try await runner.prepare(builder, input: RequestInput(), credentials: CredentialStore(["signIn": Credential(fields: ["client_id": "discover-8"])]),
                                             sending: false)
        #expect(built.request.headers["Authorization"]?.hasPrefix("Bearer <OAuth2 token from \(base.absoluteString)/.well-known/") == true)
        #expect(try await Self.metadataReads(base: base, probe: "discover-8") == 0)
    }

    @Test func anAddressThatIsNotAURLMattersOnlyWhenTheMetadataIsNeeded() async throws {
        let base = try await TestServers.shared.url(for: .oauth)
        let complete = #"{"deviceAuthorization": {"deviceAuthorizationUrl": "/device", "tokenUrl": "/token", "scopes": {}}}"#
        let document = try await Self.description(base: base, metadataPath: "http://[not a url", flows: complete)
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Server.signIn(Server.Recorder(), base: base, prefersBrowser: false))
        let answer = try Server.answer(await Server.callMe(document, runner: runner, settings: ["client_id": "discover-9"]))
        #expect(answer.status == 200, "the flow names every endpoint: the metadata is not read")
    }
}
