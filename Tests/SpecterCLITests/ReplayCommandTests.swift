import Foundation
import SpecterCLI
import SpecterJSON
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `specter replay` end to end against the real FastAPI test app: chains, every assertion kind
/// failing with its message, the description check, recorded runs, `--jobs`, and every report parsed.
@Suite(.serialized) struct ReplayCommandTests {
    static let fixture = Fixtures.package("Tests/SpecterCLITests/Fixtures/replay/pets")

    /// A copy of the fixture collection pointed at the app (its own process: these tests create and delete pets), plus extra request files.
    static func collection(_ extra: [String: String] = [:], manifest: String = "", only folder: String? = nil) async throws -> URL {
        let server = try await TestServers.shared.url(for: .fastapiIsolated)
        let copy = try Fixtures.temporaryCopy(of: fixture, label: "replay")
        let file = copy.appendingPathComponent("collection.yaml")
        let text = String(decoding: try Fixtures.bytes(file), as: UTF8.self).replacingOccurrences(of: "SERVER", with: server.absoluteString)
        try Data((text + manifest).utf8).write(to: file)
        for (path, content) in extra {
            let url = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        if let folder {
            for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) where !["collection.yaml", folder].contains(name) {
                try FileManager.default.removeItem(at: copy.appendingPathComponent(name))
            }
        }
        return copy
    }

