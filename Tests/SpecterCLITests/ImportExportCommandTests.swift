import Foundation
import Testing
import SpecterJSON
import TestSupport

/// `specter import` and `specter export` end to end: requests from other tools become a collection
/// that replays against the real FastAPI app, and exports run under the tools they are for.
@Suite(.serialized) struct ImportExportCommandTests {
    static let pets = Fixtures.package("sample-specs/fastapi-pets.json").path

    static func folder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("specter-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A secrets file of the user's own, for `--save-secrets` and replay.
    static func config() throws -> URL {
        let config = try folder("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("specter"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return config
    }

    static func allText(under folder: URL) throws -> String {
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { $0.hasSuffix(".yaml") }.map { String(decoding: try Data(contentsOf: folder.appendingPathComponent($0)), as: UTF8.self) }.joined()
    }

    @Test func curlCommandsImportMatchedAndReplayAgainstTheApp() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("import-curl")
        let commands = """
            # from the README
            curl -X POST \(server)/pets -H 'Content-Type: application/json' \\
              -d '{"name": "Rex", "age": 3}'
            curl '\(server)/pets?limit=2&status=available'
            curl -H 'Authorization: Bearer alice-token' \(server)/secure/bearer
            curl -sS \(server)/echo/client
            """
        try Data(commands.utf8).write(to: work.appendingPathComponent("commands.sh"))
        let config = try Self.config()
        let collection = work.appendingPathComponent("pets").path
        let run = await specter(["import", "curl", work.appendingPathComponent("commands.sh").path, "--into", collection, "--spec", Self.pets, "--save-secrets"],
                                variables: ["XDG_CONFIG_HOME": config.path])
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("✓ post-pets.yaml  POST → create_pet_pets_post"))
        #expect(lines.contains("✓ get-secure-bearer.yaml  GET → secure_bearer_secure_bearer_get"))
        #expect(lines.contains { $0.hasPrefix("• get-127-0-0-1-") && $0.hasSuffix("-echo-client.yaml  GET kept as written (no operation matches)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  HTTPBearer  the HTTPBearer credential (") && $0.hasSuffix("commands.sh:5)") }, "\(lines)")
        #expect(lines.last == "imported 4, matched 3, raw 1")
        #expect(!(try Self.allText(under: work.appendingPathComponent("pets"))).contains("alice-token"), "the token is never written into the collection")
        let secrets = String(decoding: try Data(contentsOf: config.appendingPathComponent("specter/secrets.yaml")), as: UTF8.self)
        #expect(secrets.contains("HTTPBearer: alice-token"))
        let replay = await specter(["replay", collection], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(replay.status == .success, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("4 passed, 0 failed\n"))
    }

    @Test func aCurlExportRunsAsIsInAPOSIXShell() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("export-curl")
        let collection = work.appendingPathComponent("pets").path
        let commands = "curl -H 'Authorization: Bearer alice-token' \(server)/secure/bearer\ncurl '\(server)/echo/query?q=it%27s%20%24HOME'\n"
        let imported = await specter(["import", "curl", "-", "--into", collection, "--spec", Self.pets], input: commands)
        #expect(imported.status == .success, "\(imported.stdout)\(imported.stderr)")
        let script = work.appendingPathComponent("requests.sh")
        let export = await specter(["export", collection, "--format", "curl", "--output", script.path])
        #expect(export.status == .success, "\(export.stderr)")
        let text = String(decoding: try Data(contentsOf: script), as: UTF8.self)
        #expect(text.contains(": \"${HTTPBearer:?set HTTPBearer: a secret}\""))
        #expect(!text.contains("alice-token"))
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [script.path]
        shell.environment = ["PATH": "/usr/bin:/bin", "HTTPBearer": "alice-token", "HOME": "/nowhere"]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let printed = await offPool {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            return text
        }
        #expect(shell.terminationStatus == 0)
        #expect(printed == #"{"user":"alice"}"# + "\n" + #"{"query":"q=it%27s%20%24HOME","pairs":[["q","it's $HOME"]]}"# + "\n", "the token came from the environment; quotes and $ went through the shell unchanged")
    }

