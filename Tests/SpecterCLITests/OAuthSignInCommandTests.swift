import Foundation
import Testing
@testable import SpecterCLI
import SpecterApp
import SpecterHTTP
import SpecterJSON
import TestSupport

/// `specter call` signing in against `Tests/Servers/oauth_server.py`: the test reads what the command
/// tells the user on standard error and does it (opens the authorization URL, approves the user code),
/// then checks the API call went through and no token was ever printed.
@Suite struct OAuthSignInCommandTests {
    /// A `specter` run in progress: its standard error can be read while it runs.
    struct Running {
        let stdout = BufferSink(), stderr = BufferSink()
        let task: Task<SpecterCLI.ExitStatus, Never>

        init(_ arguments: [String], variables: [String: String]) {
            let environment = CLIEnvironment(stdout: stdout, stderr: stderr, variables: variables, workingDirectory: Fixtures.packageRoot)
            task = Task { await Specter.run(arguments, environment: environment) }
        }

        /// The first standard-error line matching `pattern`'s first group, waiting up to 20 s for it.
        func awaitLine(_ pattern: String) async throws -> String {
            let regex = try Regex(pattern)
            for _ in 0..<1000 {
                if let match = stderr.text.firstMatch(of: regex), let group = match.output[1].substring { return String(group) }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw CancellationError()
        }
    }

    static func server() async throws -> URL {
        try await TestServers.shared.url(for: .oauth)
    }

    static func call(_ base: URL, settings: String, _ extra: [String] = [], config: URL) -> Running {
        Running(["call", base.absoluteString + "/openapi.json", "me", "--auth", "signIn=" + settings, "--verbose"] + extra,
                variables: ["XDG_CONFIG_HOME": config.path])
    }

    static func stats(_ base: URL, client: String) async throws -> JSONValue {
        let encoded = try #require(client.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let url = try #require(URL(string: base.absoluteString + "/stats?client_id=" + encoded))
        return try JSONParser.parse(try await URLSessionHTTPClient().send(HTTPRequest(url: url), options: HTTPOptions()).body.inMemory ?? [])
    }

    static func approve(_ base: URL, userCode: String, decision: String = "approve") async throws {
        let url = try #require(URL(string: base.absoluteString + "/verify?user_code=\(userCode)&decision=\(decision)"))
        _ = try await URLSessionHTTPClient().send(HTTPRequest(method: "POST", url: url), options: HTTPOptions())
    }

    /// Neither token the server issued last appears in anything the command wrote.
    static func expectNoToken(_ run: Running, base: URL, client: String) async throws {
        let stats = try await stats(base, client: client)
        let issued = [stats["last_access_token"]?.stringValue, stats["last_refresh_token"]?.stringValue].compactMap { $0 }
        #expect(issued.count == 2)
        for token in issued {
            #expect(!run.stdout.text.contains(token) && !run.stderr.text.contains(token))
        }
    }

