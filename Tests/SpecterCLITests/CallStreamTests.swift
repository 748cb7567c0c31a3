import Foundation
import Testing
import SpecterCLI
import SpecterJSON
import TestSupport

/// `specter call` on streaming endpoints of the real FastAPI streaming app: events printed as they
/// arrive, checked against the itemSchema FastAPI (or the description) gives, and the ways a stream ends.
@Suite(.serialized) struct CallStreamTests {
    static func server() async throws -> String {
        try await TestServers.shared.url(for: .streams).absoluteString
    }

    static func call(_ operation: String, _ extra: String...) async throws -> CLIRun {
        let base = try await server()
        return await specter(["call", base + "/openapi.json", operation, "--server", base] + extra)
    }

    @Test func serverSentEventsPrintOneLineEachWithTheirCheck() async throws {
        let run = try await Self.call("sse_sse_get")
        #expect(run.status == .success, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("+") }
        #expect(lines.count == 5)
        #expect(lines.first?.hasSuffix("#0 greeting id=1 retry=1500  hello⏎world") == true)
        #expect(lines.contains { $0.hasSuffix("#2 tick id=2  {\"n\":2,\"word\":\"two\"}") }, "CRLF lines and data joined across lines")
        #expect(run.stdout.contains("#3 surprise id=2  not in the enum\n    ✗ event: must be one of: greeting, tick, farewell"))
        #expect(run.stderr == "specter: stream closed by server · 5 events, 1 invalid (checked against the itemSchema of 200 text/event-stream)\n")
    }

    @Test func jsonLinesAsOneRecordPerLine() async throws {
        let run = try await Self.call("jsonl_jsonl_get", "--format", "json")
        #expect(run.status == .success, "\(run.stderr)")
        let records = try run.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(records.count == 7, "the head, five items, the end")
        #expect(records.first?["response"]?["mediaType"] == "application/jsonl")
        let items = records.dropFirst().dropLast()
        #expect(items.map { $0["line"] } == [1, 3, 4, 5, 6])
        #expect(items.map { $0["valid"] } == [true, true, false, false, true])
        #expect(items.dropFirst(2).first?["problem"]?.stringValue?.hasPrefix("not JSON") == true)
        #expect(items.dropFirst(3).first?["mismatches"]?[0]?["path"] == "n")
        #expect(records.last == ["end": ["state": "closedByServer", "events": 5, "invalid": 2]])
    }

    @Test func theFirstEventIsPrintedBeforeTheStreamEnds() async throws {
        let base = try await Self.server()
        let out = BufferSink(), err = BufferSink()
        let environment = CLIEnvironment(stdout: out, stderr: err, workingDirectory: Fixtures.packageRoot)
        let start = ContinuousClock.now
        let running = Task {
            await Specter.run(["call", base + "/openapi.json", "trickle_trickle_get", "--server", base, "-p", "count=4", "-p", "interval=0.4"],
                              environment: environment)
        }
        var firstSeen: Duration?
        while firstSeen == nil, ContinuousClock.now - start < .seconds(10) {
            if out.text.contains("#0 tick id=0") { firstSeen = ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(10))
        }
        let status = await running.value
        let ended = ContinuousClock.now - start
        #expect(status == .success)
        let seen = try #require(firstSeen)
        #expect(ended >= .milliseconds(1_200), "four ticks 0.4 s apart")
        // Before the end; by how much depends on when the test's own task runs (blocking tests can
        // hold the cooperative threads for seconds under the full suite).
        #expect(seen < ended, "the first tick showed at \(seen), the stream ended at \(ended)")
        #expect(out.text.contains("#3 tick id=3  {\"n\":3,\"word\":\"tick 3\"}"))
        #expect(err.text.contains("closed by server · 4 events, 0 invalid (checked against the itemSchema of 200 text/event-stream)"))
    }

    @Test func timeoutStopsAnEndlessStreamWithSuccess() async throws {
        let start = ContinuousClock.now
        let run = try await Self.call("endless_endless_get", "--timeout", "1", "--format", "json")
        let took = ContinuousClock.now - start
        #expect(run.status == .success)
        #expect(took < .seconds(4))
        #expect(run.stderr.hasPrefix("specter: stream timed out · "))
        let last = try JSONParser.parse(String(run.stdout.split(separator: "\n").last ?? ""))
        #expect(last["end"]?["state"] == "timedOut")
        #expect((last["end"]?["events"]?.intValue ?? 0) > 100)
    }

    @Test func aServerClosingInsideAnEventIsReported() async throws {
        let clean = try await Self.call("cut_cut_get")
        #expect(clean.status == .success)
        #expect(clean.stdout.contains("#1 ✗ the stream ended inside an item (19 bytes dropped)  data: half of an ev"))
        #expect(clean.stderr.contains("stream closed by server · 2 events, 1 invalid"))
        let aborted = try await Self.call("cut_cut_get", "-p", "abort=true", "--check-status")
        #expect(aborted.status == .failure, "--check-status: a failed stream")
        #expect(aborted.stdout.contains("#1 ✗ the stream ended inside an item"))
        #expect(aborted.stderr.contains("stream failed: The connection to 127.0.0.1:"))
    }

    @Test func jsonSequenceRecordsAndATruncatedOne() async throws {
        let run = try await Self.call("json_seq_json_seq_get")
        #expect(run.stdout.contains("#0  {\"n\":0,\"word\":\"zero\"}"))
        #expect(run.stdout.contains("#1  {\"n\":1,\"word\":\"one\"}"))
        #expect(run.stdout.contains("#2 ✗ line 3: the stream ended inside an item (2 bytes dropped)  42"))
    }
}
