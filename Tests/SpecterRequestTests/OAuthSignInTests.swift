import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

/// The interactive OAuth2 grants against `Tests/Servers/oauth_server.py`: the test plays the browser
/// (it GETs the authorization URL and follows the redirect to the loopback listener) and the user at
/// the verification page (the server's approve endpoint).
@Suite struct OAuthSignInTests {
    /// What the grants asked of the "user", and how long they asked to wait between polls.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var prompts: [OAuthPrompt] = []
        private var sleeps: [Duration] = []
        private var browsed: [Task<HTTPResponse?, Never>] = []
        private var kept: [String: String] = [:]

        var shown: [OAuthPrompt] { lock.withLock { prompts } }
        var intervals: [Duration] { lock.withLock { sleeps } }
        var keptTokens: [String: String] { lock.withLock { kept } }

        func record(_ prompt: OAuthPrompt) { lock.withLock { prompts.append(prompt) } }
        func record(sleep: Duration) { lock.withLock { sleeps.append(sleep) } }
        func record(browsing: Task<HTTPResponse?, Never>) { lock.withLock { browsed.append(browsing) } }
        func keep(_ token: String, as name: String) { lock.withLock { kept[name] = token } }

        /// What the browser was finally shown (the listener's page).
        func browserLanding() async -> HTTPResponse? {
            guard let task = lock.withLock({ browsed.last }) else { return nil }
            return await task.value
        }

