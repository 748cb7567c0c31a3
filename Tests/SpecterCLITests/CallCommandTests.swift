import Foundation
import Testing
import SpecterJSON
import TestSupport

/// `specter call` against the real FastAPI test app: what it prints, what it refuses, how it exits.
@Suite(.serialized) struct CallCommandTests {
    static func base() async throws -> String {
        try await TestServers.shared.url(for: .fastapi).absoluteString
    }

    @Test func printsStatusHeadersBodyAndVerdict() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "list_pets_pets_get", "-p", "limit=2")
        #expect(run.status == .success)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("200 OK · "))
        #expect(lines.contains("content-type: application/json"))
        #expect(run.stdout.contains("\"name\": \"Rex\""))
        #expect(lines.contains("✓ matches the schema of 200 (application/json)"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    /// URLSession on Linux answers a Basic challenge itself, again and again until the deadline (plain
    /// http now goes over Specter's own transport, which never does): the 401 must come back at once,
    /// without or with wrong credentials.
    @Test func aBasicChallengeIsTheAnswerNotAWait() async throws {
        let flask = try await TestServers.shared.url(for: .flask).absoluteString + "/api/openapi.json"
        for extra in [[], ["--auth", "BasicAuth=librarian:wrong"]] {
            let start = ContinuousClock.now
            let run = await specter(["call", flask, "POST /books/{book_id}/cover", "-p", "book_id=1", "--body", "{\"image\": \"@README.md\"}",
                                      "--timeout", "20"] + extra)
            #expect(run.status == .success, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("401 UNAUTHORIZED · ") || run.stdout.hasPrefix("401 Unauthorized · "), "\(run.stdout)")
            #expect(ContinuousClock.now - start < .seconds(10), "the 401 waited for the deadline")
        }
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() async throws {
        let base = try await Self.base()
        let coloured = await specter("call", base, "list_pets_pets_get", terminal: true)
        #expect(coloured.stdout.contains("\u{1B}[32m200 OK"))
        let plain = await specter("call", base, "list_pets_pets_get", terminal: true, variables: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test func jsonFormatIsOneMachineReadableRecord() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "get_pet_pets__pet_id__get", "-p", "pet_id=1", "--format", "json")
        #expect(run.status == .success)
        let record = try JSONParser.parse(run.stdout)
        #expect(record["request"]?["method"] == "GET")
        #expect(record["request"]?["url"] == .string(base + "/pets/1"))
        #expect(record["response"]?["status"] == 200)
        #expect(record["response"]?["body"]?["name"] == "Rex")
        #expect(record["verdict"]?["conforms"] == true)
        #expect(record["verdict"]?["documentedStatus"] == "200")
        #expect(record["timeMs"]?.doubleValue.map { $0 > 0 } == true)
        // Header names as the text output shows them.
        let text = await specter("call", base, "get_pet_pets__pet_id__get", "-p", "pet_id=1")
        let names = record["response"]?["headers"]?.arrayValue?.compactMap { $0[0]?.stringValue } ?? []
        #expect(names.contains("content-type"))
        #expect(names.allSatisfy { text.stdout.contains($0 + ": ") }, "\(names)")
        #expect(record["request"]?["headers"]?.arrayValue?.contains(["User-Agent", "specter/0.1.0"]) == true)
    }

    @Test func dryRunAndCurlPrintTheRequestWithoutSendingIt() async throws {
        let dry = await specter("call", "sample-specs/fastapi-pets.json", "create_pet_pets_post", "--server", "http://127.0.0.1:9",
                                "--body", #"{"name":"Tom","age":3}"#, "--dry-run")
        #expect(dry.status == .success)
        #expect(dry.stdout.hasPrefix("POST http://127.0.0.1:9/pets\n"))
        #expect(dry.stdout.contains("Content-Type: application/json"))
        let curl = await specter("call", "sample-specs/fastapi-pets.json", "list_pets_pets_get", "--server", "http://127.0.0.1:9",
                                 "-p", "tag=a b", "-p", "tag=c", "--curl")
        #expect(curl.stdout == "curl 'http://127.0.0.1:9/pets?tag=a%20b&tag=c' \\\n  -H 'Accept: application/json' \\\n  -H 'User-Agent: specter/0.1.0'\n")
    }

    @Test func invalidInputIsRefusedUnlessAskedToSendAnyway() async throws {
        let base = try await Self.base()
        let refused = await specter("call", base, "create_pet_pets_post", "--body", #"{"name":"","age":300}"#)
        #expect(refused.status == .usage)
        #expect(refused.stderr.contains("body.name: must not be empty"))
        #expect(refused.stderr.contains("body.age: must be at most 50"))
        #expect(refused.stdout.isEmpty)
        let sent = await specter("call", base, "create_pet_pets_post", "--body", #"{"name":"","age":300}"#, "--no-validate")
        #expect(sent.status == .success)
        #expect(sent.stdout.hasPrefix("422 Unprocessable"))
        #expect(sent.stdout.contains("The server says:\n  body.name: String should have at least 1 character"))
        let checked = await specter("call", base, "create_pet_pets_post", "--body", #"{"name":"","age":300}"#, "--no-validate", "--check-status")
        #expect(checked.status == .failure)
    }

    @Test func checkStatusFailsOnErrorsAndSchemaMismatches() async throws {
        let base = try await Self.base()
        #expect(await specter("call", base, "fail_fail_get", "-p", "status=503").status == .success)
        #expect(await specter("call", base, "fail_fail_get", "-p", "status=503", "--check-status").status == .failure)
        let mismatch = await specter("call", base, "mismatch_mismatch_get", "--check-status")
        #expect(mismatch.status == .failure)
        #expect(mismatch.stdout.contains("✗ 4 schema mismatches against 200 (application/json)"))
        #expect(mismatch.stdout.contains("  id: must be an integer"))
    }

    @Test func transportFailuresExitThreeWithOneSentence() async {
        let run = await specter("call", "sample-specs/fastapi-pets.json", "list_pets_pets_get", "--server", "http://127.0.0.1:9")
        #expect(run.status == .transport)
        #expect(run.stderr == "specter: Could not connect to 127.0.0.1:9: the connection was refused (is the server running?).\n")
        let noDescription = await specter("call", "http://127.0.0.1:9/openapi.json", "list_pets_pets_get")
        #expect(noDescription.status == .transport, "the description's server is down too")
        #expect(noDescription.stderr.hasPrefix("specter: cannot fetch the description http://127.0.0.1:9/openapi.json: Could not connect"))
    }

    @Test func aRelativeServerAsksForOne() async {
        let run = await specter("call", "sample-specs/fastapi-pets.json", "list_pets_pets_get")
        #expect(run.status == .usage)
        #expect(run.stderr == "specter: the server URL / is not an absolute http(s) URL; pass --server URL (for example --server http://127.0.0.1:8000)\n")
    }

    @Test func usageErrorsExitTwo() async {
        #expect(await specter("call", "sample-specs/fastapi-pets.json").status == .usage)
        #expect(await specter("call", "sample-specs/fastapi-pets.json", "no_such_operation").status == .usage)
        let badParam = await specter("call", "sample-specs/fastapi-pets.json", "list_pets_pets_get", "-p", "novalue")
        #expect(badParam.status == .usage)
        #expect(badParam.stderr.contains("-p takes NAME=VALUE"))
        let badJSON = await specter("call", "sample-specs/fastapi-pets.json", "create_pet_pets_post", "--body", "{name:")
        #expect(badJSON.status == .usage)
        #expect(badJSON.stderr.contains("--body is not JSON"))
    }

    @Test func escapeSequencesFromTheServerArePrintedInert() async throws {
        let base = try await Self.base()
        for terminal in [false, true] {
            let run = await specter("call", base, "hostile_hostile_get", terminal: terminal)
            #expect(run.status == .success)
            #expect(!run.stdout.contains("\u{1B}]"), "an OSC sequence (title, clipboard) reached the terminal")
            #expect(!run.stdout.contains("\u{1B}[2J"), "a screen-clearing sequence reached the terminal")
            #expect(!run.stdout.contains("\u{1B}[31mRED"), "the server's own colour reached the terminal")
            #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x07 })
            #expect(run.stdout.contains(terminal ? "␛[2Jcleared" : "x-evil: ␛[2Jcleared"))
            #expect(run.stdout.contains(#"\u001b]52;c;ZXZpbA==\u0007"#))
        }
    }

    @Test func secretsAreMaskedInEveryPrintedRequest() async throws {
        let base = try await Self.base()
        let verbose = await specter("call", base, "secure_bearer_secure_bearer_get", "--auth", "HTTPBearer=env:TOKEN", "-v", variables: ["TOKEN": "alice-token"])
        #expect(verbose.status == .success)
        #expect(verbose.stdout.contains("Authorization: Bearer ••••••"))
        #expect(verbose.stdout.contains("\"user\": \"alice\""))
        #expect(!verbose.stdout.contains("alice-token"))
        let json = await specter("call", base, "secure_bearer_secure_bearer_get", "--auth", "HTTPBearer=alice-token", "--format", "json")
        #expect(!json.stdout.contains("alice-token"))
        let curl = await specter("call", base, "secure_bearer_secure_bearer_get", "--auth", "HTTPBearer=alice-token", "--curl")
        #expect(curl.stdout.contains("-H 'Authorization: Bearer ••••••'"))
        let missing = await specter("call", base, "secure_bearer_secure_bearer_get", "--auth", "HTTPBearer=env:UNSET_TOKEN")
        #expect(missing.status == .usage)
        #expect(missing.stderr.contains("the environment variable UNSET_TOKEN is not set"))
    }

    /// Credentials the user typed as headers are masked like --auth values, and a malformed --auth never repeats its secret.
    @Test func credentialHeadersAndMalformedAuthStaySecret() async throws {
        let base = try await Self.base()
        let headers = ["-H", "Authorization: Bearer tok-typed-123", "-H", "Cookie: session=cookie-456; theme=dark", "-H", "X-API-Key: key-789"]
        for mode in [["-v"], ["--curl"], ["--dry-run"], ["--format", "json"], ["--dry-run", "--format", "json"]] {
            let run = await specter(["call", base, "echo_headers_echo_headers_get"] + headers + mode)
            #expect(run.status == .success, "\(mode): \(run.stderr)")
            for secret in ["tok-typed-123", "cookie-456", "key-789"] {
                #expect(!run.stdout.contains(secret), "\(mode) printed \(secret)")
            }
            #expect(run.stdout.contains("Bearer ••••••"), "\(mode)")
            #expect(run.stdout.contains("session=••••••; theme=••••••"), "\(mode)")
        }
        let malformed = await specter("call", base, "secure_bearer_secure_bearer_get", "--auth", "HTTPBearer:tok-colon-321")
        #expect(malformed.status == .usage)
        #expect(!malformed.stderr.contains("tok-colon-321"))
        #expect(malformed.stderr.contains("--auth takes NAME=VALUE"))
    }

    /// A dry run sends nothing, not even the OAuth2 token request (its endpoint here is closed, so a
    /// fetch would fail the run): a placeholder stands for the token.
    @Test func dryRunsFetchNoOAuth2Token() async throws {
        for mode in ["--dry-run", "--curl"] {
            let run = await specter("call", "Tests/SpecterCLITests/Fixtures/oauth-unreachable.yaml", "listThings",
                                    "--auth", "Machine=client_id=specter,client_secret=s3cret-dry", mode)
            #expect(run.status == .success, "\(run.stderr)")
            #expect(run.stdout.contains("Bearer <OAuth2 token from http://127.0.0.1:9/token>"), "\(run.stdout)")
            #expect(!run.stdout.contains("s3cret-dry"))
        }
    }

    @Test func aSecretInTheBodyIsMaskedInTheJSONRecordAndInTheEcho() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "echo_body_echo_body_post", "--body", #"{"s": "{{$env TOK}}"}"#, "--format", "json",
                                variables: ["TOK": #"ab"cd/ef"#])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains(#""s": "••••••""#), "the request's JSON body: \(run.stdout)")
        #expect(!run.stdout.contains("cd/ef") && !run.stdout.contains(#"cd\/ef"#), "nor the server's echo of it, escaped twice: \(run.stdout)")
    }

    /// OAuth2 settings as a JSON object hold any characters; the NAME=VALUE,… form cannot hold a comma.
    @Test func oauth2SettingsAsAnObjectTakeAPasswordWithACommaInIt() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "secure_oauth_secure_oauth_get", "--auth", #"OAuth2PasswordBearer={"username": "bob", "password": "env:BOB_PASSWORD"}"#,
                                variables: ["BOB_PASSWORD": "p,ss=w0rd"])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\"token\": \"••••••\""), "a token was issued, and its echo is masked: \(run.stdout)")
        let flat = await specter("call", base, "secure_oauth_secure_oauth_get", "--auth", "OAuth2PasswordBearer=username=bob,password=p,ss=w0rd")
        #expect(flat.status != .success, "the flat form splits the password at its comma")
        #expect(!flat.stderr.contains("w0rd") && !flat.stdout.contains("w0rd"), "the password is never echoed")
    }

    /// Pydantic writes a naive datetime without an offset: a format warning beside the verdict, not a
    /// mismatch (so --check-status passes), unless formats are strict.
    @Test func formatDeviationsInResponsesAreWarnings() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "latest_event_events_latest_get", "--check-status")
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ matches the schema of 200 (application/json) · 1 format warning: at has no time-zone offset (Z or +HH:MM)"), "\(run.stdout)")
        let strict = await specter("call", base, "latest_event_events_latest_get", "--check-status", "--strict-formats")
        #expect(strict.status == .failure)
        #expect(strict.stdout.contains("at: has no time-zone offset (Z or +HH:MM)"), "\(strict.stdout)")
        let json = await specter("call", base, "latest_event_events_latest_get", "--format", "json")
        let record = try JSONParser.parse(json.stdout)
        #expect(record["verdict"]?["conforms"] == true)
        #expect(record["verdict"]?["formatWarnings"]?[0]?["pointer"] == "/at")
    }

    /// The explorer's environments file works for `call` too: its server (a template), variables and
    /// credentials, where the command line does not say otherwise.
    @Test func callUsesAnEnvironment() async throws {
        let base = try await Self.base()
        let port = URL(string: base)?.port ?? 0
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("specter-envs-\(getpid()).yaml")
        try """
            environments:
              local:
                server: "http://127.0.0.1:{port}"
                variables: {port: "\(port)"}
                credentials: {HTTPBearer: env:LOCAL_TOKEN}
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await specter(["call", "sample-specs/fastapi-pets.json", "secure_bearer_secure_bearer_get", "--environments", file.path, "--env", "local"],
                                variables: ["LOCAL_TOKEN": "alice-token"])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("200 OK"), "\(run.stdout)")
        let missing = await specter("call", "sample-specs/fastapi-pets.json", "secure_bearer_secure_bearer_get", "--environments", file.path, "--env", "staging")
        #expect(missing.status == .usage)
        #expect(missing.stderr.contains("no environment \"staging\""))
    }

    @Test func binaryBodiesAreSummarisedAndSavedOnlyWhereAsked() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "binary_binary_get")
        #expect(run.stdout.contains("(binary body: image/png, 70 bytes — save it with --output FILE)"))
        #expect(!run.stdout.contains("PNG"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-call-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("pixel.png")
        let saved = await specter("call", base, "binary_binary_get", "-o", target.path)
        #expect(saved.stdout.contains("saved to \(target.path)"))
        #expect(try Data(contentsOf: target).count == 70)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["pixel.png"], "never the server's file name")
    }

    @Test func verboseShowsRedirectsAndWhatTheyDropped() async throws {
        let base = try await Self.base()
        let run = await specter("call", base, "redirect_elsewhere_redirect_elsewhere_get", "-H", "Authorization: Bearer secret", "-v")
        #expect(run.status == .success)
        #expect(run.stdout.contains("(dropped Authorization: another origin)"))
    }

    @Test func everyOptionIsInTheHelp() async {
        let run = await specter("call", "--help")
        for option in ["--param", "--body", "--header", "--server", "--auth", "--format", "--dry-run", "--curl", "--check-status", "--no-validate",
                       "--timeout", "--no-follow", "--max-redirects", "--output"] {
            #expect(run.stdout.contains(option), "\(option)")
        }
    }
}
