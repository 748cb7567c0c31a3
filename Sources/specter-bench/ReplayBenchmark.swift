import Foundation
import SpecterHTTP

/// `replay [COUNT] [ROUNDS]`: a collection of COUNT saved requests (`GET /pets/1`, two assertions
/// each, every response checked against the description) replayed by `specter replay` against the
/// local FastAPI test app, beside the same COUNT requests sent by Python `requests.Session` in one
/// loop, by Tavern (checking the same things, as COUNT tests of one stage — what a collection is:
/// each request its own test case, a failure stopping nothing — and as one test of COUNT stages, its
/// fastest form) and by one `curl` process, and the floor under all of them (the server's own time one request at a time, `wrk -c 1`); then
/// `--jobs 8` against the app under two workers beside `wrk` at the same concurrency. Every client
/// runs as its own process; wall times include starting it, medians over the rounds.
enum ReplayBenchmark {
    static let requestsScript = """
        import sys, requests
        base, count = sys.argv[1], int(sys.argv[2])
        session = requests.Session()
        for i in range(count):
            session.get(base + "/pets/1").content
        """

    @MainActor static func run(_ arguments: [String]) async {
        let count = arguments.first.flatMap(Int.init) ?? 1000
        let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 3 : 3
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let specter = beside.appendingPathComponent("specter").path
        guard FileManager.default.isExecutableFile(atPath: specter) else {
            print("build the command too: swift build -c release --product specter")
            exit(2)
        }
        let venv = ProcessInfo.processInfo.environment["SPECTER_BENCH_VENV"] ?? ".bench-venv"
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/tavern-ci") else {
            print("needs a venv with the baselines: python3 -m venv .bench-venv && .bench-venv/bin/pip install tavern==3.7.1 'pytest<8.4' requests "
                + "(or set SPECTER_BENCH_VENV); and wrk (apt-get install wrk)")
            exit(2)
        }
        guard let server = TestApp.start() else {
            print("cannot start the FastAPI test app: run `swift test` once (it creates .test-venv), or set SPECTER_TEST_VENV")
            exit(2)
        }
        let base = "http://127.0.0.1:\(server.port)"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-replay-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("collection")
        writeCollection(in: folder, base: base, count: count)
        let script = work.appendingPathComponent("requests_bench.py")
        try? Data(requestsScript.utf8).write(to: script)
        let tavernTests = work.appendingPathComponent("test_requests.tavern.yaml")
        try? Data(tavernSuite(base: base, count: count, testPerRequest: true).utf8).write(to: tavernTests)
        let tavernStages = work.appendingPathComponent("test_stages.tavern.yaml")
        try? Data(tavernSuite(base: base, count: count, testPerRequest: false).utf8).write(to: tavernStages)
        let curlConfig = work.appendingPathComponent("urls.curl")
        try? Data(String(repeating: "url = \"\(base)/pets/1\"\noutput = \"/dev/null\"\n", count: count).utf8).write(to: curlConfig)
        print("server: FastAPI test app at \(base); \(count) sequential GET /pets/1 per client and round, \(rounds) rounds, medians of whole-process wall times")

