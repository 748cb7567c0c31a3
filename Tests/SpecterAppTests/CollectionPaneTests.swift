import Foundation
import Testing
import SpecterJSON
import SpecterRequest
import SpecterTerminal
import SpecterYAML
import TestSupport
@testable import SpecterApp

/// The explorer with a collection: F4 shows it, Enter opens a saved request with all its inputs,
/// Ctrl-S saves (a name the first time, then in place), r d m x rename, duplicate, move, delete.
@Suite struct CollectionPaneTests {
    static let size = Size(width: 100, height: 24)

    /// A petstore collection with two saved requests, one of which no longer fits the description.
    static func collection() throws -> Collection {
        let folder = try Fixtures.temporaryFolder("explorer-collection").appendingPathComponent("petstore-requests")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("spec: \(Fixtures.package("sample-specs/petstore.yaml").path)\nserver: https://petstore.test/v3\nvariables:\n  pet: '7'\n".utf8)
            .write(to: folder.appendingPathComponent("collection.yaml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pets"), withIntermediateDirectories: true)
        try Data("name: Find pet seven\noperation: getPetById\nparameters:\n  path:\n    petId: '{{pet}}'\nasserts:\n  - status == 200\n".utf8)
            .write(to: folder.appendingPathComponent("pets/find-pet-seven.yaml"))
        try Data("name: Old login\noperation: loginUser\nparameters:\n  query:\n    user: ann\n".utf8)
            .write(to: folder.appendingPathComponent("old-login.yaml"))
        return try CollectionStore.open(folder)
    }

    static func text(_ harness: AppHarness) -> String {
        harness.frame.text
    }

    @Test func theCollectionPaneListsSavedRequestsWithTheirDrift() async throws {
        var harness = try await AppHarness(size: Self.size, collection: try Self.collection())
        harness.press(KeyPress(.function(4)))
        #expect(try harness.workspace.screen == .collection)
        let screen = Self.text(harness)
        #expect(screen.contains("Collection petstore-requests · 2 saved requests · 1 does not fit the description"))
        #expect(screen.contains("GET    /user/login  Old login  ⚠ drift"), "\(screen)")
        #expect(screen.contains("pets/") && screen.contains("GET    /pet/{petId}  Find pet seven"))
        #expect(screen.contains("⚠ the query parameter user is no longer in the description"), "the selected request's drift is spelled out")
    }

    @Test func aRequestKeptAsWrittenShowsItsMethodOnceAndItsURL() async throws {
        let collection = try Self.collection()
        try Data("name: Raw one\noperation: {method: GET, url: 'http://other.test/e?q=1'}\n".utf8).write(to: collection.root.appendingPathComponent("raw.yaml"))
        var harness = try await AppHarness(size: Self.size, collection: try CollectionStore.open(collection.root))
        harness.press(KeyPress(.function(4)))
        #expect(Self.text(harness).contains("GET    http://other.test/e"), "\(Self.text(harness))")
        #expect(!Self.text(harness).contains("GET    GET"))
    }