    /// A variable goes in escaped where Specter escapes the value it fills in — inside a JSON body's
    /// string, in a query parameter — so the script sends what Specter sends whatever the value holds,
    /// and reads back to the same `{{pet_name}}` without a note.
    @Test func aCurlExportEscapesVariablesWhereSpecterDoes() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("export-curl-escapes")
        let collection = work.appendingPathComponent("pets")
        try FileManager.default.createDirectory(at: collection, withIntermediateDirectories: true)
        try Data("spec: \(Self.pets)\nserver: \(server)\nvariables:\n  pet_name: 'Rex \"the\" \\ dog & co #1'\n".utf8).write(to: collection.appendingPathComponent("collection.yaml"))
        try Data("name: Echo\norder: 1\noperation: POST /echo/body\nbody:\n  json:\n    name: '{{pet_name}}'\n".utf8).write(to: collection.appendingPathComponent("echo.yaml"))
        try Data("name: Query\norder: 2\noperation: GET /echo/query\nparameters:\n  query:\n    q: '{{pet_name}}'\n".utf8).write(to: collection.appendingPathComponent("query.yaml"))
        let script = work.appendingPathComponent("requests.sh")
        let export = await specter(["export", collection.path, "--format", "curl", "--output", script.path])
        #expect(export.status == .success && export.stderr.hasPrefix("Wrote "), "\(export.stderr)")
        /// The name the body carried and the query string, as the server got them.
        func sent(_ environment: [String: String]) async throws -> (name: String?, query: String?) {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = [script.path]
            shell.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
            let output = Pipe()
            shell.standardOutput = output
            try shell.run()
            let printed = await offPool {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                shell.waitUntilExit()
                return data
            }
            let lines = printed.split(separator: UInt8(ascii: "\n"))
            guard lines.count == 2, case .object(let echo) = try JSONParser.parse(Array(lines[0])), case .string(let body)? = echo["body"],
                  case .object(let json) = try JSONParser.parse(Array(body.utf8)), case .object(let query) = try JSONParser.parse(Array(lines[1])) else { return (nil, nil) }
            return (json["name"]?.stringValue, query["query"]?.stringValue)
        }
        let replay = await specter(["replay", collection.path, "--report", "json"])
        let record = try JSONParser.parse(Array(replay.stdout.utf8))
        let specterQuery = record["collections"]?[0]?["requests"]?[1]?["response"]?["body"]?["query"]?.stringValue
        #expect(specterQuery == "q=Rex%20%22the%22%20%5C%20dog%20%26%20co%20%231", "\(replay.stdout)")
        let defaults = try await sent([:])
        #expect(defaults.name == #"Rex "the" \ dog & co #1"# && defaults.query == specterQuery)
        let awkward = "tab\there\nline \"quoted\" back\\slash\u{1}\u{8}\r\n é/?&="
        let overridden = try await sent(["pet_name": awkward])
        #expect(overridden.name == awkward)
        #expect(overridden.query == "q=tab%09here%0Aline%20%22quoted%22%20back%5Cslash%01%08%0D%0A%20%C3%A9%2F%3F%26%3D")
        let again = work.appendingPathComponent("again")
        let imported = await specter(["import", "curl", script.path, "--into", again.path, "--spec", Self.pets])
        #expect(imported.status == .success && !imported.stdout.contains("Not carried over"), "\(imported.stdout)\(imported.stderr)")
        let saved = try Self.allText(under: again)
        #expect(saved.contains("name: '{{pet_name}}'") && saved.contains("q: '{{pet_name}}'") && !saved.contains("pet_name_"), "\(saved)")
    }

    @Test func anHTTPFileWithItsEnvironmentsAndHandlersReplaysItsChain() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("import-http")
        let requests = """
            @pet_name = Rex

            ### Sign in
            POST {{base}}/token
            Content-Type: application/x-www-form-urlencoded

            grant_type=password&username=alice&password={{password}}

            > {%
                client.global.set("token", response.body.access_token);
            %}

            ### Who am I
            GET {{base}}/secure/oauth
            Authorization: Bearer {{token}}

            ### Create a pet
            POST {{base}}/pets
            Content-Type: application/json

            {"name": "{{pet_name}}", "age": 2}

            > {%
                client.global.set("pet_id", response.body.id);
                client.test("created", function() { client.assert(response.status === 201); });
            %}

            ### Read it back
            GET {{base}}/pets/{{pet_id}}

            > {% client.log("not carried over"); %}
            """
        try Data(requests.utf8).write(to: work.appendingPathComponent("pets.http"))
        try Data(#"{"local": {"base": "\#(server)"}}"#.utf8).write(to: work.appendingPathComponent("http-client.env.json"))
        try Data(#"{"local": {"password": "wonderland"}}"#.utf8).write(to: work.appendingPathComponent("http-client.private.env.json"))
        let config = try Self.config()
        let collection = work.appendingPathComponent("pets").path
        let run = await specter(["import", "http", work.appendingPathComponent("pets.http").path, "--into", collection, "--spec", Self.pets, "--save-secrets"],
                                variables: ["XDG_CONFIG_HOME": config.path])
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ sign-in.yaml  POST → token_token_post\n"))
        #expect(run.stdout.contains("pets.http:31: the response handler (lines 31–31) is JavaScript beyond"), "the handler that does not translate is named by its line: \(run.stdout)")
        #expect(run.stdout.contains("  local_password  the variable password of the environment local ("))
        #expect(run.stdout.hasSuffix("imported 4, matched 4, raw 0\n"))
        let written = try Self.allText(under: work.appendingPathComponent("pets"))
        #expect(!written.contains("wonderland"))
        #expect(written.contains("password: secret:local_password"))
        #expect(written.contains("captures:\n  pet_id: $.id"))
        let replay = await specter(["replay", collection, "--env", "local"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(replay.status == .success, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("4 passed, 0 failed\n"))
    }

    @Test func aPostmanCollectionWithFoldersInheritedAuthAndTestsReplays() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("import-postman")
        let postman = """
            {"info": {"name": "Pets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "variable": [{"key": "baseUrl", "value": "\(server)"}],
             "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "alice-token", "type": "string"}]},
             "item": [
              {"name": "Pets", "item": [
                {"name": "Create", "request": {"method": "POST", "url": "{{baseUrl}}/pets",
                  "header": [{"key": "Content-Type", "value": "application/json"}],
                  "body": {"mode": "raw", "raw": "{\\"name\\": \\"Rex\\", \\"age\\": 1}"}},
                 "event": [{"listen": "test", "script": {"exec": ["pm.response.to.have.status(201);", "pm.collectionVariables.set(\\"pet_id\\", pm.response.json().id);"]}}]},
                {"name": "Read", "request": {"method": "GET", "url": {"raw": "{{baseUrl}}/pets/:id", "host": ["{{baseUrl}}"], "path": ["pets", ":id"],
                  "variable": [{"key": "id", "value": "{{pet_id}}"}]}}}
              ]},
              {"name": "Who am I", "request": {"method": "GET", "url": "{{baseUrl}}/secure/bearer"}}
             ]}
            """
        try Data(postman.utf8).write(to: work.appendingPathComponent("pets.postman_collection.json"))
        let config = try Self.config()
        let collection = work.appendingPathComponent("pets").path
        let run = await specter(["import", "postman", work.appendingPathComponent("pets.postman_collection.json").path, "--into", collection, "--spec", Self.pets,
                                 "--save-secrets"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ pets/create.yaml  POST → create_pet_pets_post\n"))
        #expect(run.stdout.contains("✓ pets/read.yaml  GET → get_pet_pets__pet_id__get\n"))
        #expect(run.stdout.hasSuffix("imported 3, matched 3, raw 0\n"))
        #expect(!(try Self.allText(under: work.appendingPathComponent("pets"))).contains("alice-token"))
        let replay = await specter(["replay", collection], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(replay.status == .success, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func aHurlUploadFindsItsFileBesideTheHurlFileAndReplays() async throws {
        let server = try await TestServers.shared.url(for: .fastapiIsolated).absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let work = try Self.folder("import-hurl")
        try FileManager.default.createDirectory(at: work.appendingPathComponent("suite"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.package("Tests/SpecterRequestTests/Fixtures/pixel.png"), to: work.appendingPathComponent("suite/pixel.png"))
        let hurl = """
            # Upload a pixel
            POST \(server)/uploads
            [Multipart]
            file: file,pixel.png;
            description: one pixel
            HTTP 200
            [Asserts]
            jsonpath "$.size" == 70
            jsonpath "$.filename" == "pixel.png"
            """
        try Data(hurl.utf8).write(to: work.appendingPathComponent("suite/upload.hurl"))
        let collection = work.appendingPathComponent("pets")
        // Run from elsewhere: the file is found beside the Hurl file, as Hurl finds it, and saved relative to the collection.
        let run = await specter(["import", "hurl", work.appendingPathComponent("suite/upload.hurl").path, "--into", collection.path, "--spec", Self.pets])
        #expect(run.status == .success, "\(run.stdout)\(run.stderr)")
        #expect(try Self.allText(under: collection).contains("file: '@../suite/pixel.png'"))
        let replay = await specter(["replay", collection.path])
        #expect(replay.status == .success, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.hasSuffix("1 passed, 0 failed\n"))
        // `call` finds the file from the collection's folder too, wherever it runs from.
        let call = await specter(["call", collection.appendingPathComponent("upload-a-pixel.yaml").path, "--dry-run"])
        #expect(call.status == .success && call.stdout.contains("(multipart body, 377 bytes; files: pixel.png)"), "\(call.stdout)\(call.stderr)")
        // Exported elsewhere, the file is named from where the export is read, and the script finds it from anywhere.
        let script = work.appendingPathComponent("out/run.sh")
        let export = await specter(["export", collection.path, "--format", "curl", "--output", script.path])
        #expect(export.status == .success, "\(export.stderr)")
        #expect(String(decoding: try Data(contentsOf: script), as: UTF8.self).contains("-F 'file=@../suite/pixel.png'"))
        let hurlFile = work.appendingPathComponent("out/upload.hurl")
        let hurlExport = await specter(["export", collection.path, "--format", "hurl", "--output", hurlFile.path])
        #expect(hurlExport.status == .success)
        let hurlText = String(decoding: try Data(contentsOf: hurlFile), as: UTF8.self)
        #expect(hurlText.contains("file: file,../suite/pixel.png;\ndescription: one pixel\n"), "\(hurlText)")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [script.path]
        shell.currentDirectoryURL = URL(fileURLWithPath: "/")
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let printed = await offPool {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            return text
        }
        #expect(printed.contains(#""filename":"pixel.png","contentType":"image/png","size":70,"description":"one pixel""#), "\(printed)")
    }

    @Test func secretsNeverTakeANameTheSecretsFileHoldsForAnotherValue() async throws {
        let config = try Self.config()
        try Data("HTTPBearer: other-collections-token\n".utf8).write(to: config.appendingPathComponent("specter/secrets.yaml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.appendingPathComponent("specter/secrets.yaml").path)
        let work = try Self.folder("import-collide")
        let collection = work.appendingPathComponent("pets").path
        let first = await specter(["import", "curl", "curl -H 'Authorization: Bearer alice-token' http://127.0.0.1:1/secure/bearer", "--into", collection, "--spec", Self.pets,
                                   "--save-secrets"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(first.status == .success, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("  HTTPBearer_2  the HTTPBearer credential (command line:1)\n"))
        let secrets = String(decoding: try Data(contentsOf: config.appendingPathComponent("specter/secrets.yaml")), as: UTF8.self)
        #expect(secrets == "HTTPBearer: other-collections-token\nHTTPBearer_2: alice-token\n", "the other collection's secret is kept")
        let again = await specter(["import", "curl", "curl -H 'Authorization: Bearer alice-token' http://127.0.0.1:1/secure/bearer", "--into", collection,
                                   "--save-secrets"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(again.stdout.contains("  HTTPBearer_2  the HTTPBearer credential (command line:1) — already in the file\n"), "\(again.stdout)")
        #expect(again.stdout.contains("✓ get-secure-bearer.yaml  GET → secure_bearer_secure_bearer_get (already in the collection: not written again)"), "\(again.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: collection).filter { $0.hasSuffix(".yaml") }.sorted() == ["collection.yaml", "get-secure-bearer.yaml"])
        let other = await specter(["import", "curl", "curl http://127.0.0.1:1/pets", "--into", collection, "--spec", Fixtures.package("sample-specs/petstore.yaml").path])
        #expect(other.status == .usage && other.stderr.contains("belongs to"), "a collection is matched against its own description")
    }

    /// `--into` a folder inside a collection imports into that collection, under that folder, named
    /// as its requests are: no second collection starts inside the first.
    @Test func importingIntoAFolderOfACollectionAddsToThatCollection() async throws {
        let work = try Self.folder("import-subfolder")
        let collection = work.appendingPathComponent("pets")
        let first = await specter(["import", "curl", "curl http://127.0.0.1:1/pets", "--into", collection.path, "--spec", Self.pets])
        #expect(first.status == .success, "\(first.stdout)\(first.stderr)")
        try Data("name: Read one\noperation: GET /pets/{pet_id}\nparameters:\n  path:\n    pet_id: 1\n".utf8).write(to: collection.appendingPathComponent("read-one.yaml"))
        try FileManager.default.removeItem(at: collection.appendingPathComponent("get-pets.yaml"))
        let nested = await specter(["import", "curl", "curl http://127.0.0.1:1/pets/7", "--into", collection.appendingPathComponent("more/pets").path])
        #expect(nested.status == .success, "\(nested.stdout)\(nested.stderr)")
        #expect(nested.stdout.contains("✓ more/pets/get-pets-7.yaml  GET → "), "\(nested.stdout)")
        #expect(!FileManager.default.fileExists(atPath: collection.appendingPathComponent("more/pets/collection.yaml").path))
        let saved = String(decoding: try Fixtures.bytes(collection.appendingPathComponent("more/pets/get-pets-7.yaml")), as: UTF8.self)
        #expect(saved.contains("\noperation: GET /pets/{pet_id}\n"), "named as the collection's other request is: \(saved)")
        #expect(nested.stdout.contains("GET → GET /pets/{pet_id}"), "the report names it as the file does: \(nested.stdout)")
        // Not a file, nor where the collection keeps its environments: nothing is written then.
        let before = try FileManager.default.subpathsOfDirectory(atPath: collection.path).sorted()
        for (place, reason) in [("read-one.yaml", "is a file"), ("environments/more", "is where the collection keeps its environments")] {
            let refused = await specter(["import", "curl", "curl http://127.0.0.1:1/pets/8", "--into", collection.appendingPathComponent(place).path])
            #expect(refused.status == .usage && refused.stderr.contains(reason), "\(refused.stderr)")
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: collection.path).sorted() == before)
    }

    @Test func importingAgainToSaveTheSecretsFillsTheSlotsTheFirstImportNamed() async throws {
        let config = try Self.config()
        let work = try Self.folder("import-save-later")
        let collection = work.appendingPathComponent("forms").path
        let login = "curl -d username=alice -d password=wonderland http://127.0.0.1:1/forms/login"
        let first = await specter(["import", "curl", login, "--into", collection, "--spec", Self.pets], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(first.status == .success, "\(first.stdout)\(first.stderr)")
        // A dry run says what the import will do: the request is there already.
        let preview = await specter(["import", "curl", login, "--into", collection, "--dry-run"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(preview.stdout.contains("(already in the collection: would not be written again)"), "\(preview.stdout)")
        #expect(preview.stdout.contains("\n1 of them is in the collection already, so would not be written again\nread 1, matched 1, raw 0; 0 new would be written\n"), "\(preview.stdout)")
        let again = await specter(["import", "curl", login, "--into", collection, "--save-secrets"], variables: ["XDG_CONFIG_HOME": config.path])
        #expect(again.status == .success, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("(already in the collection: not written again)"), "\(again.stdout)")
        #expect(again.stdout.contains("\n1 of them is in the collection already, not written again\nread 1, matched 1, raw 0; 0 new written\n"), "\(again.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: collection).filter { $0.hasSuffix(".yaml") }.count == 2, "collection.yaml and one request")
        let secrets = String(decoding: try Data(contentsOf: config.appendingPathComponent("specter/secrets.yaml")), as: UTF8.self)
        #expect(secrets == "password: wonderland\n")
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: collection + "/collection.yaml")), as: UTF8.self).contains("password_2"))

        let otherConfig = try Self.config()
        let other = work.appendingPathComponent("other").path
        #expect(await specter(["import", "curl", login, "--into", other, "--spec", Self.pets], variables: ["XDG_CONFIG_HOME": otherConfig.path]).status == .success)
        let bob = await specter(["import", "curl", "curl -d username=bob -d password=builder http://127.0.0.1:1/forms/login", "--into", other, "--save-secrets"],
                                variables: ["XDG_CONFIG_HOME": otherConfig.path])
        #expect(bob.status == .success, "\(bob.stdout)\(bob.stderr)")
        let kept = String(decoding: try Data(contentsOf: otherConfig.appendingPathComponent("specter/secrets.yaml")), as: UTF8.self)
        #expect(kept == "password_2: builder\n", "another request's password never fills the first one's unfilled slot")
    }

    @Test func callMasksVariablesThatComeFromTheSecretsFileOrTheEnvironment() async throws {
        let work = try Self.folder("masking")
        let collection = work.appendingPathComponent("pets").path
        let imported = await specter(["import", "curl", "curl 'http://127.0.0.1:1/echo/query?q={{note}}' -H 'X-Trace: {{trace}}'", "--into", collection, "--spec", Self.pets])
        #expect(imported.status == .success)
        let manifest = URL(fileURLWithPath: collection).appendingPathComponent("collection.yaml")
        try Data((String(decoding: try Data(contentsOf: manifest), as: UTF8.self) + "variables:\n  note: env:SPECTER_NOTE\n  trace: plain\n").utf8).write(to: manifest)
        let run = await specter(["call", collection + "/get-echo-query.yaml", "--dry-run"], variables: ["SPECTER_NOTE": "top-secret-note"])
        #expect(run.status == .success, "\(run.stderr)")
        #expect(!run.stdout.contains("top-secret-note") && run.stdout.contains("X-Trace: plain"), "\(run.stdout)")
        let given = await specter(["call", collection + "/get-echo-query.yaml", "--dry-run", "--var", "note=env:SPECTER_NOTE"], variables: ["SPECTER_NOTE": "top-secret-note"])
        #expect(given.stdout.contains("q=env%3ASPECTER_NOTE"), "a --var is a value, never a reference: \(given.stdout)")
    }
}