    @Test func crudAndAuthChainsPassInCollectionOrder() async throws {
        let folder = try await Self.collection()
        let run = await specter("replay", folder.path)
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let names = lines.filter { $0.hasPrefix("✓") || $0.hasPrefix("✗") }.map { $0.split(separator: "·").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        #expect(names == ["Sign in", "Use the token", "Create a pet", "Read it back", "Rename it", "Delete it", "It is gone"])
        #expect(lines.contains { $0.hasPrefix("✓ POST /pets → 201 · ") })
        #expect(lines.contains { $0.range(of: #"^✓ GET /pets/\d+ → 404 · "#, options: .regularExpression) != nil })
        #expect(lines.last == "7 passed, 0 failed")
        #expect(!run.stdout.contains("\u{1B}"), "no animation and no colour without a terminal")
    }

    @Test func aTerminalSeesAProgressLineThatEndsCleared() async throws {
        let slow = "name: Slow one\noperation: GET /slow\nparameters: {query: {seconds: 0.6}}\n"
        let folder = try await Self.collection(["slow/one.yaml": slow], only: "slow")
        let run = await specter(["replay", folder.path], terminal: true, variables: ["TERM": "xterm"])
        #expect(run.status == .success)
        #expect(run.stdout.range(of: #"\r\x{1B}\[2K\x{1B}\[2m\[0/1\] Slow one 0\.[2-9] s"#, options: .regularExpression) != nil, "\(run.stdout.debugDescription)")
        #expect(run.stdout.contains("\r\u{1B}[2K\u{1B}[32m✓\u{1B}[0m \u{1B}[1;32mGET\u{1B}[0m /slow?seconds=0.6 → 200 · "))
        #expect(run.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    /// Without a terminal, lines are written in batches at most 100 ms late: a request's line is out
    /// while a later, slow request still runs.
    @Test func withoutATerminalLinesAreOutWhileALaterRequestRuns() async throws {
        let quick = { (name: String) in "name: \(name)\noperation: GET /pets/{pet_id}\nparameters:\n  path:\n    pet_id: 1\n" }
        let slow = "name: Slow one\noperation: GET /slow\nparameters: {query: {seconds: 1.5}}\n"
        // The second line usually comes within 100 ms of the first and is held back: only the batch's
        // delayed write brings it out before the slow request ends (without it, this test fails).
        let folder = try await Self.collection(["slow/1.yaml": quick("Quick one"), "slow/2.yaml": quick("Quick two"), "slow/3.yaml": slow], only: "slow")
        let out = BufferSink(), err = BufferSink()
        let environment = CLIEnvironment(stdout: out, stderr: err, variables: [:], stdoutIsTerminal: false, workingDirectory: Fixtures.packageRoot,
                                         standardInput: { _ in nil })
        let run = Task { await Specter.run(["replay", folder.path], environment: environment) }
        let start = ContinuousClock.now
        while !out.text.contains("Quick two"), ContinuousClock.now - start < .seconds(10) { try await Task.sleep(for: .milliseconds(20)) }
        let early = out.text
        #expect(early.contains("· Quick one\n✓ GET /pets/1 → 200 · ") && !early.contains("Slow one"), "\(early)")
        #expect(await run.value == .success, "\(err.text)")
        #expect(out.text.hasPrefix(early) && out.text.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func aChainRunsAgainstTheFlaskAppAndItsRelativeServer() async throws {
        let server = try await TestServers.shared.url(for: .flask)
        let copy = try Fixtures.temporaryCopy(of: Fixtures.package("Tests/SpecterCLITests/Fixtures/replay/books"), label: "books")
        let manifest = copy.appendingPathComponent("collection.yaml")
        let text = String(decoding: try Fixtures.bytes(manifest), as: UTF8.self).replacingOccurrences(of: "SERVER", with: server.absoluteString)
        try Data(text.utf8).write(to: manifest)
        let run = await specter("replay", copy.path, "--report", "tap")
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("TAP version 13\n1..3\nok 1 - Add a book (POST /books)\nok 2 - Get it (GET /books/{book_id})\n"))
        #expect(run.stderr.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func eachAssertionKindFailsWithWhatItExpectedAndWhatCame() async throws {
        let asserts = [
            "status == 201", "status == 4xx", "status in [201, 202]",
            "header X-Missing exists", "header content-type == \"text/plain\"", "header content-type contains xml", "header content-type matches \"^text/\"",
            "$.name == \"Max\"", "$.name != \"Rex\"", "$.age < 1", "$.age > 10", "$.age <= 2", "$.age >= 4", "$.tags contains \"cat\"", "$.name matches \"^M\"",
            "$.missing exists", "$.name not exists", "$.name type == integer", "$.tags length == 2", "$.tags[*] count == 2",
            "body contains \"Max\"", "duration < 0", "cookie session exists",
        ]
        let request = "name: Get Rex\noperation: GET /pets/{pet_id}\nparameters:\n  path:\n    pet_id: 1\nasserts:\n" + asserts.map { "  - '\($0)'\n" }.joined()
        let folder = try await Self.collection(["checks/rex.yaml": request], only: "checks")
        let run = await specter("replay", folder.path, "--report", "json")
        #expect(run.status == .failure)
        let expected = [
            "status: expected == 201, got 200", "status: expected == 4xx, got 200", "status: expected in [201,202], got 200",
            "header X-Missing: expected to exist, but no header X-Missing", "header content-type: expected == \"text/plain\", got \"application/json\"",
            "header content-type: expected contains \"xml\", got \"application/json\"", "header content-type: expected matches \"^text/\", got \"application/json\"",
            "$.name: expected == \"Max\", got \"Rex\"", "$.name: expected != \"Rex\", got \"Rex\"", "$.age: expected < 1, got 3", "$.age: expected > 10, got 3",
            "$.age: expected <= 2, got 3", "$.age: expected >= 4, got 3", "$.tags: expected contains \"cat\", got [\"dog\"]", "$.name: expected matches \"^M\", got \"Rex\"",
            "$.missing: expected to exist, but $.missing selects nothing in {\"name\":\"Rex\"", "$.name: expected not to exist, got \"Rex\"",
            "type of $.name: expected == \"integer\", got \"string\"", "length of $.tags: expected == 2, got 1", "count of $.tags[*]: expected == 2, got 1",
            "body: expected contains \"Max\", got \"{\\\"name\\\":\\\"Rex\\\"", "duration: expected < 0 ms, got ", "cookie session: expected to exist, but no cookie session is set",
        ]
        let report = try JSONParser.parse(Array(run.stdout.utf8))
        let results = report["collections"]?[0]?["requests"]?[0]?["asserts"]?.arrayValue ?? []
        #expect(results.count == asserts.count)
        for (index, message) in expected.enumerated() {
            #expect(results[index]["passed"] == .bool(false), "\(asserts[index]) should fail")
            let got = results[index]["message"]?.stringValue ?? ""
            #expect(got.hasPrefix(message), "\(asserts[index]): \(got)")
        }
        // The text output lists each failure with its request after the run.
        #expect(run.stderr.contains("✗ Get Rex — checks/rex.yaml\n  GET http"))
        #expect(run.stderr.contains("  assert $.age < 1: $.age: expected < 1, got 3\n"))
        #expect(run.stderr.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func aFailedCaptureNamesTheQueryAndWhatTheResponseHeld() async throws {
        let request = """
            name: Get Rex
            operation: GET /pets/{pet_id}
            parameters: {path: {pet_id: 1}}
            captures:
              owner: $.owner.id
            """
        let reader = "name: Use it\noperation: GET /pets/{pet_id}\nparameters: {path: {pet_id: '{{owner}}'}}\n"
        let folder = try await Self.collection(["chain/a.yaml": request, "chain/b.yaml": reader], only: "chain")
        let run = await specter("replay", folder.path)
        #expect(run.status == .failure)
        #expect(run.stdout.contains("  capture owner: $.owner.id selects nothing in {\"name\":\"Rex\",\"age\":3,"))
        #expect(run.stdout.contains("- Use it (chain/b.yaml): needs owner, which Get Rex (chain/a.yaml) did not capture"))
        #expect(run.stdout.hasSuffix("0 passed, 1 failed, 1 skipped\n"))
    }

    @Test func theDescriptionCheckCatchesABodyThatBreaksItsSchema() async throws {
        let request = "name: Mismatch\noperation: GET /mismatch\n"
        let folder = try await Self.collection(["odd/mismatch.yaml": request], only: "odd")
        let checked = await specter("replay", folder.path)
        #expect(checked.status == .failure)
        #expect(checked.stdout.contains("  the response does not match the description:\n    $: required property \"age\" is missing\n    $.id: must be an integer\n"))
        let unchecked = await specter("replay", folder.path, "--no-check")
        #expect(unchecked.status == .success, "\(unchecked.stdout)")
    }

    @Test func aRecordedRunIsComparedAfterTheServerChangesOneField() async throws {
        let folder = try await Self.collection(manifest: "ignore:\n  - $.id\n  - server\n", only: "pets")
        for name in ["3-update.yaml", "4-delete.yaml", "5-gone.yaml"] { try FileManager.default.removeItem(at: folder.appendingPathComponent("pets/" + name)) }
        let early = await specter("replay", folder.path, "--compare", "--var", "pet_name=Bella")
        #expect(early.status == .failure)
        #expect(early.stdout.contains("  not compared with a recording: there is none yet (pets/1-create.recorded.json): run with --record first\n"), "\(early.stdout)")
        #expect(!early.stdout.contains("differs"), "nothing differs from a recording that is not there")
        let recorded = await specter("replay", folder.path, "--record", "--var", "pet_name=Bella")
        #expect(recorded.status == .success, "\(recorded.stdout)")
        let file = folder.appendingPathComponent("pets/2-read.recorded.json")
        let recording = try JSONParser.parse(try Fixtures.bytes(file))
        #expect(recording["status"] == .int(200))
        #expect(recording["body"]?["name"] == .string("Bella"))
        #expect(recording["headers"]?["content-type"] == .string("application/json"))
        #expect(recording["headers"]?["date"] == nil)

        let same = await specter("replay", folder.path, "--compare", "--var", "pet_name=Bella")
        #expect(same.status == .success, "the ids differ but are ignored: \(same.stdout)")
        let changed = await specter("replay", folder.path, "--compare", "--var", "pet_name=Bello")
        #expect(changed.status == .failure)
        #expect(changed.stdout.contains("  the response differs from its recording:\n    $.name: \"Bella\" → \"Bello\"\n"))
        #expect(!changed.stdout.contains("$.id:"))
        #expect(changed.stdout.hasSuffix("0 passed, 2 failed\n"))
    }

    @Test func jobsRunChainsInOrderAndReportInCollectionOrder() async throws {
        var extra: [String: String] = [:]
        for index in 1...4 { extra["slow/\(index).yaml"] = "name: Slow \(index)\noperation: GET /slow\nparameters: {query: {seconds: 0.3}}\n" }
        let folder = try await Self.collection(extra)
        let run = await specter("replay", folder.path, "--jobs", "4")
        #expect(run.status == .success, "\(run.stdout)")
        let names = run.stdout.split(separator: "\n").filter { $0.hasPrefix("✓") }.map { $0.split(separator: "·").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        #expect(names == ["Sign in", "Use the token", "Create a pet", "Read it back", "Rename it", "Delete it", "It is gone", "Slow 1", "Slow 2", "Slow 3", "Slow 4"])
        // Four 0.3 s requests one after another take 1.2 s; four at once, about 0.3 s.
        let seconds = run.stdout.firstMatch(of: /requests in ([0-9.]+) s/).flatMap { Double($0.1) } ?? 99
        #expect(seconds < 1.1, "--jobs 4 did not run the slow requests at once: \(seconds) s")
    }

    /// One at a time means one at a time on the wire too: a lane writes the next request as soon as
    /// a response is in and judges that response meanwhile, but the server never has two requests
    /// of a sequential replay at once, and they arrive in collection order. Under `--fail-fast`
    /// nothing is written after the failing response.
    @Test func sequentialRequestsReachTheServerOneAtATimeInOrder() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated)
        let scratch = try Fixtures.temporaryFolder("replay-sequence")
        let described = #"{"openapi": "3.1.0", "info": {"title": "Sequence", "version": "1"}, "paths": {"/sequence/{n}": {"get": {"operationId": "step", "#
            + #""parameters": [{"name": "n", "in": "path", "required": true, "schema": {"type": "integer"}}, {"name": "pad", "in": "query", "schema": {"type": "integer"}}], "#
            + #""responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "required": ["n"]}}}}}}}}}"#
        try Data(described.utf8).write(to: scratch.appendingPathComponent("api.json"))
        try Data("spec: api.json\nserver: \(server.absoluteString)\n".utf8).write(to: scratch.appendingPathComponent("collection.yaml"))
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("calls"), withIntermediateDirectories: true)
        for n in 1...8 {
            let assertion = n == 5 ? "$.n == 50" : "$.n == \(n)"
            try Data("name: Step \(n)\norder: \(n)\noperation: GET /sequence/{n}\nparameters: {path: {n: \(n)}}\nasserts: ['\(assertion)']\n".utf8)
                .write(to: scratch.appendingPathComponent("calls/\(n).yaml"))
        }
        func serverLog() async throws -> (arrived: [Int], mostInFlight: Int) {
            let (data, _) = try await URLSession.shared.data(from: server.appendingPathComponent("sequence"))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (try #require(object["arrived"] as? [Int]), try #require(object["mostInFlight"] as? Int))
        }
        _ = try await serverLog()
        let run = await specter("replay", scratch.path)
        #expect(run.stdout.hasSuffix("7 passed, 1 failed\n"), "\(run.stdout)")
        let log = try await serverLog()
        #expect(log.arrived == Array(1...8))
        #expect(log.mostInFlight == 1)

        let stopped = await specter("replay", scratch.path, "--fail-fast")
        #expect(stopped.stdout.hasSuffix("4 passed, 1 failed, 3 skipped\n"), "\(stopped.stdout)")
        #expect(try await serverLog().arrived == Array(1...5))

        // A chain inside the collection: the steps that use step 1's capture come before step 4,
        // which could go first (it needs nothing, and step 1's long answer takes a while to check)
        // but comes later in the collection.
        for n in 1...8 { try FileManager.default.removeItem(at: scratch.appendingPathComponent("calls/\(n).yaml")) }
        let chain = [(1, "{path: {n: 1}, query: {pad: 2000000}}", "captures: {first: $.n}\n"), (2, "{path: {n: '{{first}}2'}}", ""),
                     (3, "{path: {n: '{{first}}3'}}", ""), (4, "{path: {n: 4}}", "")]
        for (order, parameters, extra) in chain {
            try Data("name: Chain \(order)\norder: \(order)\noperation: GET /sequence/{n}\nparameters: \(parameters)\n\(extra)".utf8)
                .write(to: scratch.appendingPathComponent("calls/\(order).yaml"))
        }
        let chained = await specter("replay", scratch.path)
        #expect(chained.stdout.hasSuffix("4 passed, 0 failed\n"), "\(chained.stdout)")
        #expect(try await serverLog().arrived == [1, 12, 13, 4])
    }