    @Test func callSignsInWithTheBrowserGrantAndNeverPrintsTheToken() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-code")
        let run = Self.call(base, settings: #"{"client_id": "cli-code", "flow": "authorizationCode"}"#, config: config)
        let address = try await run.awaitLine(#"\n  (http://127\.0\.0\.1:[0-9]+/authorize\?\S+)\n"#)
        #expect(run.stderr.text.hasPrefix("specter: sign in by opening this address in a browser on this machine:\n"))
        // The test is the browser: it follows the redirect to the command's loopback listener.
        let landing = try await URLSessionHTTPClient().send(HTTPRequest(url: try #require(URL(string: address))), options: HTTPOptions())
        #expect(landing.status == 200)
        let status = await run.task.value
        #expect(status == .success, "\(run.stderr.text)")
        #expect(run.stdout.text.contains("200 OK") && run.stdout.text.contains(#""client": "cli-code""#), "\(run.stdout.text)")
        #expect(run.stdout.text.contains("Authorization: Bearer ••••••"), "\(run.stdout.text)")
        try await Self.expectNoToken(run, base: base, client: "cli-code")
        // Nothing was kept without --save-token.
        #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("specter/secrets.yaml").path))
    }

    @Test func theDeviceGrantShowsTheCodeAndSaveTokenMakesTheNextRunSilent() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-device")
        let client = "cli-device;device_expires=30"
        let settings = #"{"client_id": "\#(client)"}"#
        let first = Self.call(base, settings: settings, ["--save-token"], config: config)
        let userCode = try await first.awaitLine(#"and enter the code ([0-9A-F]{4}-[0-9A-F]{4})\n"#)
        #expect(first.stderr.text.contains("specter: to sign in, open \(base.absoluteString)/verify on any device and enter the code \(userCode)\n"))
        #expect(first.stderr.text.contains("  (or open \(base.absoluteString)/verify?user_code=\(userCode))\n"))
        #expect(first.stderr.text.contains("waiting for the sign-in, at most 1 min (Ctrl-C stops)"))
        try await Self.approve(base, userCode: userCode)
        #expect(await first.task.value == .success, "\(first.stderr.text)")
        #expect(first.stdout.text.contains(#""client": "cli-device""#))
        try await Self.expectNoToken(first, base: base, client: client)

        // The refresh token went to the secrets file (0600), under a name for this client and server.
        let file = config.appendingPathComponent("specter/secrets.yaml")
        let kept = try String(contentsOf: file, encoding: .utf8)
        #expect(kept.contains("oauth2-refresh:\(client)@127.0.0.1:\(base.port ?? 0)/token"))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)

        // The next run signs in with it: no code shown, no user needed.
        let next = Self.call(base, settings: settings, config: config)
        #expect(await next.task.value == .success, "\(next.stderr.text)")
        #expect(next.stdout.text.contains(#""client": "cli-device""#))
        #expect(!next.stderr.text.contains("sign in"), "\(next.stderr.text)")
        #expect(try await Self.stats(base, client: client)["refreshes"] == 1)
        // The rotated refresh token replaced the kept one.
        let rotated = try await Self.stats(base, client: client)["last_refresh_token"]?.stringValue
        #expect(try String(contentsOf: file, encoding: .utf8).contains(try #require(rotated)))
    }

    @Test func aDeniedSignInIsAClearErrorAndNothingIsSent() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-denied")
        let run = Self.call(base, settings: #"{"client_id": "cli-denied;device_expires=30"}"#, config: config)
        let userCode = try await run.awaitLine(#"and enter the code ([0-9A-F]{4}-[0-9A-F]{4})\n"#)
        try await Self.approve(base, userCode: userCode, decision: "deny")
        #expect(await run.task.value == .usage)
        #expect(run.stderr.text.hasSuffix("specter: could not get an OAuth2 token: the sign-in was denied\n"), "\(run.stderr.text)")
        #expect(run.stdout.text.isEmpty)
    }

    @Test func aDryRunShowsAPlaceholderAndSignsNobodyIn() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-dry")
        let run = Self.call(base, settings: #"{"client_id": "cli-dry"}"#, ["--dry-run"], config: config)
        #expect(await run.task.value == .success)
        #expect(run.stdout.text.contains("Bearer <OAuth2 token from \(base.absoluteString)/token>"), "\(run.stdout.text)")
        #expect(run.stderr.text.isEmpty)
        #expect(try await Self.stats(base, client: "cli-dry")["polls"] == 0)
    }

    /// `replay --jobs 2`: two requests needing the same sign-in share one, and the user is asked once
    /// (a second sign-in, never approved, would fail when its code expires after 20 s).
    @Test func replaySignsInOnceForRequestsSentAtOnce() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-replay")
        let collection = try Fixtures.temporaryFolder("oauth-replay-collection")
        try "spec: \(base.absoluteString)/openapi.json\n".write(to: collection.appendingPathComponent("collection.yaml"), atomically: true, encoding: .utf8)
        for name in ["first", "second"] {
            try """
                name: \(name)
                operation: me
                auth:
                  signIn: {client_id: "cli-replay;device_expires=20", flow: deviceAuthorization}
                asserts:
                  - status == 200
                """.write(to: collection.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        let run = Running(["replay", collection.path, "--jobs", "2"], variables: ["XDG_CONFIG_HOME": config.path])
        let userCode = try await run.awaitLine(#"and enter the code ([0-9A-F]{4}-[0-9A-F]{4})\n"#)
        try await Self.approve(base, userCode: userCode)
        #expect(await run.task.value == .success, "\(run.stdout.text)\(run.stderr.text)")
        #expect(run.stderr.text.components(separatedBy: "enter the code").count == 2, "\(run.stderr.text)")
        #expect(try await Self.stats(base, client: "cli-replay;device_expires=20")["tokens"] == 1)
        try await Self.expectNoToken(run, base: base, client: "cli-replay;device_expires=20")
    }

    /// With a display, the scheme's browser flow is chosen and the address handed to `xdg-open` (here
    /// a script that notes it; the test then plays the browser), and it is printed all the same.
    @Test func withADisplayTheBrowserOpensTheAuthorizationAddress() async throws {
        let base = try await Self.server()
        let config = try Fixtures.temporaryFolder("oauth-cli-browser")
        let bin = try Fixtures.temporaryFolder("oauth-cli-bin")
        let noted = bin.appendingPathComponent("opened.txt")
        let opener = bin.appendingPathComponent("xdg-open")
        try "#!/bin/sh\nprintf '%s' \"$1\" > '\(noted.path)'\n".write(to: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener.path)
        #expect(BrowserOpener.find(["PATH": bin.path]) == nil)
        let run = Running(["call", base.absoluteString + "/openapi.json", "me", "--auth", #"signIn={"client_id": "cli-browser"}"#],
                          variables: ["XDG_CONFIG_HOME": config.path, "DISPLAY": ":99", "PATH": "/nonexistent:" + bin.path])
        let printed = try await run.awaitLine(#"\n  (http://127\.0\.0\.1:[0-9]+/authorize\?\S+)\n"#)
        #expect(run.stderr.text.hasPrefix("specter: sign in in the browser that opens, or open this address in a browser on this machine:\n"))
        var opened = ""
        for _ in 0..<500 where opened.isEmpty {
            opened = (try? String(contentsOf: noted, encoding: .utf8)) ?? ""
            if opened.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(opened == printed)
        _ = try await URLSessionHTTPClient().send(HTTPRequest(url: try #require(URL(string: opened))), options: HTTPOptions())
        #expect(await run.task.value == .success, "\(run.stderr.text)")
        #expect(run.stdout.text.contains(#""client": "cli-browser""#))
    }
}