    @Test func enterOpensASavedRequestAndItsPlaceholderIsFilledWhenSent() async throws {
        let server = CannedServer()
        server.answer({ $0.url.path == "/v3/pet/7" }, status: 200, body: #"{"id": 7, "name": "Rex", "photoUrls": []}"#)
        var harness = try await AppHarness(size: Self.size, server: server, collection: try Self.collection())
        harness.press(KeyPress(.function(4)), .down, .down, .enter)
        guard case .operation(let entry) = try harness.workspace.screen else {
            Issue.record("not opened: \(try harness.workspace.screen)")
            return
        }
        #expect(try harness.workspace.sessions[entry]?.form.parameterValues.map(\.1) == ["{{pet}}"])
        #expect(try harness.workspace.unsentSessions == 0, "a request just opened from its file loses nothing when Specter ends")
        #expect(try harness.workspace.sessions[entry]?.invalidCount == 0, "a placeholder is checked when it is filled, not before")
        #expect(Self.text(harness).contains("{{pet}}   = 7"), "what the placeholder stands for is shown: \(Self.text(harness))")
        harness.type("{{nowhere}}")
        #expect(Self.text(harness).contains("{{nowhere}} not defined"))
        for _ in 0..<11 { harness.press(.backspace) }
        harness.type("{{half")
        #expect(Self.text(harness).contains("a {{ is not closed with }}"))
        for _ in 0..<6 { harness.press(.backspace) }
        await harness.sendAnyway()
        #expect(server.requests.last?.url.absoluteString == "https://petstore.test/v3/pet/7", "the collection's server and variable")
        harness.press(.escape)
        harness.press(KeyPress(.function(4)))
        #expect(Self.text(harness).contains("✓ matched"))
    }

    /// `getPetById` (no request body in the description) saved with `body`, opened from F4 and sent;
    /// what the screen showed, the body the server got, and the file after Ctrl-S.
    static func sendSavedBody(_ body: String) async throws -> (screen: String, sent: String, contentType: String?, saved: String, file: String) {
        let collection = try Self.collection()
        let file = collection.root.appendingPathComponent("pets/find-pet-seven.yaml")
        let saved = "name: Find pet seven\noperation: getPetById\nparameters:\n  path:\n    petId: '7'\nbody:\n" + body
        try Data(saved.utf8).write(to: file)
        let server = CannedServer()
        server.answer({ $0.url.path == "/v3/pet/7" }, status: 200, body: #"{"id": 7, "name": "Rex", "photoUrls": []}"#)
        var harness = try await AppHarness(size: Self.size, server: server, collection: try CollectionStore.open(collection.root))
        harness.press(KeyPress(.function(4)), .down, .down, .enter)
        let screen = Self.text(harness)
        await harness.sendAnyway()
        harness.press(.control("s"))
        harness.applyCollectionChanges()
        return (screen, server.requests.last.map { String(decoding: $0.body ?? [], as: UTF8.self) } ?? "", server.requests.last?.headers["Content-Type"],
                saved, String(decoding: try Fixtures.bytes(file), as: UTF8.self))
    }

    @Test func aSavedBodyTheDescriptionDoesNotDocumentIsShownSentAndKept() async throws {
        let json = try await Self.sendSavedBody("  mediaType: application/json\n  json:\n    s: x\n")
        #expect(json.screen.contains("application/json · as saved") && json.screen.contains("the description documents no body here: it is sent as saved"), "\(json.screen)")
        #expect(json.sent == #"{"s":"x"}"# && json.contentType == "application/json", "sent as replay sends it")
        #expect(json.file == json.saved, "saving in place keeps the body")

        let text = try await Self.sendSavedBody("  text: '\"hi\"'\n")
        #expect(text.screen.contains("text · as saved"), "\(text.screen)")
        #expect(text.sent == #""hi""#, "text that parses as JSON stays the text saved")
        #expect(text.file == text.saved, "no media type is added, nothing is turned into JSON")
    }

    @Test func ctrlSSavesANewRequestUnderTheNameGivenThenInPlace() async throws {
        let collection = try Self.collection()
        var harness = try await AppHarness(size: Self.size, collection: collection)
        harness.press(.character("/"))
        harness.type("findPetsByStatus")
        harness.press(.enter)
        harness.press(.control("s"))
        guard case .prompt(let prompt)? = try harness.workspace.overlay else {
            Issue.record("no name asked")
            return
        }
        #expect(prompt.input.text == "Finds Pets by status.")
        harness.press(.control("u"))
        harness.type("pets/Sold pets")
        harness.press(.enter)
        harness.applyCollectionChanges()
        let file = collection.root.appendingPathComponent("pets/sold-pets.yaml")
        #expect(String(decoding: try Fixtures.bytes(file), as: UTF8.self) == "name: Sold pets\noperation: findPetsByStatus\n", "the collection's server is not repeated")
        #expect(Self.text(harness).contains("Saved pets/sold-pets.yaml"))

        // The second Ctrl-S updates the same file: one changed line.
        guard case .operation(let entry) = try harness.workspace.screen else { return }
        harness.send(.input(.key(.tab)))
        var state = harness.state
        if case .ready(var workspace) = state.phase {
            workspace.editSession(entry) { session in session.form.setParameter("status", in: .query, to: "sold") }
            state.phase = .ready(workspace)
        }
        harness.state = state
        harness.press(.control("s"))
        harness.applyCollectionChanges()
        #expect(String(decoding: try Fixtures.bytes(file), as: UTF8.self) == "name: Sold pets\noperation: findPetsByStatus\nparameters:\n  query:\n    status: sold\n")
        #expect(try CollectionStore.open(collection.root).items.count == 3)
    }

    /// Opens "Find pet seven", types into its form, and changes its file behind the form's back; the form's entry.
    static func editWhileTheFileChanges(_ harness: inout AppHarness, _ collection: Collection) throws -> Int {
        harness.press(KeyPress(.function(4)), .down, .down, .enter)
        guard case .operation(let entry) = try harness.workspace.screen else { throw OpenFailure(screen: "\(try harness.workspace.screen)") }
        harness.type("8")
        try Data("name: Find pet seven\noperation: getPetById\nparameters:\n  path:\n    petId: '9'\n".utf8)
            .write(to: collection.root.appendingPathComponent("pets/find-pet-seven.yaml"))
        return entry
    }

    struct OpenFailure: Error {
        var screen: String
    }

    /// In a collection whose requests name operations by method and path, a new one does too.
    @Test func aNewRequestIsNamedAsTheCollectionsRequestsAre() async throws {
        let folder = try Fixtures.temporaryFolder("explorer-routes").appendingPathComponent("by-route")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("spec: \(Fixtures.package("sample-specs/petstore.yaml").path)\nserver: https://petstore.test/v3\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        try Data("name: Pet seven\noperation: GET /pet/{petId}\nparameters:\n  path:\n    petId: 7\n".utf8).write(to: folder.appendingPathComponent("pet-seven.yaml"))
        var harness = try await AppHarness(size: Self.size, collection: try CollectionStore.open(folder))
        harness.press(.character("/"))
        harness.type("findPetsByStatus")
        harness.press(.enter)
        harness.press(.control("s"))
        harness.press(.control("u"))
        harness.type("Sold pets")
        harness.press(.enter)
        harness.applyCollectionChanges()
        #expect(String(decoding: try Fixtures.bytes(folder.appendingPathComponent("sold-pets.yaml")), as: UTF8.self) == "name: Sold pets\noperation: GET /pet/findByStatus\n")
    }

    /// The file changed on disk, "Save as…" chosen, then Esc: the request still belongs to its file,
    /// so the next Ctrl-S asks about that file again rather than for a new name.
    @Test func leavingSaveAsAfterAChangeOnDiskKeepsTheRequestsFile() async throws {
        let collection = try Self.collection()
        var harness = try await AppHarness(size: Self.size, collection: collection)
        let entry = try Self.editWhileTheFileChanges(&harness, collection)
        func saveMeetsTheChangedFile() throws -> Bool {
            harness.press(.control("s"))
            harness.applyCollectionChanges()
            guard case .collectionQuestion(_, .changedOnDisk(_, let path, _))? = try harness.workspace.overlay else { return false }
            return path == "pets/find-pet-seven.yaml"
        }
        #expect(try saveMeetsTheChangedFile())
        harness.press(.right, .enter)
        guard case .prompt(let prompt)? = try harness.workspace.overlay, case .saveRequest = prompt.purpose else {
            Issue.record("no name asked: \(String(describing: try harness.workspace.overlay))")
            return
        }
        harness.press(.escape)
        #expect(try harness.workspace.collectionPane?.origins[entry] == "pets/find-pet-seven.yaml")
        #expect(try saveMeetsTheChangedFile(), "Ctrl-S asks about the same file again")
        // Saved as a copy, the request belongs to the copy; the changed file is left as it is.
        harness.press(.right, .enter)
        harness.press(.control("u"))
        harness.type("pets/Pet eight")
        harness.press(.enter)
        harness.applyCollectionChanges()
        #expect(try harness.workspace.collectionPane?.origins[entry] == "pets/pet-eight.yaml")
        #expect(String(decoding: try Fixtures.bytes(collection.root.appendingPathComponent("pets/find-pet-seven.yaml")), as: UTF8.self).contains("petId: '9'"))
        // The pane holds the changed file as it is now: opened again, it shows the other program's version.
        #expect(try harness.workspace.collectionPane?.collection.item(at: "pets/find-pet-seven.yaml")?.request.draft.parameter("petId", in: .path) == "9")
    }

    /// A form opened from a file the collection has since read again in another version (here through
    /// another request's "Reload") asks before its save would overwrite that version.
    @Test func aSaveOverAVersionReadSinceTheFormOpenedAsksFirst() async throws {
        let collection = try Self.collection()
        var harness = try await AppHarness(size: Self.size, collection: collection)
        let first = try Self.editWhileTheFileChanges(&harness, collection)
        // Another request's file changed too; its save is answered "Reload", which reads the whole collection again.
        harness.press(.escape)
        harness.press(KeyPress(.function(4)), .up, .up, .enter)
        guard case .operation(let second) = try harness.workspace.screen, second != first else {
            Issue.record("the second request did not open: \(try harness.workspace.screen)")
            return
        }
        harness.type("x")
        try Data("name: Old login\noperation: loginUser\nparameters:\n  query:\n    user: bob\n".utf8).write(to: collection.root.appendingPathComponent("old-login.yaml"))
        harness.press(.control("s"))
        harness.applyCollectionChanges()
        guard case .collectionQuestion(_, .changedOnDisk(_, "old-login.yaml", _))? = try harness.workspace.overlay else {
            Issue.record("no question about old-login.yaml: \(String(describing: try harness.workspace.overlay))")
            return
        }
        harness.press(.enter)
        harness.applyCollectionChanges()
        #expect(try harness.workspace.collectionPane?.originChanged(first) == true)
        harness.press(.escape)
        harness.press(.character("/"))
        harness.type("getPetById")
        harness.press(.enter)
        harness.press(.control("s"))
        harness.applyCollectionChanges()
        guard case .collectionQuestion(_, .changedOnDisk(_, let path, _))? = try harness.workspace.overlay else {
            Issue.record("saved without asking: \(String(describing: try harness.workspace.overlay))")
            return
        }
        #expect(path == "pets/find-pet-seven.yaml")
        #expect(String(decoding: try Fixtures.bytes(collection.root.appendingPathComponent("pets/find-pet-seven.yaml")), as: UTF8.self).contains("petId: '9'"))
    }

    @Test func renameDuplicateMoveAndDeleteFromThePane() async throws {
        let collection = try Self.collection()
        var harness = try await AppHarness(size: Self.size, collection: collection)
        harness.press(KeyPress(.function(4)), .down, .down)
        #expect(try harness.workspace.collectionPane?.selectedPath == "pets/find-pet-seven.yaml")
        harness.press(.character("r"), .control("u"))
        harness.type("Pet seven")
        harness.press(.enter)
        harness.applyCollectionChanges()
        let root = collection.root
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("pets/pet-seven.yaml").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("pets/find-pet-seven.yaml").path))
        #expect(String(decoding: try Fixtures.bytes(root.appendingPathComponent("pets/pet-seven.yaml")), as: UTF8.self).hasPrefix("name: Pet seven\noperation: getPetById\n"))

        harness.press(.character("d"))
        harness.applyCollectionChanges()
        #expect(try harness.workspace.collectionPane?.selectedPath == "pets/pet-seven-copy.yaml")

        harness.press(.character("m"))
        guard case .prompt(let move)? = try harness.workspace.overlay else { Issue.record("no folder asked"); return }
        #expect(move.title == "Move to folder (now: pets)", "no other folder to list, and pets not twice")
        harness.press(.control("u"))
        harness.type("archive")
        harness.press(.enter)
        harness.applyCollectionChanges()
        #expect(try CollectionStore.open(root).items.map(\.path).sorted() == ["archive/pet-seven-copy.yaml", "old-login.yaml", "pets/pet-seven.yaml"])

        harness.press(.character("x"))
        harness.press(.enter)
        harness.applyCollectionChanges()
        #expect(try CollectionStore.open(root).items.count == 3, "Enter on the question keeps the file: Keep is chosen first")
        harness.press(.character("x"), .left, .enter)
        harness.applyCollectionChanges()
        #expect(try CollectionStore.open(root).items.map(\.path).sorted() == ["old-login.yaml", "pets/pet-seven.yaml"])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("archive").path), "an emptied folder goes too")
    }

    @Test func aTypedInCredentialIsOfferedToTheSecretsFileAndNeverWritten() async throws {
        let collection = try Self.collection()
        var harness = try await AppHarness(size: Self.size, collection: collection)
        harness.press(KeyPress(.function(4)), .down, .down, .enter)
        // The petstore's api_key scheme, typed in the F2 picker as a user would.
        harness.press(KeyPress(.function(2)))
        guard case .options(let picker)? = try harness.workspace.overlay, let row = picker.rows.firstIndex(of: .credential("api_key")) else {
            Issue.record("no api_key row")
            return
        }
        for _ in 0..<row { harness.press(.down) }
        harness.type("typed-secret-123")
        harness.press(.escape)
        harness.press(.control("s"))
        guard case .collectionQuestion(_, .keepSecrets(let schemes, _))? = try harness.workspace.overlay else {
            Issue.record("no question about the typed-in credential: \(String(describing: try harness.workspace.overlay)) \(String(describing: try harness.workspace.toast)) \(try harness.workspace.settings.credentials.mapValues(\.text))")
            return
        }
        #expect(schemes == ["api_key"])
        harness.press(.enter)
        #expect(harness.effects.contains { if case .storeSecret("api_key", "typed-secret-123") = $0 { return true } else { return false } })
        harness.applyCollectionChanges()
        let saved = String(decoding: try Fixtures.bytes(collection.root.appendingPathComponent("pets/find-pet-seven.yaml")), as: UTF8.self)
        #expect(saved.contains("auth:\n  api_key: secret:api_key\n") && !saved.contains("typed-secret-123"), "\(saved)")
    }

    @Test func withoutACollectionF4AndCtrlSSayHowToOpenOne() async throws {
        var harness = try await AppHarness(size: Self.size)
        harness.press(KeyPress(.function(4)))
        #expect(try harness.workspace.toast?.text.hasPrefix("No collection is open: start with specter DIR") == true)
    }
}