    /// `--timeout` bounds a request with its own checks: the second request's check, which waited
    /// for the first one's to be stopped by its deadline, still has its whole time, so it ends with
    /// the mismatches it finds rather than being stopped too.
    @Test func aSlowCheckLeavesTheNextRequestItsWholeTimeout() async throws {
        let folder = try Fixtures.costlyCheckCollection(server: try await TestServers.shared.url(for: .fastapiIsolated))
        let run = await specter("replay", folder.path, "--timeout", "2")
        #expect(run.stdout.hasSuffix("0 passed, 2 failed\n"), "\(run.stdout)")
        #expect(run.stdout.components(separatedBy: "the check was stopped before its end").count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("$.name: must be at least 5 characters"))
    }

    @Test func everyReportFormatParses() async throws {
        let failing = "name: Wrong status\noperation: GET /pets\nasserts: [status == 201]\n"
        let folder = try await Self.collection(["zz/wrong.yaml": failing])
        let reports = try Fixtures.temporaryFolder("reports")
        let run = await specter("replay", folder.path, "--report", "json:\(reports.path)/r.json", "--report", "junit:\(reports.path)/r.xml",
                                "--report", "tap", "--output", "\(reports.path)/r.tap", "--fail-fast")
        #expect(run.status == .failure)

        let json = try JSONParser.parse(try Fixtures.bytes(reports.appendingPathComponent("r.json")))
        #expect(json["summary"]?["total"] == .int(8))
        #expect(json["summary"]?["passed"] == .int(7))
        #expect(json["summary"]?["failed"] == .int(1))
        let requests = json["collections"]?[0]?["requests"]?.arrayValue ?? []
        #expect(requests.map { $0["result"]?.stringValue ?? "" } == Array(repeating: "passed", count: 7) + ["failed"])
        #expect(requests[0]["response"]?["status"] == .int(200))
        // The token the first request captured is a credential later: masked everywhere.
        let jsonText = String(decoding: try Fixtures.bytes(reports.appendingPathComponent("r.json")), as: UTF8.self)
        #expect(jsonText.range(of: "issued-[0-9]", options: .regularExpression) == nil, "a captured token leaked into the report")
        #expect(requests[0]["captures"]?["token"] == .string("••••••"))

        let xml = try Data(contentsOf: reports.appendingPathComponent("r.xml"))
        let junit = JUnitReading(xml)
        #expect(junit.suites == 1)
        #expect(junit.testCases == 8)
        #expect(junit.failures == ["assert status == 201: status: expected == 201, got 200"])
        let story = junit.failureTexts.first?.split(separator: "\n").map(String.init) ?? []
        #expect(story.count == 3, "the request, the failure and the body that explains it, as on the terminal: \(story)")
        #expect(story.first?.range(of: #"^GET http://127\.0\.0\.1:\d+/pets → 200$"#, options: .regularExpression) != nil, "\(story)")
        #expect(story.dropFirst().first == "assert status == 201: status: expected == 201, got 200")
        #expect(story.last?.hasPrefix("← [") == true, "\(story)")
        #expect(junit.rootAttributes["tests"] == "8" && junit.rootAttributes["failures"] == "1")

        let tap = String(decoding: try Fixtures.bytes(reports.appendingPathComponent("r.tap")), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(tap.prefix(2) == ["TAP version 13", "1..8"])
        #expect(tap.filter { $0.hasPrefix("ok ") }.count == 7)
        #expect(tap.contains("not ok 8 - Wrong status (GET /pets)"))
        #expect(tap.contains("  message: \"assert status == 201: status: expected == 201, got 200\""))
    }

    @Test func aSecretSentInABodyIsMaskedInTheConsoleAndEveryReport() async throws {
        let echo = "name: Echo\noperation: POST /echo/body\nbody:\n  mediaType: application/json\n  json:\n    s: '{{tok}}'\nasserts: [status == 201]\n"
        let folder = try await Self.collection(["echo/one.yaml": echo], manifest: "  tok: env:TOK\n", only: "echo")
        let reports = try Fixtures.temporaryFolder("echo-reports")
        let run = await specter(["replay", folder.path, "--report", "json:\(reports.path)/r.json", "--report", "junit:\(reports.path)/r.xml"],
                                variables: ["TOK": #"ab"cd/ef"#])
        #expect(run.status == .failure, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("  ← {"), "the echo is shown: \(run.stdout)")
        let written = [run.stdout, try String(contentsOf: reports.appendingPathComponent("r.json"), encoding: .utf8),
                       try String(contentsOf: reports.appendingPathComponent("r.xml"), encoding: .utf8)]
        for text in written { #expect(!text.contains("cd/ef") && !text.contains(#"cd\/ef"#), "\(text)") }
    }

    @Test func failFastSkipsTheRestAndRepeatPrintsPercentiles() async throws {
        let failing = "name: First\norder: 0\noperation: GET /pets\nasserts: [status == 500]\n"
        let rex = "name: Rex\noperation: GET /pets/{pet_id}\nparameters: {path: {pet_id: 1}}\nasserts: [status == 200, $.name == Rex]\n"
        let folder = try await Self.collection(["a/first.yaml": failing, "zz/rex.yaml": rex])
        let run = await specter("replay", folder.path, "--fail-fast")
        #expect(run.status == .failure)
        #expect(run.stdout.hasSuffix("0 passed, 1 failed, 8 skipped\n"))
        #expect(run.stdout.contains("not run: --fail-fast stopped the replay after a failure"))

        let repeated = await specter("replay", folder.appendingPathComponent("zz/rex.yaml").path, "--repeat", "5")
        #expect(repeated.status == .success, "\(repeated.stdout)")
        #expect(repeated.stdout.range(of: #"✓ GET /pets/1 → 200 · p50 [0-9.]+ ms · p90 [0-9.]+ ms · p99 [0-9.]+ ms · max [0-9.]+ ms \(5×\) · Rex"#,
                                       options: .regularExpression) != nil, "\(repeated.stdout)")
    }

    @Test func aKeyOneSlipFromAReplayKeyIsRefusedNotIgnored() async throws {
        let slipped = "name: Slipped\noperation: GET /pets\nassert:\n  - status == 500\n"
        let folder = try await Self.collection(["zz/slipped.yaml": slipped])
        let run = await specter("replay", folder.path)
        #expect(run.status == .usage)
        #expect(run.stderr.contains("zz/slipped.yaml: /assert: not a key Specter reads (did you mean asserts?)"))
        let check = await specter("collection", "check", folder.path)
        #expect(check.status == .usage)
        #expect(check.stderr.contains("zz/slipped.yaml: /assert: not a key Specter reads (did you mean asserts?)"))
        #expect(!check.stdout.contains("✓"), "no \"fits\" headline above the problems")
        let manifest = folder.appendingPathComponent("collection.yaml")
        try Data((String(decoding: try Fixtures.bytes(manifest), as: UTF8.self) + "variabels: {a: '1'}\n").utf8).write(to: manifest)
        try Data("name: Swapped\noperation: GET /pets\ncaptrues: {a: $.x}\n".utf8).write(to: folder.appendingPathComponent("zz/slipped.yaml"))
        let swapped = await specter("replay", folder.path)
        #expect(swapped.stderr.contains("collection.yaml: /variabels: not a key Specter reads (did you mean variables?)"))
        #expect(swapped.stderr.contains("zz/slipped.yaml: /captrues: not a key Specter reads (did you mean captures?)"))
        #expect(swapped.status == .usage)
    }

    @Test func aTokenStaysMaskedWhenTheRequestUsingItIsLeftOut() async throws {
        let folder = try await Self.collection(only: "auth")
        let run = await specter("replay", folder.path, "--select", "auth/1*", "--report", "json", "--record")
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.range(of: "issued-[0-9]", options: .regularExpression) == nil, "the token leaked into the report")
        let recording = String(decoding: try Fixtures.bytes(folder.appendingPathComponent("auth/1-token.recorded.json")), as: UTF8.self)
        #expect(recording.contains("\"access_token\": \"••••••\""), "\(recording)")
    }

    @Test func selectTakesAFolderByItsName() async throws {
        let folder = try await Self.collection()
        for select in ["auth", "auth/", "./auth"] {
            let run = await specter("replay", folder.path, "--select", select)
            #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.hasSuffix("2 passed, 0 failed\n"), "\(select): \(run.stdout)")
        }
        let orphan = await specter("replay", folder.path, "--select", "pets/2*")
        #expect(orphan.status == .failure)
        #expect(orphan.stdout.contains("  not sent: path parameter pet_id: the variable {{pet_id}} is not defined; {{pet_id}} is captured by pets/1-create.yaml, "
                                       + "which this run leaves out\n"), "\(orphan.stdout)")
    }

    @Test func aVariableCapturedOnlyLaterInTheRunIsNotSaidToBeLeftOut() async throws {
        let use = "name: Use\norder: 1\noperation: GET /pets/{pet_id}\nparameters: {path: {pet_id: '{{later_id}}'}}\n"
        let capture = "name: Capture\norder: 2\noperation: GET /pets\ncaptures: {later_id: '$[0].id'}\n"
        let folder = try await Self.collection(["loop/1-use.yaml": use, "loop/2-capture.yaml": capture], only: "loop")
        let run = await specter("replay", folder.path)
        #expect(run.stdout.contains("  not sent: path parameter pet_id: the variable {{later_id}} is not defined\n"), "\(run.stdout)")
        #expect(!run.stdout.contains("leaves out"))
    }

    @Test func aFractionalTimeoutIsHonoured() async throws {
        let quick = "name: Quick\norder: 1\noperation: GET /slow\nparameters: {query: {seconds: 0.1}}\n"
        let slow = "name: Too slow\norder: 2\noperation: GET /slow\nparameters: {query: {seconds: 2}}\n"
        let folder = try await Self.collection(["t/quick.yaml": quick, "t/slow.yaml": slow], only: "t")
        let start = ContinuousClock.now
        let run = await specter("replay", folder.path, "--timeout", "0.6")
        #expect(ContinuousClock.now - start < .seconds(1.8), "the 0.6 s deadline was not kept")
        #expect(run.stdout.contains("✓ GET /slow?seconds=0.1 → 200"), "\(run.stdout)")
        #expect(run.stdout.contains("  No answer from 127.0.0.1:"), "\(run.stdout)")
        #expect(run.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func aDescriptionWhoseServerIsDownMeansTheTargetCannotBeReached() async throws {
        let folder = try await Self.collection()
        let manifest = folder.appendingPathComponent("collection.yaml")
        let text = String(decoding: try Fixtures.bytes(manifest), as: UTF8.self)
        try Data(text.replacingOccurrences(of: #"http://127\.0\.0\.1:\d+"#, with: "http://127.0.0.1:9", options: .regularExpression).utf8).write(to: manifest)
        #expect(text.contains("spec: http://"), "the fixture fetches its description from the app")
        let run = await specter("replay", folder.path)
        #expect(run.status == .transport)
        #expect(run.stderr == "specter: cannot fetch the description http://127.0.0.1:9/openapi.json: Could not connect to 127.0.0.1:9: the connection was refused "
                + "(is the server running?). (the description named by spec: in \(manifest.path))\n")
    }

    /// An environment file that does not read stops only the replay or export that chooses it; any
    /// other names it in a warning and goes on without it.
    @Test func aBrokenEnvironmentStopsOnlyTheRunThatUsesIt() async throws {
        let folder = try await Self.collection(["environments/prod.yaml": "server: [unclosed\n", "environments/local.yaml": "variables:\n  pet_name: Bo\n"])
        for run in [await specter("replay", folder.path), await specter("replay", folder.path, "--env", "local")] {
            #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("specter: warning: " + folder.path + "/environments/prod.yaml:"), "\(run.stderr)")
            #expect(run.stderr.contains("(this run does not use that environment)"))
        }
        let chosen = await specter("replay", folder.path, "--env", "prod")
        #expect(chosen.status == .usage)
        #expect(chosen.stderr.hasPrefix("specter: " + folder.path + "/environments/prod.yaml:2:1: "), "\(chosen.stderr)")
        #expect(!chosen.stderr.contains("warning"))
        #expect(chosen.stdout.isEmpty, "nothing is sent")
        // An export leaves it out, saying so, unless it is the one chosen.
        let export = await specter("export", folder.path, "--format", "http")
        #expect(export.status == .success, "\(export.stderr)")
        #expect(export.stderr.contains("specter: warning: " + folder.path + "/environments/prod.yaml:2:1: "), "\(export.stderr)")
        #expect(export.stderr.contains("(it is left out of the export)"))
        let exportChosen = await specter("export", folder.path, "--format", "curl", "--env", "prod")
        #expect(exportChosen.status == .usage)
        #expect(exportChosen.stderr.hasPrefix("specter: " + folder.path + "/environments/prod.yaml:2:1: "), "\(exportChosen.stderr)")
        // A name not found is not blamed on the user alone when a file did not read.
        let unknown = await specter("replay", folder.path, "--env", "staging")
        #expect(unknown.status == .usage)
        #expect(unknown.stderr.hasSuffix("specter: no environment \"staging\" in the collection (it has: local; environments/prod.yaml did not read)\n"), "\(unknown.stderr)")
    }

    /// A request file that does not read stops the run that takes it in (the collection, its folder,
    /// the file itself, a --select matching its path); a run that leaves it out warns and goes on.
    @Test func aBrokenRequestFileStopsOnlyTheRunThatTakesItIn() async throws {
        let folder = try await Self.collection(["pets/9-broken.yaml": "name: broken\noperation: GET /pets\n  asserts: [\n"])
        let broken = folder.path + "/pets/9-broken.yaml:3:10: "
        for arguments in [[folder.path], [folder.path + "/pets"], [folder.path + "/pets/9-broken.yaml"], [folder.path, "--select", "pets/9-*"]] {
            let run = await specter(["replay"] + arguments)
            #expect(run.status == .usage, "\(arguments)")
            #expect(run.stderr.hasPrefix("specter: " + broken), "\(run.stderr)")
            #expect(!run.stderr.contains("warning"))
            #expect(run.stdout.isEmpty, "nothing is sent")
        }
        for arguments in [[folder.path, "--select", "pets/1-*"], [folder.path + "/pets/1-create.yaml"]] {
            let run = await specter(["replay"] + arguments)
            #expect(run.status == .success, "\(arguments): \(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("specter: warning: " + broken), "\(run.stderr)")
            #expect(run.stderr.contains("(not selected, so left out)"))
            #expect(run.stdout.hasSuffix("1 passed, 0 failed\n"), "\(run.stdout)")
        }
    }

    @Test func exitStatusSaysWhatWentWrong() async throws {
        let folder = try await Self.collection()
        let manifest = folder.appendingPathComponent("collection.yaml")
        let text = String(decoding: try Fixtures.bytes(manifest), as: UTF8.self)
        let closed = text.replacingOccurrences(of: #"server: http://127\.0\.0\.1:\d+"#, with: "server: http://127.0.0.1:9", options: .regularExpression)
        try Data(closed.utf8).write(to: manifest)
        let unreachable = await specter("replay", folder.appendingPathComponent("pets/1-create.yaml").path)
        #expect(unreachable.status == .transport, "\(unreachable.stdout)")
        #expect(unreachable.stdout.contains("the connection was refused"))

        let broken = "name: Broken\noperation: GET /pets\nasserts:\n  - status =! 200\n"
        try Data(broken.utf8).write(to: folder.appendingPathComponent("pets/9-broken.yaml"))
        let usage = await specter("replay", folder.path)
        #expect(usage.status == .usage)
        #expect(usage.stderr.contains("pets/9-broken.yaml: /asserts/0: expected an operator after status, found \"=!\""))
        let sameFile = await specter("replay", folder.path, "--report", "junit:" + folder.appendingPathComponent("r.xml").path, "--report", "tap:" + folder.appendingPathComponent("./r.xml").path)
        #expect(sameFile.status == .usage)
        #expect(sameFile.stderr.hasSuffix("r.xml: another report goes to the same file\n"), "\(sameFile.stderr)")
        let real = folder.appendingPathComponent("real.xml"), link = folder.appendingPathComponent("link.xml")
        try Data().write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let viaLink = await specter("replay", folder.path, "--report", "junit:" + link.path, "--report", "tap:" + real.path)
        #expect(viaLink.stderr.hasSuffix("real.xml: another report goes to the same file\n"), "two names of one file: \(viaLink.stderr)")
        let dangling = folder.appendingPathComponent("dangling.xml")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "later.xml")
        let viaDangling = await specter("replay", folder.path, "--report", "junit:" + dangling.path, "--report", "tap:" + folder.appendingPathComponent("later.xml").path)
        #expect(viaDangling.stderr.hasSuffix("later.xml: another report goes to the same file\n"), "a link to a file not there yet: \(viaDangling.stderr)")
        let toFolder = await specter("replay", folder.path, "--report", "junit:" + folder.appendingPathComponent("pets").path)
        #expect(toFolder.status == .usage)
        #expect(toFolder.stderr.hasSuffix("/pets: it is a folder\n"), "\(toFolder.stderr)")
        let badOption = await specter("replay", folder.path, "--jobs", "0")
        #expect(badOption.status == .usage)
        #expect(badOption.stderr.contains("--jobs takes a number from 1 to 256"))
    }
}

/// The parts of a JUnit report CI servers read, from its XML.
final class JUnitReading: NSObject, XMLParserDelegate {
    var suites = 0
    var testCases = 0
    var failures: [String] = []
    var rootAttributes: [String: String] = [:]
    /// The text inside each `failure` (or `error`) element.
    var failureTexts: [String] = []
    private var inFailure = false

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        #expect(parser.parse(), "the JUnit report is not well-formed XML")
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testsuites": rootAttributes = attributes
        case "testsuite": suites += 1
        case "testcase": testCases += 1
        case "failure":
            failures.append(attributes["message"] ?? "")
            failureTexts.append("")
            inFailure = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFailure { failureTexts[failureTexts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "failure" { inFailure = false }
    }
}
