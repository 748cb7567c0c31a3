import Foundation
import Testing
import TestSupport

/// The real `specter` binary in tmux: explore the FastAPI test app by URL, and leave the terminal
/// as it was found however the explorer ends.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ExplorerEndToEndTests {
    static let binary: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("specter").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : Fixtures.package(".build/debug/specter").path
    }()

    /// Runs specter in a shell that reports its exit status and the terminal's modes afterwards.
    static func launch(_ arguments: String) -> String {
        "cd '\(Fixtures.packageRoot.path)' && '\(binary)' \(arguments); echo \"EXIT=$?\"; stty -a | tr '\\n' ' '; echo; sleep 600"
    }

    static func expectRestored(_ tmux: Tmux, exit status: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let screen = try await tmux.waitFor("EXIT=\(status) and the modes after it", timeout: 30) { $0.contains("EXIT=\(status)") && $0.contains("speed ") }
        let state = try tmux.terminalState()
        #expect(!state.alternateScreen, "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(state.cursorVisible, "the cursor is hidden", sourceLocation: sourceLocation)
        let modes = screen.split(separator: "\n").first { $0.contains("speed") }.map(String.init) ?? ""
        for mode in [" icanon ", " echo ", " icrnl ", " isig ", " opost "] {
            #expect(modes.contains(mode), "terminal mode\(mode)not restored: \(modes)", sourceLocation: sourceLocation)
        }
    }

    /// Filters the FastAPI app's list to "create pet" and opens it.
    static func openCreatePet(_ tmux: Tmux) async throws {
        try await tmux.waitFor("Endpoints · ")
        try tmux.type("/")
        try tmux.type("create pet")
        try await tmux.waitFor("POST   /pets")
        try tmux.keys("Enter")
        try await tmux.waitFor("POST /pets — Create a pet")
    }

    @Test func exploreFillAndSendAgainstFastAPI() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let tmux = try Tmux(Self.launch(base.absoluteString), width: 120, height: 34)
        defer { tmux.kill() }
        try await Self.openCreatePet(tmux)
        try tmux.type("Rex")
        try tmux.keys("Tab")
        try tmux.type("300")
        try await tmux.waitFor("✗ must be at most 50")
        try tmux.keys("BSpace", "BSpace", "BSpace")
        try tmux.type("3")
        try await tmux.waitFor("✓ valid")
        try tmux.keys("F5")
        let response = try await tmux.waitFor("201 Created")
        #expect(response.contains("\"name\": \"Rex\""))
        #expect(response.contains("✓ matches the schema of 201 (application/json)"))
        try tmux.keys("F1")
        try await tmux.waitFor("Keys · Request form")
        try tmux.keys("Escape")
        try await tmux.waitFor("help closed") { !$0.contains("Keys · ") }
        try tmux.resize(width: 80, height: 24)
        try await tmux.waitFor("the stacked 80×24 layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 24 && lines.dropFirst(10).contains { $0.hasPrefix("┌ Response") } && lines.allSatisfy { $0.count <= 80 }
        }
        try tmux.keys("Escape")
        try await tmux.waitFor(" BROWSE ")
        try tmux.type("q")
        try await Self.expectRestored(tmux, exit: 0)
    }

    @Test func ctrlEEditsTheBodyInTheUsersEditor() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let edited = Fixtures.package("Tests/EndToEndTests/Fixtures/edited-pet.json").path
        let tmux = try Tmux(Self.launch(base.absoluteString).replacingOccurrences(of: "&& '", with: "&& EDITOR='cp \(edited)' '"), width: 120, height: 34)
        defer { tmux.kill() }
        try await Self.openCreatePet(tmux)
        try tmux.keys("C-e")
        let screen = try await tmux.waitFor("Body read back from the editor")
        #expect(screen.contains("FromTheEditor"))
        #expect(try tmux.terminalState().alternateScreen, "the explorer took the screen back")
        try tmux.keys("C-c")
        try await tmux.waitFor("Quit Specter?")
        try tmux.type("q")
        try await Self.expectRestored(tmux, exit: 0)
    }

    /// The trial that found it: items one, two, three; remove the first; the form and the JSON sent
    /// both say two, three.
    @Test func removingAListItemShowsWhatIsSent() async throws {
        let base = try await TestServers.shared.url(for: .fastapi)
        let tmux = try Tmux(Self.launch(base.absoluteString), width: 120, height: 34)
        defer { tmux.kill() }
        try await Self.openCreatePet(tmux)
        try tmux.keys("Down", "Down", "Down")
        try await tmux.waitFor("the tags row") { $0.contains("tags") && $0.contains("0 items") }
        // + on the list row adds an item and selects it (on an item's text, + is text).
        for (position, item) in ["one", "two", "three"].enumerated() {
            try tmux.type("+")
            try await tmux.waitFor("item [\(position)]") { $0.contains("[\(position)]") }
            try tmux.type(item)
            try await tmux.waitFor(item)
            for _ in 0..<(position < 2 ? position + 1 : 0) { try tmux.keys("Up") }
        }
        try tmux.keys("Up", "Up", "C-x")
        let form = try await tmux.waitFor("the first item removed") { $0.contains("2 items") }
        let items = form.split(separator: "\n").filter { $0.contains("    [") && $0.contains("string") }
        #expect(items.count == 2 && items[0].contains("two") && items[1].contains("three"), "the form shows:\n\(form)")
        try tmux.keys("C-t")
        let raw = try await tmux.waitFor("the raw JSON") { $0.contains("\"tags\"") }
        let compact = raw.replacingOccurrences(of: " ", with: "")
        #expect(compact.contains("\"two\"") && compact.contains("\"three\"") && !compact.contains("\"one\""), "\(raw)")
        try tmux.keys("C-c")
        try await tmux.waitFor("Quit Specter?")
        try tmux.type("q")
        try await Self.expectRestored(tmux, exit: 0)
    }

    /// `kill -9` mid-edit loses nothing: the next start offers the input back.
    @Test func unsentInputSurvivesKillDashNine() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("specter-e2e-state-\(getpid())")
        defer { try? FileManager.default.removeItem(at: state) }
        let launch = Self.launch("sample-specs/fastapi-pets.json").replacingOccurrences(of: "&& '", with: "&& XDG_STATE_HOME='\(state.path)' '")
        let drafts = state.appendingPathComponent("specter/drafts")
        do {
            let tmux = try Tmux(launch, width: 120, height: 34, name: "recovery-killed")
            defer { tmux.kill() }
            try await Self.openCreatePet(tmux)
            try tmux.type("Survivor")
            try await tmux.waitFor("Survivor")
            // Written within a few seconds of the edit.
            let deadline = ContinuousClock.now + .seconds(10)
            var files: [String] = []
            while files.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                // Not a temporary file on its way to replace the draft (dot files).
                files = ((try? FileManager.default.contentsOfDirectory(atPath: drafts.path)) ?? []).filter { !$0.hasPrefix(".") }
            }
            let file = try #require(files.first.map { drafts.appendingPathComponent($0) }, "no draft was written")
            #expect(try String(contentsOf: file, encoding: .utf8).contains("Survivor"))
            #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
            let pid = try #require(try tmux.childPID())
            kill(pid, SIGKILL)
            try await tmux.waitFor("EXIT=137")
        }
        let tmux = try Tmux(launch, width: 120, height: 34, name: "recovery-restarted")
        defer { tmux.kill() }
        try await tmux.waitFor("Unsent input found")
        try tmux.keys("Enter")
        // The whole frame, not one caught while it is being written (a loaded machine shows that).
        let restored = try await tmux.waitFor("the restored input and its message") {
            $0.contains("POST /pets — Create a pet") && $0.contains("Survivor") && $0.contains("Restored the unsent input")
        }
        #expect(restored.contains("Restored the unsent input of 1 operation"))
        try tmux.keys("C-c")
        try await tmux.waitFor("Quit Specter?")
        try tmux.type("q")
        try await Self.expectRestored(tmux, exit: 0)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: drafts.path)) ?? []).isEmpty, "quitting lets the input go")
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() async throws {
        let tmux = try Tmux(Self.launch(""))
        defer { tmux.kill() }
        try await tmux.waitFor("Demo: the Swagger Petstore")
        #expect(try tmux.terminalState().alternateScreen)
        try tmux.keys("C-c")
        try await Self.expectRestored(tmux, exit: 0)
    }

    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130)])
    func terminationSignalsRestoreTheTerminal(signal: Int32, status: Int) async throws {
        let tmux = try Tmux(Self.launch("sample-specs/petstore.yaml"), name: "signal\(signal)")
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · 19")
        let pid = try #require(try tmux.childPID())
        kill(pid, signal)
        try await Self.expectRestored(tmux, exit: status)
    }

    @Test func aCrashRestoresTheTerminalBeforeTheReport() async throws {
        let tmux = try Tmux(Self.launch("sample-specs/petstore.yaml"))
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · 19")
        let pid = try #require(try tmux.childPID())
        kill(pid, SIGSEGV)
        try await Self.expectRestored(tmux, exit: 139)
    }

    @Test func killedWhileDrawingLeavesAUsableTerminal() async throws {
        let tmux = try Tmux(Self.launch("sample-specs/petstore.yaml"))
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · 19")
        let pid = try #require(try tmux.childPID())
        for _ in 0..<10 { try tmux.type(String(repeating: "jk", count: 40)) }
        kill(pid, SIGTERM)
        try await Self.expectRestored(tmux, exit: 143)
    }

    @Test func ctrlZSuspendsAndFgResumes() async throws {
        let tmux = try Tmux("cd '\(Fixtures.packageRoot.path)' && PS1='shell> ' exec bash --norc --noprofile -i")
        defer { tmux.kill() }
        try await tmux.waitFor("shell>")
        try tmux.type("'\(Self.binary)' sample-specs/petstore.yaml")
        try tmux.keys("Enter")
        try await tmux.waitFor("Endpoints · 19")
        try tmux.keys("C-z")
        try await tmux.waitFor("Stopped")
        #expect(try !tmux.terminalState().alternateScreen)
        try tmux.type("fg")
        try tmux.keys("Enter")
        try await tmux.waitFor("Endpoints · 19")
        #expect(try tmux.terminalState().alternateScreen)
        try tmux.keys("C-c")
        try await tmux.waitFor("shell back") { $0.split(separator: "\n").last { !$0.isEmpty }?.hasPrefix("shell>") ?? false }
        #expect(try !tmux.terminalState().alternateScreen)
    }

    @Test func noTerminalIsAClearErrorWithStatusTwo() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["sample-specs/petstore.yaml"]
        process.currentDirectoryURL = Fixtures.packageRoot
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.hasPrefix("specter: the explorer needs a terminal"))
    }
}
