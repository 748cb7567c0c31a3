import Foundation
import Testing
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// Unsent input is written every few seconds, without secrets, and offered back on the next start.
@Suite struct RecoveryTests {
    func savedDrafts(_ effects: [Effect]) -> [JSONValue]? {
        for effect in effects.reversed() { if case .saveRecovery(let drafts) = effect { return drafts } }
        return nil
    }

    @Test func unsentInputIsWrittenEveryFewSecondsWithoutSecrets() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        app.press(.character("/"))
        app.type("create pet")
        app.press(.enter)
        app.type("Rex")
        app.send(.tick(.seconds(1)))
        #expect(savedDrafts(app.effects) == nil, "not before the interval")
        app.send(.tick(.seconds(3)))
        let drafts = try #require(savedDrafts(app.effects))
        #expect(drafts.count == 1)
        #expect(drafts.first?["operation"] == "create_pet_pets_post")
        #expect(drafts.first?["body"]?["json"]?["name"] == "Rex")
        app.effects = []
        app.send(.tick(.seconds(6)))
        #expect(savedDrafts(app.effects) == nil, "nothing changed: nothing written")
    }

    @Test func literalSecretsAreLeftOutAndReferencesKept() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "Tests/SpecterAppTests/Fixtures/servers.yaml")
        app.press(KeyPress(.function(2)))
        guard case .options(let picker)? = try app.workspace.overlay, let key = picker.rows.firstIndex(of: .credential("key")) else {
            Issue.record("no credential row")
            return
        }
        for _ in 0..<key { app.press(.down) }
        app.type("s3cret-literal")
        app.press(.escape, .character("/"))
        app.type("getSecret")
        app.press(.enter)
        app.type("Lamp")
        #expect(try app.workspace.sessions.values.first?.draft(settings: try app.workspace.settings).credential(for: "key") == .literal("s3cret-literal"),
                "the draft in memory has the secret (it is sent with the request)")
        app.send(.tick(.seconds(3)))
        let written = JSONWriter.compact.string(.array(try #require(savedDrafts(app.effects))))
        #expect(written.contains("Lamp"))
        #expect(!written.contains("s3cret-literal"), "a secret typed in is never written: \(written)")
    }

    @Test func quittingLetsUnsentInputGoButAnUndecidedRecoveryStays() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        app.press(.character("q"))
        #expect(savedDrafts(app.effects) == [], "a normal end removes what was kept")
        var undecided = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        let draft = RequestDraft(operation: .id("create_pet_pets_post"), body: DraftBody(.json(["name": "Kept"])))
        undecided.send(.recoveryFound([draft], savedAt: "2026-12-02T12:00:00Z"))
        undecided.press(.escape, .character("q"))
        #expect(undecided.state.exitStatus == 0)
        #expect(savedDrafts(undecided.effects) == nil, "drafts not yet restored or discarded stay for the next run")
    }

    @Test func foundDraftsAreRestoredIntoTheirForms() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        let draft = RequestDraft(operation: .id("create_pet_pets_post"), parameters: [], body: DraftBody(.json(["name": "Restored", "age": 4])),
                                 credentials: [DraftCredential(scheme: "HTTPBearer", reference: .environment("TOKEN"))])
        app.send(.recoveryFound([draft], savedAt: "2026-12-02T12:00:00Z"))
        #expect(app.frame.text.contains("Unsent input found"))
        app.press(.enter)
        let workspace = try app.workspace
        guard case .operation(let entry) = workspace.screen, let session = workspace.sessions[entry] else { Issue.record("not opened"); return }
        #expect(session.form.bodyJSON == ["name": "Restored", "age": 4])
        #expect(session.hasUnsentInput)
        #expect(workspace.settings.credentials["HTTPBearer"]?.text == "env:TOKEN")
        #expect(app.frame.text.contains("Restored"))
    }

    @Test func discardingRemovesTheFile() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        app.send(.recoveryFound([RequestDraft(operation: .id("create_pet_pets_post"))], savedAt: "earlier"))
        app.press(.right, .enter)
        #expect(savedDrafts(app.effects) == [])
        #expect(try app.workspace.screen == .browse)
    }

    @Test func theStoreWritesAFileOnlyTheUserCanReadAndReadsItBack() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("specter-state-\(getpid())")
        defer { try? FileManager.default.removeItem(at: state) }
        let store = try #require(RecoveryStore(source: .argument("sample-specs/petstore.yaml", LoadOptions()), environment: ["XDG_STATE_HOME": state.path],
                                               workingDirectory: Fixtures.packageRoot))
        #expect(store.file.path.hasPrefix(state.path + "/specter/drafts/petstore.yaml-"))
        let draft = RequestDraft(operation: .id("addPet"), body: DraftBody(.json(["name": "Rex"])))
        store.save([draft.json])
        let attributes = try FileManager.default.attributesOfItem(atPath: store.file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: store.file.deletingLastPathComponent().path)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        #expect(store.load()?.drafts == [draft])
        let elsewhere = try #require(RecoveryStore(source: .argument(Fixtures.packageRoot.path + "/sample-specs/petstore.yaml", LoadOptions()),
                                                   environment: ["XDG_STATE_HOME": state.path], workingDirectory: URL(fileURLWithPath: "/")))
        #expect(elsewhere.file == store.file, "the same description from another folder finds the same drafts")
        store.save([])
        #expect(!FileManager.default.fileExists(atPath: store.file.path))
    }
}
