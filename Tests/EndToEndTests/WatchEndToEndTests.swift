import Foundation
import Testing
import TestSupport

/// `specter --watch` in tmux: a description file edited in place (a change, a syntax error mid-edit,
/// the fix), and a FastAPI app under `uvicorn --reload` whose source the test rewrites.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct WatchEndToEndTests {
    static func launch(_ arguments: String) -> String {
        "cd '\(Fixtures.packageRoot.path)' && '\(ExplorerEndToEndTests.binary)' \(arguments); echo \"EXIT=$?\"; sleep 600"
    }

    /// Replaces a file as editors do: a new file renamed over the old one.
    static func save(_ text: String, to file: URL) async throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).swp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        _ = rename(temporary.path, file.path)
    }

    static func description(version: Int) -> String {
        """
        openapi: 3.1.0
        info: {title: Watched, version: '\(version)'}
        servers: [{url: 'http://127.0.0.1:9'}]
        paths:
          /items:
            get:
              operationId: listItems
              parameters:
                - {name: limit, in: query, required: \(version > 1), schema: {type: integer}}
              responses: {'200': {description: ok}}
        \(version > 1 ? "  /items/{id}:\n    delete:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: gone}}" : "")
        """
    }

    @Test func aFileEditedInPlaceReloadsAndABrokenVersionShowsWhere() async throws {
        let folder = try Fixtures.temporaryFolder("watch-file")
        let file = folder.appendingPathComponent("openapi.yaml")
        try await Self.save(Self.description(version: 1), to: file)
        let tmux = try Tmux(Self.launch("--watch '\(file.path)'"), width: 120, height: 34)
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · ")
        try tmux.keys("Enter")
        try await tmux.waitFor("GET /items")
        try tmux.type("25")
        try await tmux.waitFor("integer  25")

        try await Self.save(Self.description(version: 2), to: file)
        var screen = try await tmux.waitFor("+ DELETE /items/{id}")
        #expect(screen.contains("~ GET /items: query limit now required"))
        #expect(screen.contains("Watched 2"))
        #expect(screen.contains("limit*"), "the form is the new version's")
        #expect(screen.contains("integer  25"), "the typed value stays")

        try await Self.save(Self.description(version: 2) + "\n  broken: [unclosed\n", to: file)
        screen = try await tmux.waitFor("Could not reload")
        #expect(screen.contains("openapi.yaml:"), "the error names the file and place")
        #expect(screen.contains("Watched 2"), "the last good version stays")
        #expect(screen.contains("integer  25"))

        try await Self.save(Self.description(version: 1), to: file)
        screen = try await tmux.waitFor("− DELETE /items/{id}")
        #expect(!screen.contains("Could not reload"))
        #expect(screen.contains("integer  25"))
        // Input was not sent: quitting asks first, and a second Ctrl-C says yes.
        try tmux.keys("C-c")
        try tmux.keys("C-c")
        try await tmux.waitFor("EXIT=0")
    }

    static func app(required: Bool, deleteRoute: Bool, broken: Bool = false) -> String {
        var source = """
        from fastapi import FastAPI
        from pydantic import BaseModel

        app = FastAPI(title="Reloading", version="1")


        class Item(BaseModel):
            name: str
        \(required ? "    priority: int\n" : "")

        @app.post("/items", status_code=201)
        def create_item(item: Item) -> Item:
            return item

        """
        if deleteRoute { source += "\n@app.delete(\"/items/{item_id}\", status_code=204)\ndef delete_item(item_id: int) -> None:\n    return None\n" }
        if broken { source += "\ndef broken(:\n" }
        return source
    }

    @Test func aFastAPIAppUnderUvicornReloadIsFollowed() async throws {
        let folder = try Fixtures.temporaryFolder("watch-uvicorn")
        let source = folder.appendingPathComponent("watched_app.py")
        try Self.app(required: false, deleteRoute: false).write(to: source, atomically: true, encoding: .utf8)
        let port = try await Self.freePort()
        let server = Process()
        server.executableURL = try await TestServers.shared.python()
        server.arguments = ["-m", "uvicorn", "watched_app:app", "--reload", "--reload-dir", folder.path, "--app-dir", folder.path,
                            "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"]
        let log = folder.appendingPathComponent("uvicorn.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        server.standardOutput = try FileHandle(forWritingTo: log)
        server.standardError = try FileHandle(forWritingTo: log)
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let tmux = try Tmux(Self.launch("--watch --watch-interval 0.3 http://127.0.0.1:\(port)"), width: 120, height: 34)
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · ", timeout: 30)
        try tmux.type("/")
        try tmux.type("create item")
        try tmux.keys("Enter")
        try await tmux.waitFor("POST /items")
        try tmux.type("Widget")
        try await tmux.waitFor("Widget")

        try Self.app(required: false, deleteRoute: true).write(to: source, atomically: true, encoding: .utf8)
        try await tmux.waitFor("+ DELETE /items/{item_id}", timeout: 30)

        try Self.app(required: true, deleteRoute: true).write(to: source, atomically: true, encoding: .utf8)
        var screen = try await tmux.waitFor("body field priority added (required)", timeout: 30)
        #expect(screen.contains("Widget"), "the typed name stays")
        #expect(screen.contains("priority*"))

        try Self.app(required: true, deleteRoute: true, broken: true).write(to: source, atomically: true, encoding: .utf8)
        screen = try await tmux.waitFor("the server stops answering", timeout: 30) { $0.contains("watching: no answer") }
        #expect(screen.contains("Widget"), "the last good version stays on screen")

        try Self.app(required: false, deleteRoute: true).write(to: source, atomically: true, encoding: .utf8)
        _ = try await tmux.waitFor("the reload after the fix", timeout: 40) { $0.contains("body field priority") && $0.contains("removed") }
        // uvicorn may restart twice for one save (the file written, then moved into place), and under
        // load a restart takes seconds: the server can be away for a while after the reload shows.
        screen = try await tmux.waitFor("the server answering again", timeout: 40) { !$0.contains("no answer") }
        #expect(screen.contains("Widget"))
    }

    /// A port no one listens on now (the kernel's choice, released at once).
    static func freePort() async throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw TestServers.SetupError(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
