import Foundation
import Testing
import SpecterCLI
import TestSupport

/// `specter collection …` and `specter call SAVED.yaml` against the real FastAPI test app, in both of
/// its versions (`fastapi_pets_v2.py` changes the pet routes as a developer might).
@Suite(.serialized) struct CollectionCommandTests {
    static let fixture = Fixtures.package("Tests/SpecterCLITests/Fixtures/pets-collection")

    /// The fixture's saved requests in a new collection made by `collection new` against a live server.
    static func collection(against server: URL) async throws -> URL {
        let folder = try Fixtures.temporaryFolder("pets").appendingPathComponent("pets-collection")
        let made = await specter("collection", "new", folder.path, "--spec", server.absoluteString, "--server", server.absoluteString)
        #expect(made.status == .success, "\(made.stderr)")
        #expect(made.stdout.contains("for Specter Test Pets 1.0.0 (38 operations)"))
        let manifest = folder.appendingPathComponent("collection.yaml")
        try Data((String(decoding: try Fixtures.bytes(manifest), as: UTF8.self) + "variables:\n  pet_id: '1'\n").utf8).write(to: manifest)
        for part in ["pets", "auth", "environments"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(part), to: folder.appendingPathComponent(part))
        }
        return folder
    }

    static func pointManifest(of folder: URL, at server: URL) throws {
        let file = folder.appendingPathComponent("collection.yaml")
        let text = String(decoding: try Fixtures.bytes(file), as: UTF8.self)
        let replaced = text.split(separator: "\n").map { $0.hasPrefix("spec: ") ? "spec: \(server.absoluteString)" : String($0) }.joined(separator: "\n") + "\n"
        try Data(replaced.utf8).write(to: file)
    }

    @Test func newListsAndChecksACollection() async throws {
        let server = try await TestServers.shared.url(for: .fastapi)
        let folder = try await Self.collection(against: server)
        let manifest = String(decoding: try Fixtures.bytes(folder.appendingPathComponent("collection.yaml")), as: UTF8.self)
        #expect(manifest.hasPrefix("spec: \(server.absoluteString)\nserver: \(server.absoluteString)\nsynced:\n  fingerprint: "))
        #expect(manifest.hasSuffix("  version: '1.0.0'\nvariables:\n  pet_id: '1'\n"))

        let list = await specter("collection", "list", folder.path)
        #expect(list.status == .success)
        #expect(list.stdout == """
            auth/
              GET     /secure/bearer  Who am I             auth/who-am-i.yaml
            pets/
              POST    /pets           Create a pet         pets/create-a-pet.yaml
              GET     /pets           List available pets  pets/list-available-pets.yaml
              GET     /pets/{pet_id}  Get a pet            pets/get-a-pet.yaml
              DELETE  /pets/{pet_id}  Delete a pet         pets/delete-a-pet.yaml

            """)
        let json = await specter("collection", "list", folder.path, "--format", "json")
        #expect(json.stdout.contains("""
              {
                "file": "pets/get-a-pet.yaml",
                "name": "Get a pet",
                "method": "GET",
                "path": "/pets/{pet_id}",
                "operation": "GET /pets/{pet_id}"
              }
            """))

        let check = await specter("collection", "check", folder.path)
        #expect(check.status == .success, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout == "✓ 5 saved requests fit Specter Test Pets 1.0.0\n")
    }

    @Test func driftAgainstTheNextVersionOfTheAppIsFoundAndSyncKeepsWhatTheUserSet() async throws {
        let first = try await TestServers.shared.url(for: .fastapi)
        let second = try await TestServers.shared.url(for: .fastapiV2)
        let folder = try await Self.collection(against: first)
        try Self.pointManifest(of: folder, at: second)

        let check = await specter("collection", "check", folder.path)
        #expect(check.status == .failure)
        #expect(check.stdout == """
            ✗ auth/who-am-i.yaml: the description has no operation secure_bearer_secure_bearer_get
            ✗ pets/create-a-pet.yaml: body: required property "owner" is missing
            ✗ pets/create-a-pet.yaml: body.age: must be a string
            ✗ pets/list-available-pets.yaml: the query parameter status is no longer in the description
            ✗ pets/delete-a-pet.yaml: the description has no operation delete_pet_pets__pet_id__delete
            5 differences between 5 saved requests and Specter Test Pets 2.0.0 found; specter collection sync \(folder.path) adds what is newly required

            """)

        let sync = await specter("collection", "sync", folder.path)
        #expect(sync.status == .failure, "what sync cannot decide is left for a person")
        #expect(sync.stdout.hasPrefix("pets/create-a-pet.yaml: added the body property owner (\"Ann\")\n"))
        #expect(sync.stdout.contains("4 differences between 5 saved requests and Specter Test Pets 2.0.0 still need a person"))
        #expect(String(decoding: try Fixtures.bytes(folder.appendingPathComponent("pets/create-a-pet.yaml")), as: UTF8.self) == """
            name: Create a pet
            order: 1
            operation: create_pet_pets_post
            body:
              mediaType: application/json
              json:
                name: '{{pet_name}}'
                age: 3
                owner: Ann
            captures:
              pet_id: $.id
            asserts:
              - status == 201

            """, "the value, capture and assertion the user set are kept; one line added")
        #expect(try Fixtures.bytes(folder.appendingPathComponent("pets/list-available-pets.yaml")) == Fixtures.bytes(Self.fixture.appendingPathComponent("pets/list-available-pets.yaml")),
                "a parameter the user set is never removed by sync")
        let manifest = String(decoding: try Fixtures.bytes(folder.appendingPathComponent("collection.yaml")), as: UTF8.self)
        #expect(manifest.contains("  version: '2.0.0'\n"), "re-anchored")
    }

    @Test func aBrokenFileIsReportedWithItsPlaceAndTheExitCodeIsTwo() async throws {
        let server = try await TestServers.shared.url(for: .fastapi)
        let folder = try await Self.collection(against: server)
        try Data("name: Broken\noperation: create_pet_pets_post\nbody: {json: [1, 2}\n".utf8).write(to: folder.appendingPathComponent("pets/broken.yaml"))
        let check = await specter("collection", "check", folder.path)
        #expect(check.status == .usage)
        #expect(check.stderr.hasPrefix("specter: \(folder.path)/pets/broken.yaml:3:"), "\(check.stderr)")
        #expect(check.stderr.hasSuffix("(skipped)\n"))
        #expect(check.stdout == "✗ 5 saved requests fit Specter Test Pets 1.0.0, but 1 file did not read (above)\n",
                "the others are still checked, and no ✓ stands over the one that was not")
        let missing = await specter("collection", "check", folder.deletingLastPathComponent().path)
        #expect(missing.status == .usage)
        #expect(missing.stderr.contains("is not a collection (it has no collection.yaml); specter collection new"))
        let new = await specter("collection", "new", folder.path, "--spec", server.absoluteString)
        #expect(new.status == .usage && new.stderr.contains("collection.yaml already exists"))
        let unknown = await specter("collection", "chek", folder.path)
        #expect(unknown.status == .usage && unknown.stderr.contains("did you mean check?"), "\(unknown.stderr)")
    }

    @Test func callSendsASavedRequestWithTheCollectionsVariablesEnvironmentAndSecrets() async throws {
        let server = try await TestServers.shared.url(for: .fastapi)
        let folder = try await Self.collection(against: server)
        let config = try Fixtures.temporaryFolder("config")
        let variables = ["XDG_CONFIG_HOME": config.path]

        // The collection's variable (pet_id: 1) fills the path; the same output as calling the operation.
        let saved = await specter(["call", folder.appendingPathComponent("pets/get-a-pet.yaml").path, "--dry-run"], variables: variables)
        let direct = await specter(["call", server.absoluteString, "get_pet_pets__pet_id__get", "-p", "pet_id=1", "--dry-run"], variables: variables)
        #expect(saved.status == .success && saved.stdout == direct.stdout, "\(saved.stdout)\(saved.stderr) vs \(direct.stdout)")
        #expect(saved.stdout.hasPrefix("GET \(server.absoluteString)/pets/1"))

        // --var is stronger than the collection.
        let missing = await specter(["call", folder.appendingPathComponent("pets/get-a-pet.yaml").path, "--var", "pet_id=999", "--format", "json"], variables: variables)
        #expect(missing.stdout.contains("\"status\": 404"), "\(missing.stdout)\(missing.stderr)")

        // An environment's variable; without it the placeholder is an error naming it and the file.
        let created = await specter(["call", folder.appendingPathComponent("pets/create-a-pet.yaml").path, "--env", "local", "--format", "json"], variables: variables)
        #expect(created.stdout.contains("\"status\": 201") && created.stdout.contains("\"name\": \"Rex\""), "\(created.stdout)\(created.stderr)")
        let unresolved = await specter(["call", folder.appendingPathComponent("pets/create-a-pet.yaml").path], variables: variables)
        #expect(unresolved.status == .usage)
        #expect(unresolved.stderr.contains("pet_name"), "\(unresolved.stderr)")

        // secret:PETS_TOKEN comes from the user's secrets file, which must be private.
        let whoAmI = folder.appendingPathComponent("auth/who-am-i.yaml").path
        let noSecret = await specter(["call", whoAmI, "--env", "local"], variables: variables)
        #expect(noSecret.stderr.contains("PETS_TOKEN"), "\(noSecret.stderr)")
        let secrets = config.appendingPathComponent("specter/secrets.yaml")
        try FileManager.default.createDirectory(at: secrets.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data("PETS_TOKEN: alice-token\n".utf8).write(to: secrets)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secrets.path)
        let exposed = await specter(["call", whoAmI, "--env", "local"], variables: variables)
        #expect(exposed.status == .usage && exposed.stderr.contains("run: chmod 600"), "\(exposed.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secrets.path)
        let sent = await specter(["call", whoAmI, "--env", "local", "-v"], variables: variables)
        #expect(sent.status == .success, "\(sent.stderr)")
        #expect(sent.stdout.contains("\"user\": \"alice\""))
        #expect(!(sent.stdout + sent.stderr).contains("alice-token"), "the secret is masked in the printed request")
    }
}
