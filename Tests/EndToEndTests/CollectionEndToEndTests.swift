import Foundation
import Testing
import TestSupport

/// A collection in the real explorer, in tmux, against the FastAPI app: save a request whose token
/// was typed in, quit, start again, find it and its history, send it again, rename it, delete it —
/// and the token's bytes are in no file under the collection or the state folder.
@Suite(.serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct CollectionEndToEndTests {
    @Test func saveReopenRenameAndDeleteWithTheSecretKeptOut() async throws {
        let server = try await TestServers.shared.url(for: .fastapi).absoluteString
        let scratch = try Fixtures.temporaryFolder("e2e-collection")
        let collection = scratch.appendingPathComponent("pets-requests"), state = scratch.appendingPathComponent("state"), config = scratch.appendingPathComponent("config")
        let environment = ["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": config.path]
        let made = try await SpecterBinary.run(["collection", "new", collection.path, "--spec", server, "--server", server], environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        let launch = ExplorerEndToEndTests.launch("'\(collection.path)'")
            .replacingOccurrences(of: "&& '", with: "&& XDG_STATE_HOME='\(state.path)' XDG_CONFIG_HOME='\(config.path)' '")
        let token = "alice-token"

        do {
            let tmux = try Tmux(launch, width: 120, height: 34, name: "collection-save")
            defer { tmux.kill() }
            try await tmux.waitFor("Endpoints · ")
            try tmux.type("/")
            try tmux.type("secure bearer")
            try await tmux.waitFor("GET    /secure/bearer")
            try tmux.keys("Enter")
            try await tmux.waitFor("GET /secure/bearer — Needs a bearer token")
            try tmux.keys("Down", "Down")
            try tmux.type(token)
            try tmux.keys("F5")
            try await tmux.waitFor("\"user\": \"alice\"")
            try tmux.keys("C-s")
            try await tmux.waitFor("Keep it in your own secrets file as secret:HTTPBearer?")
            try tmux.keys("Enter")
            try await tmux.waitFor("Save as (folder/name)")
            try tmux.keys("C-u")
            try tmux.type("auth/Who am I")
            try tmux.keys("Enter")
            try await tmux.waitFor("Saved auth/who-am-i.yaml")
            try tmux.keys("Escape")
            try await tmux.waitFor("Endpoints · ")
            try tmux.type("q")
            try await tmux.waitFor("EXIT=0")
        }
        let saved = String(decoding: try Fixtures.bytes(collection.appendingPathComponent("auth/who-am-i.yaml")), as: UTF8.self)
        #expect(saved == "name: Who am I\noperation: secure_bearer_secure_bearer_get\nauth:\n  HTTPBearer: secret:HTTPBearer\n")

        let tmux = try Tmux(launch, width: 120, height: 34, name: "collection-reopen")
        defer { tmux.kill() }
        try await tmux.waitFor("Endpoints · ")
        try tmux.keys("F4")
        try await tmux.waitFor("GET    /secure/bearer  Who am I")
        try tmux.keys("Down", "Enter")
        try await tmux.waitFor("GET /secure/bearer — Needs a bearer token")
        try tmux.keys("F5")
        try await tmux.waitFor("the token read from the secrets file") { $0.contains("\"user\": \"alice\"") }
        // Each Esc is waited on: Esc and a key in one burst is that key with Alt.
        try tmux.keys("Escape")
        try await tmux.waitFor("Endpoints · ")
        try tmux.type("H")
        try await tmux.waitFor("History · 1 request sent · 1 in earlier runs")
        try tmux.keys("Escape")
        try await tmux.waitFor("Endpoints · ")
        try tmux.keys("F4")
        try await tmux.waitFor("GET    /secure/bearer  Who am I")
        try tmux.type("r")
        try await tmux.waitFor("New name for Who am I")
        try tmux.keys("C-u")
        try tmux.type("Me")
        try tmux.keys("Enter")
        try await tmux.waitFor("Moved auth/who-am-i.yaml to auth/me.yaml")
        #expect(FileManager.default.fileExists(atPath: collection.appendingPathComponent("auth/me.yaml").path))
        try tmux.type("x")
        try await tmux.waitFor("Delete Me?")
        try tmux.keys("Left", "Enter")
        try await tmux.waitFor("Deleted auth/me.yaml")
        try tmux.keys("Escape")
        try await tmux.waitFor("Endpoints · ")
        try tmux.type("q")
        try await tmux.waitFor("EXIT=0")

        var searched = 0
        for folder in [collection, state] {
            let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let file = walker?.nextObject() as? URL {
                guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
                searched += 1
                #expect(bytes.range(of: Data(token.utf8)) == nil, "\(file.path) holds the token")
            }
        }
        #expect(searched >= 2, "the collection's manifest and the history file were searched")
        #expect(String(decoding: try Fixtures.bytes(config.appendingPathComponent("specter/secrets.yaml")), as: UTF8.self) == "HTTPBearer: \(token)\n")
    }
}