        var keeper: OAuthTokenKeeper {
            OAuthTokenKeeper(load: { name in self.keptTokens[name] }, save: { name, token in self.keep(token, as: name) })
        }
    }

    static func server() async throws -> (document: APIDocument, base: URL) {
        let base = try await TestServers.shared.url(for: .oauth)
        return (try await SpecLoader().load(base.appendingPathComponent("openapi.json").absoluteString), base)
    }

    /// A sign-in whose browser opens the authorization URL (with `extra` query added) at once, and
    /// whose user approves (or denies) a device code at once; device polls wait a hundredth of what is asked.
    static func signIn(_ recorder: Recorder, base: URL, extra: String = "", device decision: String? = "approve", prefersBrowser: Bool = true,
                       keeper: OAuthTokenKeeper? = nil, redirectTimeout: Duration = .seconds(20)) -> OAuthSignIn {
        OAuthSignIn(prefersBrowser: prefersBrowser, keeper: keeper, redirectTimeout: redirectTimeout, deviceLimit: .seconds(60),
                    sleep: { duration in
                        recorder.record(sleep: duration)
                        try await Task.sleep(for: duration / 100)
                    },
                    prompt: { prompt in
                        recorder.record(prompt)
                        switch prompt {
                        case .authorize(let url):
                            recorder.record(browsing: Task { try? await browse(URL(string: url.absoluteString + extra) ?? url) })
                        case .enterCode(let code):
                            if let decision { _ = try? await verify(base: base, userCode: code.userCode, decision: decision) }
                        }
                    })
    }

    /// A browser: GET, following the redirect to the loopback listener.
    /// The limits here are only for a listener that never answers: under the full suite hundreds of
    /// tests share the task pool's two threads, and the listener's task has waited more than 20 s for one.
    static func browse(_ url: URL) async throws -> HTTPResponse {
        try await URLSessionHTTPClient().send(HTTPRequest(url: url), options: HTTPOptions(totalTimeout: .seconds(90)))
    }

    static func verify(base: URL, userCode: String, decision: String) async throws -> HTTPResponse {
        let url = try #require(URL(string: base.absoluteString + "/verify?user_code=\(userCode)&decision=\(decision)"))
        return try await URLSessionHTTPClient().send(HTTPRequest(method: "POST", url: url), options: HTTPOptions())
    }

    static func stats(base: URL, client: String) async throws -> JSONValue {
        let url = try #require(URL(string: base.absoluteString + "/stats?client_id=" + URLEncoding.queryComponent(client)))
        let response = try await URLSessionHTTPClient().send(HTTPRequest(url: url), options: HTTPOptions())
        return try JSONParser.parse(response.body.inMemory ?? [])
    }

    /// Calls `me` with the scheme's settings; the exchange, or the credential error that stopped it.
    static func callMe(_ document: APIDocument, runner: RequestRunner, settings: [String: String]) async -> Result<Exchange, CredentialError> {
        guard let operation = document.operation(named: "me") else { return .failure(CredentialError(description: "no me operation")) }
        let builder = RequestBuilder(document: document, operation: operation, workingDirectory: URL(fileURLWithPath: "/"))
        do {
            let built = try await runner.prepare(builder, input: RequestInput(), credentials: CredentialStore(["signIn": Credential(fields: settings)]))
            return .success(await runner.send(built, for: operation, service: DescriptionService(document: document)))
        } catch {
            guard case .credentials(let credentialError) = error else { return .failure(CredentialError(description: error.description)) }
            return .failure(credentialError)
        }
    }

    static func answer(_ result: Result<Exchange, CredentialError>) throws -> (status: Int, json: JSONValue?, token: String?) {
        let exchange = try result.get()
        guard case .success(let response) = exchange.result else { throw CredentialError(description: "no response") }
        let token = exchange.built.request.headers["Authorization"].map { String($0.dropFirst("Bearer ".count)) }
        return (response.status, exchange.body?.json, token)
    }

    static func failure(_ result: Result<Exchange, CredentialError>) -> OAuthFailure? {
        if case .failure(let error) = result { return error.oauthFailure }
        return nil
    }

    static func query(_ url: URL) -> [String: String] {
        var items: [String: String] = [:]
        for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] { items[item.name] = item.value ?? "" }
        return items
    }

    // MARK: PKCE

    @Test func theS256ChallengeIsRFC7636sExampleAndSHA256MatchesItsTestVectors() {
        #expect(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        func base64URL(hex: String) -> String {
            var bytes: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
                index = next
            }
            return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        // FIPS 180-4 examples: one block, empty, two blocks (56 bytes pad into a second block).
        #expect(PKCE(verifier: "abc").challenge == base64URL(hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(PKCE(verifier: "").challenge == base64URL(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(PKCE(verifier: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").challenge
                == base64URL(hex: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"))
        let first = PKCE(), second = PKCE()
        #expect(first.verifier.count == 64 && first.verifier != second.verifier)
        #expect(first.verifier.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~".contains($0)) })
    }

    // MARK: Authorization code

    @Test func theAuthorizationCodeGrantSignsInThroughTheLoopbackListener() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base))
        let client = "code-ok"
        let result = await Self.callMe(document, runner: runner, settings: ["client_id": client])
        let answer = try Self.answer(result)
        #expect(answer.status == 200)
        #expect(answer.json?["client"] == "code-ok")
        guard case .authorize(let url) = try #require(recorder.shown.first) else { Issue.record("no authorization URL"); return }
        let sent = Self.query(url)
        #expect(url.path == "/authorize")
        #expect(sent["response_type"] == "code" && sent["client_id"] == client && sent["code_challenge_method"] == "S256" && sent["scope"] == "read")
        #expect(sent["state"]?.count == 32 && sent["code_challenge"]?.count == 43)
        #expect(sent["redirect_uri"]?.hasPrefix("http://127.0.0.1:") == true)
        let landing = try #require(await recorder.browserLanding())
        #expect(landing.status == 200 && String(decoding: landing.body.inMemory ?? [], as: UTF8.self).contains("You are signed in"))
        // The token is held in memory: the next call neither signs in again nor asks for a token.
        let again = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client]))
        #expect(again.status == 200 && again.token == answer.token)
        #expect(recorder.shown.count == 1)
        #expect(try await Self.stats(base: base, client: client)["tokens"] == 1)
    }

    @Test func aRefusalInTheBrowserIsDenied() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, extra: "&decision=deny"))
        let result = await Self.callMe(document, runner: runner, settings: ["client_id": "code-denied"])
        #expect(Self.failure(result) == .denied)
        let landing = try #require(await recorder.browserLanding())
        #expect(String(decoding: landing.body.inMemory ?? [], as: UTF8.self).contains("access_denied"))
    }

    @Test func aRedirectWithAnotherStateIsRefused() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, extra: "&decision=forge_state"))
        let result = await Self.callMe(document, runner: runner, settings: ["client_id": "code-forged"])
        #expect(Self.failure(result) == .redirect(.wrongState))
        let landing = try #require(await recorder.browserLanding())
        #expect(landing.status == 400)
        #expect(try await Self.stats(base: base, client: "code-forged")["tokens"] == 0)
    }

    @Test func anExpiredAuthorizationCodeIsRefusedByTheTokenEndpoint() async throws {
        let (document, base) = try await Self.server()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(Recorder(), base: base))
        let result = await Self.callMe(document, runner: runner, settings: ["client_id": "code-stale;code_expires=0"])
        guard case .refused(let endpoint, let error, let detail) = Self.failure(result) else {
            Issue.record("expected the token endpoint to refuse, got \(result)")
            return
        }
        #expect(endpoint == base.absoluteString + "/token" && error == "invalid_grant" && detail == "the authorization code expired")
    }

    @Test func theListenerAnswersOtherPathsAndWaitsOnThenGivesUpAfterItsTimeout() async throws {
        let listener = try LoopbackListener.open()
        let port = listener.port
        let waiting = Task { try await listener.awaitRedirect(expectedState: "s-1", timeout: .seconds(90)) }
        let favicon = try await Self.browse(try #require(URL(string: "http://127.0.0.1:\(port)/favicon.ico")))
        #expect(favicon.status == 404)
        let landing = try await Self.browse(try #require(URL(string: "http://127.0.0.1:\(port)/callback?code=c%201&state=s-1")))
        #expect(landing.status == 200)
        #expect(try await waiting.value == ["code": "c 1", "state": "s-1"])

        let silent = try LoopbackListener.open()
        let start = ContinuousClock.now
        await #expect(throws: LoopbackError.timedOut) { try await silent.awaitRedirect(expectedState: "s", timeout: .milliseconds(300)) }
        // Loosely: under the full suite the task resumes late; what matters is that it ends at all.
        #expect(ContinuousClock.now - start < .seconds(10))
        let cancelled = Task { try await silent.awaitRedirect(expectedState: "s", timeout: .seconds(30)) }
        cancelled.cancel()
        await #expect(throws: LoopbackError.cancelled) { try await cancelled.value }
    }

    // MARK: Device authorization

    @Test func theDeviceGrantShowsTheCodeAndPollsUntilApproved() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let client = "device-ok;second=0.01"
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, prefersBrowser: false))
        let answer = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client]))
        #expect(answer.status == 200 && answer.json?["client"] == "device-ok")
        guard case .enterCode(let code) = try #require(recorder.shown.first) else { Issue.record("no user code"); return }
        #expect(code.verificationURL == base.absoluteString + "/verify" && code.userCode.count == 9)
        #expect(code.verificationURLComplete == base.absoluteString + "/verify?user_code=" + code.userCode && code.expiresIn == .seconds(600))
        #expect(recorder.intervals == [.seconds(1)])
    }

    @Test func pollingWaitsWhilePendingAndFiveSecondsMoreAfterSlowDown() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let client = "device-slow;slow_down=1;second=0.01"
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, device: nil, prefersBrowser: false))
        let approval = Task {
            // The user approves a while after the code is shown: the polls before are pending.
            while recorder.intervals.count < 4 { try await Task.sleep(for: .milliseconds(5)) }
            guard case .enterCode(let code) = recorder.shown.first else { return }
            _ = try await Self.verify(base: base, userCode: code.userCode, decision: "approve")
        }
        let answer = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client, "flow": "deviceAuthorization"]))
        try await approval.value
        #expect(answer.status == 200)
        let intervals = recorder.intervals
        #expect(intervals.count >= 4)
        #expect(intervals.first == .seconds(1) && intervals.dropFirst().allSatisfy { $0 == .seconds(6) }, "\(intervals)")
        let stats = try await Self.stats(base: base, client: client)
        #expect(stats["slow_downs"] == 1 && stats["polls"]?.intValue == intervals.count)
    }

    @Test func aDeniedOrExpiredDeviceCodeEndsThePolling() async throws {
        let (document, base) = try await Self.server()
        let denied = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(Recorder(), base: base, device: "deny", prefersBrowser: false))
        #expect(Self.failure(await Self.callMe(document, runner: denied, settings: ["client_id": "device-denied;second=0.01"])) == .denied)
        let recorder = Recorder()
        let expired = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, device: nil, prefersBrowser: false))
        #expect(Self.failure(await Self.callMe(document, runner: expired, settings: ["client_id": "device-expired;device_expires=1;second=0.01"])) == .expired)
        #expect(!recorder.intervals.isEmpty)
    }

    // MARK: Refresh

    @Test func aTokenAboutToExpireIsRefreshedWithoutAskingTheUserAgain() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let client = "refresh;token_expires=5;second=0.01"
        // Tokens live 5 s and are renewed 30 s before they expire: every call after the first refreshes.
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, prefersBrowser: false))
        let first = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client]))
        let second = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client]))
        let third = try Self.answer(await Self.callMe(document, runner: runner, settings: ["client_id": client]))
        #expect(first.status == 200 && second.status == 200 && third.status == 200)
        #expect(Set([first.token, second.token, third.token]).count == 3)
        #expect(recorder.shown.count == 1)
        let stats = try await Self.stats(base: base, client: client)
        #expect(stats["refreshes"] == 2 && stats["tokens"] == 3)
    }

    @Test func aKeptRefreshTokenSignsInTheNextRunWithoutTheUser() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let client = "kept;second=0.01"
        let signIn = Self.signIn(recorder, base: base, prefersBrowser: false, keeper: recorder.keeper)
        let first = try Self.answer(await Self.callMe(document, runner: RequestRunner(client: URLSessionHTTPClient(), signIn: signIn), settings: ["client_id": client]))
        let name = OAuthTokenKeeper.name(tokenURL: base.appendingPathComponent("token"), clientID: client)
        let kept = try #require(recorder.keptTokens[name])
        #expect(kept.hasPrefix("rt-"))
        // A new process: nothing in memory, the kept refresh token is used (and the rotated one kept).
        let next = try Self.answer(await Self.callMe(document, runner: RequestRunner(client: URLSessionHTTPClient(), signIn: signIn), settings: ["client_id": client]))
        #expect(first.status == 200 && next.status == 200 && first.token != next.token)
        #expect(recorder.shown.count == 1)
        #expect(recorder.keptTokens[name] != kept && recorder.keptTokens[name]?.hasPrefix("rt-") == true)
        // A kept token the server no longer knows: the user signs in again.
        recorder.keep("rt-revoked", as: name)
        let revoked = try Self.answer(await Self.callMe(document, runner: RequestRunner(client: URLSessionHTTPClient(), signIn: signIn), settings: ["client_id": client]))
        #expect(revoked.status == 200 && recorder.shown.count == 2)
    }

    @Test func theSecretsFileKeepsATokenOnlyWhenAsked() async throws {
        let folder = try Fixtures.temporaryFolder("oauth-keeper")
        let file = SecretsFile(environment: ["XDG_CONFIG_HOME": folder.path])
        try OAuthTokenKeeper.secretsFile(file, saves: false).save("oauth2-refresh:a@h/token", "rt-1")
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
        try OAuthTokenKeeper.secretsFile(file, saves: true).save("oauth2-refresh:a@h/token", "rt-1")
        #expect(try OAuthTokenKeeper.secretsFile(file, saves: false).load("oauth2-refresh:a@h/token") == "rt-1")
        // Once kept, a rotated token replaces it even when not asked again.
        try OAuthTokenKeeper.secretsFile(file, saves: false).save("oauth2-refresh:a@h/token", "rt-2")
        #expect(try file.load() == ["oauth2-refresh:a@h/token": "rt-2"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aNamedFlowIsChosenAndAnUnknownOneNamed() async throws {
        let (document, base) = try await Self.server()
        let recorder = Recorder()
        let runner = RequestRunner(client: URLSessionHTTPClient(), signIn: Self.signIn(recorder, base: base, prefersBrowser: true))
        let result = await Self.callMe(document, runner: runner, settings: ["client_id": "named;second=0.01", "flow": "deviceAuthorization"])
        #expect(try Self.answer(result).status == 200)
        guard case .enterCode = recorder.shown.first else { Issue.record("expected the device grant"); return }
        guard case .failure(let error) = await Self.callMe(document, runner: runner, settings: ["client_id": "named", "flow": "password"]) else {
            Issue.record("expected an unknown flow to be refused")
            return
        }
        #expect(error.description == "the OAuth2 scheme has no password flow; it has authorizationCode, deviceAuthorization")
    }
}
