import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SpecterHTTP

/// `requests [COUNT]`: COUNT sequential GETs to the local FastAPI test app through Specter's executor,
/// through Python `requests.Session`, and through one `curl` process (`curl -K` with a list of URLs),
/// all in the same run against the same server, with the per-request costs and their ratios.
enum RequestBenchmark {
    static let pythonScript = """
        import sys, time, requests
        base, count = sys.argv[1], int(sys.argv[2])
        session = requests.Session()
        for i in range(20):
            session.get(base + "/ping").content
        start = time.perf_counter()
        for i in range(count):
            session.get(base + "/ping?n=%d" % i).content
        print(time.perf_counter() - start)
        """

    @MainActor static func run(_ arguments: [String]) async {
        let count = arguments.first.flatMap(Int.init) ?? 1000
        let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
        guard let server = TestApp.start() else {
            print("cannot start the FastAPI test app: run `swift test` once (it creates .test-venv), or set SPECTER_TEST_VENV")
            exit(2)
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        print("server: FastAPI test app at \(base), \(count) sequential GET /ping per client and round (a plain-text route: "
            + "the clients' own costs show), \(rounds) rounds with the clients taking turns, medians")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("requests_bench.py")
        try? Data(pythonScript.utf8).write(to: script)
        let urls = (0..<count).map { URL(string: base + "/ping?n=\($0)")! }
        let config = directory.appendingPathComponent("urls.curl")
        try? Data(urls.map { "url = \"\($0.absoluteString)\"\noutput = \"/dev/null\"\n" }.joined().utf8).write(to: config)

        let client = URLSessionHTTPClient()
        let options = HTTPOptions()
        for _ in 0..<20 { _ = try? await client.send(HTTPRequest(url: URL(string: base + "/ping")!), options: options) }
        var ours: [Double] = [], bare: [Double] = [], python: [Double] = [], curl: [Double] = []
        var failures = 0
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            for url in urls {
                let response = try? await client.send(HTTPRequest(url: url), options: options)
                if response?.status != 200 { failures += 1 }
            }
            ours.append((ContinuousClock.now - start).milliseconds / Double(count))
            bare.append(await bareURLSession(urls))
            if let output = Timing.run("/usr/bin/env", ["python3", script.path, base, String(count)]),
               let seconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) {
                python.append(seconds * 1000 / Double(count))
            }
            let curlStart = ContinuousClock.now
            if Timing.run("/usr/bin/env", ["curl", "-s", "-K", config.path]) != nil {
                curl.append((ContinuousClock.now - curlStart).milliseconds / Double(count))
            }
        }
        func median(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.sorted()[values.count / 2] }
        let specter = median(ours) ?? 0
        print(String(format: "Specter (its own http transport)   %6.3f ms per request%@", specter, failures == 0 ? "" : "  (\(failures) failed)"))
        print(String(format: "URLSession alone (no Specter code) %6.3f ms per request", median(bare) ?? 0))
        if let value = median(python) { print(String(format: "Python requests.Session            %6.3f ms per request", value)) } else {
            print("Python requests.Session: not available (pip install requests)")
        }
        if let value = median(curl) { print(String(format: "one curl process (-K)              %6.3f ms per request", value)) } else { print("curl: not available") }
        guard let requests = median(python) else { return }
        print(String(format: "ratio Specter / requests.Session: %.2fx (goal ≤ 0.8x); per round: %@", specter / requests,
                     zip(ours, python).map { String(format: "%.2f", $0 / $1) }.joined(separator: " ")))
        if let floor = median(curl), requests > floor {
            // curl's figure is nearly all server time: what each client adds on top of it.
            print(String(format: "  above the server (minus curl's time): Specter %.3f ms, requests.Session %.3f ms, ratio %.2fx",
                         specter - floor, requests - floor, (specter - floor) / (requests - floor)))
        }
    }
}

extension RequestBenchmark {
    /// The same requests through a bare URLSession data task: the floor any URLSession-based client stands on.
    @MainActor static func bareURLSession(_ urls: [URL]) async -> Double {
        let session = URLSession(configuration: .ephemeral)
        func get(_ url: URL) async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                session.dataTask(with: url) { _, _, _ in continuation.resume() }.resume()
            }
        }
        for url in urls.prefix(20) { await get(url) }
        let start = ContinuousClock.now
        for url in urls { await get(url) }
        return (ContinuousClock.now - start).milliseconds / Double(urls.count)
    }
}

/// The FastAPI test app from `Tests/Servers`, run from the venv the tests create.
struct TestApp {
    let process: Process
    let stdin: Pipe
    let port: Int

    /// Starts one of the test servers (`fastapi`, `hostile` …) from `Tests/Servers`.
    static func start(_ app: String = "fastapi") -> TestApp? {
        let venv = ProcessInfo.processInfo.environment["SPECTER_TEST_VENV"] ?? ".test-venv"
        let python = URL(fileURLWithPath: venv).appendingPathComponent("bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return nil }
        let process = Process()
        process.executableURL = python
        process.arguments = ["Tests/Servers/serve.py", app]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        var line: [UInt8] = []
        while let byte = stdout.fileHandleForReading.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            return nil
        }
        return TestApp(process: process, stdin: stdin, port: port)
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
