import Foundation

/// The real HTTP servers tests talk to: the FastAPI and Flask apps in `Tests/Servers`, run from a
/// Python venv the tests create on first use (`.test-venv/`, or `$SPECTER_TEST_VENV`).
///
/// Each app starts once per test process on a free port of 127.0.0.1. A server reads its stdin and
/// exits when it closes, so it ends with the test process however that ends.
public actor TestServers {
    public enum App: String, Sendable {
        case fastapi, flask
        /// The FastAPI app's pet routes in a later version (`fastapi_pets_v2.py`), for collection drift.
        case fastapiV2 = "fastapi-v2"
        /// The FastAPI app again in a process of its own, for tests that change its pets while other suites read them.
        case fastapiIsolated = "fastapi-isolated"
        /// Event streams: Server-Sent Events, JSON Lines, json-seq (`fastapi_streams.py`).
        case streams = "fastapi-streams"
        /// HTTPS with an untrusted self-signed certificate.
        case tls
        /// Answers with a truncated body and closes the connection.
        case reset
        /// Huge and bomb bodies, drips, cut connections, odd redirects and bytes (`Tests/Servers/hostile.py`).
        case hostile
        /// An OAuth2 authorization server (authorization code with PKCE, device grant, refresh) and an API needing its tokens (`Tests/Servers/oauth_server.py`).
        case oauth
    }

    public struct SetupError: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    public static let shared = TestServers()

    private var venv: Task<URL, Error>?
    private var servers: [App: Task<Server, Error>] = [:]

    /// A started app: its process ends when its stdin (held here) closes.
    private struct Server: @unchecked Sendable {
        var url: URL
        var process: Process
        var stdin: Pipe
    }

    /// The base URL of a running app (`http://127.0.0.1:PORT`). Tests asking at once share one start.
    public func url(for app: App) async throws -> URL {
        if let server = servers[app] { return try await server.value.url }
        // Stored before any wait: a second test asking meanwhile shares this start.
        let starting = Task {
            let python = try await self.python()
            let log = try Self.venvDirectory().appendingPathComponent("\(app.rawValue).log")
            return try await offPool { try Self.launch(app, python: python, log: log) }
        }
        servers[app] = starting
        return try await starting.value.url
    }

    /// The venv's Python (made on first use), for tests that run a server of their own (`uvicorn --reload`).
    public func python() async throws -> URL {
        if let venv { return try await venv.value }
        let making = Task { try await offPool { try Self.pythonInVenv() } }
        venv = making
        return try await making.value
    }

    /// Starts the app and waits for the line that gives its port (blocking: called off the pool).
    private static func launch(_ app: App, python: URL, log: URL) throws -> Server {
        let process = Process()
        process.executableURL = python
        process.arguments = [Fixtures.package("Tests/Servers/serve.py").path, app.rawValue]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        guard let line = readLine(stdout.fileHandleForReading), line.hasPrefix("READY "), let port = Int(line.dropFirst(6)),
              let url = URL(string: "http://127.0.0.1:\(port)") else {
            process.terminate()
            let detail = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw SetupError(description: "the \(app.rawValue) test server did not start:\n\(detail)")
        }
        return Server(url: url, process: process, stdin: stdin)
    }

    private static func venvDirectory() throws -> URL {
        if let configured = ProcessInfo.processInfo.environment["SPECTER_TEST_VENV"] { return URL(fileURLWithPath: configured) }
        return Fixtures.package(".test-venv")
    }

    /// Creates the venv and installs the pinned requirements once; later runs reuse it.
    private static func pythonInVenv() throws -> URL {
        let directory = try venvDirectory()
        let python = directory.appendingPathComponent("bin/python")
        let requirements = try String(contentsOf: Fixtures.package("Tests/Servers/requirements.txt"), encoding: .utf8)
        let stamp = directory.appendingPathComponent("requirements.installed")
        if (try? String(contentsOf: stamp, encoding: .utf8)) != requirements {
            if !FileManager.default.fileExists(atPath: python.path) {
                try run("/usr/bin/env", ["python3", "-m", "venv", directory.path])
            }
            try run(directory.appendingPathComponent("bin/pip").path, [
                "install", "--quiet", "--disable-pip-version-check", "-r", Fixtures.package("Tests/Servers/requirements.txt").path,
            ])
            try requirements.write(to: stamp, atomically: true, encoding: .utf8)
        }
        return python
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SetupError(description: "\(executable) \(arguments.joined(separator: " ")) failed:\n\(text)")
        }
    }

    private static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1)
            guard let byte = chunk.first else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