        var ours: [Double] = [], python: [Double] = [], tavernTestTimes: [Double] = [], tavernStageTimes: [Double] = [], curl: [Double] = []
        func tavern(_ file: URL, into times: inout [Double]) {
            if let run = ChildRun.run(venv + "/bin/tavern-ci", [file.path, "-q", "-p", "no:cacheprovider"]), run.status == 0 { times.append(run.seconds) } else {
                print("tavern-ci failed on \(file.lastPathComponent)")
            }
        }
        for _ in 0..<rounds {
            if let run = ChildRun.run(specter, ["replay", folder.appendingPathComponent("pets").path]), run.status == 0 { ours.append(run.seconds) } else {
                print("specter replay failed: " + (ChildRun.run(specter, ["replay", folder.path])?.output.suffix(400) ?? ""))
            }
            if let run = ChildRun.run(venv + "/bin/python", [script.path, base, String(count)]), run.status == 0 { python.append(run.seconds) }
            tavern(tavernTests, into: &tavernTestTimes)
            tavern(tavernStages, into: &tavernStageTimes)
            if let run = ChildRun.run("/usr/bin/env", ["curl", "-s", "-K", curlConfig.path]), run.status == 0 { curl.append(run.seconds) }
        }
        // The floor any sequential client meets: the server's own time, one request at a time, with a client that does nothing else.
        let floorRate = Timing.run("/usr/bin/env", ["wrk", "-t", "1", "-c", "1", "-d", "3s"] + sameHeaders + [base + "/pets/1"])?
            .firstMatch(of: /Requests\/sec:\s+([0-9.]+)/).flatMap { Double($0.1) }
        server.stop()
        func median(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.sorted()[values.count / 2] }
        let specterSeconds = median(ours), requestsSeconds = median(python)
        let tavernSeconds = median(tavernTestTimes), tavernStagesSeconds = median(tavernStageTimes)
        for (label, seconds) in [("specter replay (checks on)", specterSeconds), ("Python requests.Session loop", requestsSeconds),
                                 ("Tavern, a test per request", tavernSeconds), ("Tavern, one test of all stages", tavernStagesSeconds),
                                 ("one curl process (-K)", median(curl))] {
            print(label.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%7.3f s  %6.2f ms per request", seconds, seconds * 1000 / Double(count)))
        }
        print(String(format: "specter / requests.Session: %.2fx (goal ≤ 0.9x); Tavern / specter: %.1fx (goal ≥ 10x), its one-test form %.1fx",
                     specterSeconds / requestsSeconds, tavernSeconds / specterSeconds, tavernStagesSeconds / specterSeconds))
        if let floorRate {
            print(String(format: "the server alone, one request at a time (wrk -c 1): %.3f s for %d; Tavern / 10 would be %.3f s (its one-test form %.3f s)",
                         Double(count) / floorRate, count, tavernSeconds / 10, tavernStagesSeconds / 10))
        }
        throughput(specter: specter, folder: folder, count: count, pairs: max(7 * rounds, 21))
    }

    /// `--jobs 8` against the app under two workers, beside `wrk -c 8` on the same endpoint, in pairs
    /// of about a second each, one right after the other (which goes first alternates), so the two of
    /// a pair meet the machine in the same state: a shared 2-core machine drifts by ±20% over a minute.
    /// The replay is of 3 × COUNT requests, which lasts about as long as wrk's second. Pairs vary
    /// by ±20% with how each client's connections happen to split over the workers: 21 of them
    /// (seven per round asked for) give a median that moves by a few points from run to run, 9 by ten.
    @MainActor static func throughput(specter: String, folder: URL, count: Int, pairs wanted: Int) {
        guard let server = TestApp.start("fastapi-workers") else {
            print("cannot start the FastAPI app under two workers")
            return
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let requests = 3 * count
        writeCollection(in: folder, base: base, count: requests)
        let report = folder.deletingLastPathComponent().appendingPathComponent("report.json").path
        // The replay's own rate (its summary's time, not the process start): wrk measures a steady state too.
        func replayRate() -> Double? {
            guard let run = ChildRun.run(specter, ["replay", folder.appendingPathComponent("pets").path, "--jobs", "8", "--report", "json:" + report]) else { return nil }
            guard run.status == 0, let data = FileManager.default.contents(atPath: report), let text = String(data: data, encoding: .utf8),
                  let milliseconds = text.firstMatch(of: /"timeMs": ([0-9.]+)\n/).flatMap({ Double($0.1) }) else {
                print("a round left out: specter replay --jobs 8 exited \(run.status): " + run.output.suffix(300))
                return nil
            }
            return Double(requests) / (milliseconds / 1000)
        }
        func wrkRate() -> Double? {
            let output = Timing.run("/usr/bin/env", ["wrk", "-t", "2", "-c", "8", "-d", "1s"] + sameHeaders + [base + "/pets/1"])
            guard let rate = output?.firstMatch(of: /Requests\/sec:\s+([0-9.]+)/).flatMap({ Double($0.1) }) else {
                print("a round left out: wrk did not run (is it installed? apt-get install wrk)")
                return nil
            }
            return rate
        }
        var pairs: [(ours: Double, wrk: Double)] = []
        for round in 0..<wanted {
            let ours: Double?, wrk: Double?
            if round.isMultiple(of: 2) {
                ours = replayRate()
                wrk = wrkRate()
            } else {
                wrk = wrkRate()
                ours = replayRate()
            }
            if let ours, let wrk { pairs.append((ours, wrk)) }
        }
        guard !pairs.isEmpty else {
            print("--jobs 8 vs wrk: not measured")
            return
        }
        // Each client's 8 connections are spread over the two workers by a hash of their ports
        // (SO_REUSEPORT): an uneven split leaves one worker idle part of the time, for wrk as for
        // Specter, by chance, round by round. The median of the pairs' ratios is the figure; the best
        // rounds (each client at the server's capacity) are compared beside it.
        func listed(_ rates: [Double]) -> String { rates.map { String(format: "%.0f", $0) }.joined(separator: ", ") }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count.isMultiple(of: 2) ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
        }
        let ours = pairs.map(\.ours), wrk = pairs.map(\.wrk), ratios = pairs.map { $0.ours / $0.wrk * 100 }
        print(String(format: "two workers, 8 at once, %d pairs of rounds: specter replay --jobs 8 %@ requests/s; wrk -c 8 %@ requests/s", pairs.count, listed(ours), listed(wrk)))
        print(String(format: "specter / wrk, median of the pairs: %.0f%% (goal ≥ 70%%; pairs %.0f–%.0f%%); median rate against median rate %.0f%%; best round against best round %.0f%%",
                     median(ratios), ratios.min() ?? 0, ratios.max() ?? 0, median(ours) / median(wrk) * 100, (ours.max() ?? 0) / (wrk.max() ?? 1) * 100))
    }

    /// wrk's options for the request Specter sends, header for header: the app compresses
    /// (GZipMiddleware) only for a client that accepts gzip, and deciding not to for a small body
    /// costs it time too.
    static let sameHeaders = ["-H", "Accept: application/json", "-H", "Accept-Encoding: gzip, deflate", "-H", "User-Agent: " + SpecterVersion.userAgent]

    /// `collection.yaml` and COUNT saved requests under `pets/`, each asserting the status and a field.
    static func writeCollection(in folder: URL, base: String, count: Int) {
        let pets = folder.appendingPathComponent("pets")
        try? FileManager.default.createDirectory(at: pets, withIntermediateDirectories: true)
        try? Data("spec: \(base)/openapi.json\nserver: \(base)\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        for index in 0..<count {
            let text = "name: Get Rex \(index)\noperation: GET /pets/{pet_id}\nparameters:\n  path:\n    pet_id: 1\nasserts:\n  - status == 200\n  - $.name == Rex\n"
            try? Data(text.utf8).write(to: pets.appendingPathComponent(String(format: "r%05d.yaml", index)))
        }
    }

    /// The same COUNT requests and checks for Tavern: a test each (YAML documents in one file), or one test of COUNT stages.
    static func tavernSuite(base: String, count: Int, testPerRequest: Bool) -> String {
        func stage(_ index: Int) -> String {
            "  - name: get \(index)\n    request:\n      url: \(base)/pets/1\n      method: GET\n    response:\n      status_code: 200\n      json:\n"
                + "        {name: Rex, age: 3, status: available, tags: [dog], id: 1}\n"
        }
        guard testPerRequest else { return "test_name: bench\nstages:\n" + (0..<count).map(stage).joined() }
        return (0..<count).map { "test_name: get \($0)\nstages:\n" + stage($0) }.joined(separator: "---\n")
    }
}
