import Foundation
import Testing
import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterYAML
import TestSupport

@Suite struct CollectionTests {
    static let fixture = Fixtures.package("Tests/SpecterRequestTests/Fixtures/shop-collection")

    /// A copy of the fixture collection with its description beside it, as `../shop.yaml` expects.
    static func copy() throws -> URL {
        let copy = try Fixtures.temporaryCopy(of: fixture, label: "collection")
        try FileManager.default.copyItem(at: Fixtures.package("Tests/SpecterRequestTests/Fixtures/shop.yaml"),
                                         to: copy.deletingLastPathComponent().appendingPathComponent("shop.yaml"))
        return copy
    }

    static func files(under folder: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try Fixtures.bytes(url)
        }
        return files
    }

    @Test func readsEveryPartOfACollection() throws {
        let collection = try CollectionStore.open(Self.fixture)
        #expect(collection.problems.isEmpty)
        #expect(collection.manifest.spec == "../shop.yaml")
        #expect(collection.manifest.server == "https://shop.example/v1")
        #expect(collection.manifest.variables == ["item_id": "7"])
        #expect(collection.ordered.map(\.path) == ["public.yaml", "items/create-an-item.yaml", "items/get-an-item.yaml"], "by folder, then order")
        let get = try #require(collection.item(at: "items/get-an-item.yaml")).request
        #expect(get.name == "Get an item" && get.order == 1 && get.description == "The item the environment points at.")
        #expect(get.draft.parameter("itemId", in: .path) == "{{item_id}}")
        #expect(get.draft.credential(for: "bearer") == .environment("SHOP_TOKEN"))
        #expect(get.captures == ["item_name": "$.name"] && get.asserts == ["status == 200"])
        #expect(collection.item(at: "public.yaml")?.request.draft.operation == .route(method: "GET", path: "/public"))
        #expect(collection.environments == [RequestEnvironment(name: "staging", server: "https://staging.shop.example/v1",
                                                               variables: ["item_id": "42"], credentials: ["bearer": "secret:SHOP_TOKEN"])])
        #expect(collection.specLocation == Fixtures.package("Tests/SpecterRequestTests/Fixtures/shop.yaml").path)
    }

    @Test func savingUnchangedRequestsChangesNoByte() throws {
        let folder = try Self.copy()
        let before = try Self.files(under: folder)
        var collection = try CollectionStore.open(folder)
        for item in collection.items { try CollectionStore.save(item.request, at: item.path, in: &collection) }
        try CollectionStore.saveManifest(collection)
        let after = try Self.files(under: folder)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, bytes) in before {
            #expect(after[path] == bytes, "\(path) became:\n\(String(decoding: after[path] ?? [], as: UTF8.self))")
        }
    }

    @Test func aOneFieldChangeIsAOneLineDiff() throws {
        let folder = try Self.copy()
        var collection = try CollectionStore.open(folder)
        let path = "items/create-an-item.yaml"
        var request = try #require(collection.item(at: path)).request
        request.draft.body?.content = .json(["name": "Lamp", "price": 12, "tags": ["light", "{{$uuid}}"]])
        let before = String(decoding: try Fixtures.bytes(folder.appendingPathComponent(path)), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        try CollectionStore.save(request, at: path, in: &collection)
        let after = String(decoding: try Fixtures.bytes(folder.appendingPathComponent(path)), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.map { "\($0.0) → \($0.1)" } == ["    price: 9.5 →     price: 12"])
        #expect(after.contains("reviewed-by: kept too"), "unknown keys are kept")
    }

    @Test func aNewRequestIsWrittenInTheDocumentedOrder() throws {
        let folder = try Self.copy()
        var collection = try CollectionStore.open(folder)
        var draft = RequestDraft(operation: .id("getItem"))
        draft.setParameter("itemId", in: .path, to: "{{item_id}}")
        draft.setCredential(.literal("typed-in-token"), for: "bearer")
        draft.setCredential(.environment("KEY"), for: "apiKey")
        let request = SavedRequest(name: "Get item seven", description: "Saved from the explorer.", draft: draft, asserts: ["status == 200"])
        let path = "items/" + CollectionStore.fileName(for: request.name)
        try CollectionStore.save(request, at: path, in: &collection)
        #expect(path == "items/get-item-seven.yaml")
        #expect(String(decoding: try Fixtures.bytes(folder.appendingPathComponent(path)), as: UTF8.self) == """
            name: Get item seven
            description: Saved from the explorer.
            operation: getItem
            parameters:
              path:
                itemId: '{{item_id}}'
            auth:
              apiKey: env:KEY
            asserts:
              - status == 200

            """, "the typed-in token is not written")
        let reread = try CollectionStore.open(folder)
        #expect(reread.item(at: path)?.request.draft.parameter("itemId", in: .path) == "{{item_id}}")
    }

    /// A request added to a collection is spelled like the ones there: by method and path where every
    /// one names its operation so (a hand-written collection), else by operationId.
    @Test func aNewRequestNamesItsOperationAsTheCollectionsRequestsDo() async throws {
        let folder = try Self.copy()
        let collection = try CollectionStore.open(folder)
        let description = folder.deletingLastPathComponent().appendingPathComponent("shop.yaml")
        let service = DescriptionService(document: try await SpecLoader().load(url: description, displayName: "shop.yaml"))
        #expect(!collection.namesOperationsByRoute(in: service), "two requests by id, one by method and path")
        #expect(collection.spelling(.id("getItem"), in: service) == .id("getItem"))
        var byRoute = collection
        byRoute.items.removeAll { item in
            if case .id = item.request.draft.operation { return true }
            return false
        }
        #expect(byRoute.namesOperationsByRoute(in: service))
        #expect(byRoute.spelling(.id("getItem"), in: service).description == "GET /items/{itemId}")
        #expect(byRoute.spelling(.id("noSuchOperation"), in: service) == .id("noSuchOperation"), "kept as written when the description has no such operation")
        // A request naming an operation without an id could name it no other way: it tells nothing.
        let idlessText = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /public:\n    get:\n      responses: {'200': {description: ok}}\n"
        let idless = try await SpecLoader().load(bytes: Array(idlessText.utf8), url: folder.appendingPathComponent("idless.yaml"), displayName: "idless.yaml")
        #expect(!byRoute.namesOperationsByRoute(in: DescriptionService(document: idless)))
        #expect(!Collection(root: folder, manifest: collection.manifest).namesOperationsByRoute(in: service), "an empty collection names by id")
    }

    @Test func everyFixtureMatchesThePublishedSchema() throws {
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        let schema = try JSONParser.parse(Fixtures.bytes(Fixtures.package("docs/collection.schema.json")))
        registry.addDocument(schema, uri: "https://specter.dev/collection.schema.json")
        for part in ["manifest", "environment"] {
            registry.addDocument(JSONValue.object(["$ref": .string("collection.schema.json#/$defs/\(part)")]), uri: "https://specter.dev/\(part).json")
        }
        let validator = SchemaValidator(registry: registry)
        var compiled: [String: SchemaValidator.Compiled] = [:]
        for part in ["request", "manifest", "environment"] {
            let uri = part == "request" ? "https://specter.dev/collection.schema.json" : "https://specter.dev/\(part).json"
            let schema: SchemaValidator.Compiled = try #require(validator.compileDocumentRoot(uri), "\(part) compiles")
            compiled[part] = schema
        }
        var checked = 0
        for folder in [Self.fixture, Fixtures.package("Tests/SpecterCLITests/Fixtures/pets-collection")] {
            for (path, bytes) in try Self.files(under: folder) {
                let part = path == CollectionStore.manifestName ? "manifest" : path.hasPrefix("environments/") ? "environment" : "request"
                let errors = validator.validate(try YAMLLoader().load(bytes), against: try #require(compiled[part]))
                #expect(errors.isEmpty, "\(folder.lastPathComponent)/\(path): \(errors.map(\.description))")
                checked += 1
            }
        }
        #expect(checked >= 9)
        // The schema does catch a broken file: it is not a schema that accepts anything.
        let broken = try YAMLLoader().load("name: x\nauth: {bearer: typed-in-token}\n")
        #expect(validator.validate(broken, against: try #require(compiled["request"])).map(\.description).count >= 2, "no operation, a literal credential")
    }

    @Test func aFileThatDoesNotReadIsReportedWhereItBreaksAndLeftAlone() throws {
        let folder = try Self.copy()
        let broken = folder.appendingPathComponent("items/broken.yaml"), wrong = folder.appendingPathComponent("items/wrong.yaml")
        try Data("name: Broken\noperation: [getItem\n".utf8).write(to: broken)
        try Data("name: Wrong\norder: soon\noperation: getItem\n".utf8).write(to: wrong)
        var collection = try CollectionStore.open(folder)
        #expect(collection.problems.map(\.file) == ["items/broken.yaml", "items/wrong.yaml"])
        #expect(collection.problems.first?.position?.hasPrefix("3:") == true, "\(collection.problems)")
        #expect(collection.problems.last?.description == "items/wrong.yaml:2:1: /order: order is a whole number")
        #expect(collection.items.count == 3, "the others still open")
        for item in collection.items { try CollectionStore.save(item.request, at: item.path, in: &collection) }
        #expect(try Fixtures.bytes(broken) == Array("name: Broken\noperation: [getItem\n".utf8), "never rewritten")
        #expect(FileManager.default.fileExists(atPath: wrong.path))
    }

    @Test func aFileChangedOnDiskIsNotOverwrittenSilently() throws {
        let folder = try Self.copy()
        var collection = try CollectionStore.open(folder)
        let path = "public.yaml"
        let request = try #require(collection.item(at: path)).request
        try Data("name: Public thing, edited elsewhere\noperation: GET /public\n".utf8).write(to: folder.appendingPathComponent(path))
        var renamed = request
        renamed.name = "Public"
        #expect(throws: CollectionStore.Failure.changedOnDisk(path)) { try CollectionStore.save(renamed, at: path, in: &collection) }
        #expect(String(decoding: try Fixtures.bytes(folder.appendingPathComponent(path)), as: UTF8.self).contains("edited elsewhere"))
        // Saving a new request over a file that exists is refused the same way; overwriting is the user's choice.
        #expect(throws: CollectionStore.Failure.exists("items/get-an-item.yaml")) {
            var other = collection
            other.items.removeAll { $0.path == "items/get-an-item.yaml" }
            try CollectionStore.save(renamed, at: "items/get-an-item.yaml", in: &other)
        }
        try CollectionStore.save(renamed, at: path, in: &collection, overwriting: true)
        #expect(try CollectionStore.open(folder).item(at: path)?.request.name == "Public")
    }

    @Test func aFolderThatCannotBeWrittenIsAClearErrorAndTheRequestStaysInMemory() throws {
        let folder = try Self.copy()
        var collection = try CollectionStore.open(folder)
        // A file where the folder should be: the same failure path as a read-only folder or a full disk.
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("blocked"))
        let request = SavedRequest(name: "Nowhere", draft: RequestDraft(operation: .id("publicThing")))
        #expect {
            try CollectionStore.save(request, at: "blocked/nowhere.yaml", in: &collection)
        } throws: { error in
            guard case CollectionStore.Failure.write(let failure) = error else { return false }
            return failure.path == "blocked/nowhere.yaml" && !failure.reason.isEmpty
        }
        #expect(collection.item(at: "blocked/nowhere.yaml") == nil && collection.items.count == 3)
    }

    @Test func aFolderWithoutAManifestSaysHowToMakeOne() throws {
        let folder = try Fixtures.temporaryFolder("not-a-collection")
        #expect(throws: CollectionStore.Failure.notACollection(folder.path)) { try CollectionStore.open(folder) }
        #expect(CollectionStore.Failure.notACollection("pets").description.contains("specter collection new pets --spec SPEC"))
    }

    @Test func aManifestThatDoesNotReadIsNamedByItsWholePath() throws {
        let folder = try Self.copy()
        let manifest = folder.appendingPathComponent("collection.yaml")
        try Data("spec: api.json\nspec: other.json\n".utf8).write(to: manifest)
        do {
            _ = try CollectionStore.open(folder)
            Issue.record("expected the manifest to be refused")
        } catch {
            #expect(error.description == manifest.path + ":2:1: the key \"spec\" is written twice in this mapping; keep one")
        }
    }

    @Test func theManifestNamesALocalDescriptionRelativeToTheCollection() {
        let root = URL(fileURLWithPath: "/work/api/collections/pets")
        #expect(CollectionManifest.location(of: URL(fileURLWithPath: "/work/api/openapi.yaml"), from: root) == "../../openapi.yaml")
        #expect(CollectionManifest.location(of: URL(fileURLWithPath: "/work/api/collections/pets/spec.json"), from: root) == "spec.json")
    }

    @Test func secretsLiveOnlyInAPrivateFileOutsideTheCollection() throws {
        let config = try Fixtures.temporaryFolder("config")
        let secrets = SecretsFile(environment: ["XDG_CONFIG_HOME": config.path])
        #expect(try secrets.load() == [:])
        try secrets.store("s3cr3t", named: "SHOP_TOKEN")
        #expect(try secrets.load() == ["SHOP_TOKEN": "s3cr3t"])
        let attributes = try FileManager.default.attributesOfItem(atPath: secrets.url.path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: secrets.url.deletingLastPathComponent().path)[.posixPermissions] as? Int == 0o700)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: secrets.url.path)
        #expect {
            try secrets.load()
        } throws: { error in
            (error as? SecretsFile.Problem)?.description.contains("run: chmod 600 '\(secrets.url.path)'") == true
        }
    }
}

@Suite struct CollectionOrderTests {
    @Test func requestsWithoutAnOrderAreSortedAsPeopleExpect() throws {
        let names = ["step 10", "Step 2", "step 1", "alpha", "Beta", "step 02b"]
        let draft = RequestDraft(operation: .id("x"))
        let collection = Collection(root: URL(fileURLWithPath: "/c"), manifest: CollectionManifest(spec: "s"),
                                    items: names.map { Collection.Item(path: $0 + ".yaml", request: SavedRequest(name: $0, draft: draft)) },
                                    environments: [], problems: [])
        #expect(collection.ordered.map(\.request.name) == ["alpha", "Beta", "step 1", "Step 2", "step 02b", "step 10"])
    }
}

@Suite struct CollectionFolderTests {
    @Test func yamlThatIsNoSavedRequestIsLeftAloneButATwiceWrittenKeyIsAProblem() throws {
        let folder = try CollectionTests.copy()
        try Data("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\npaths: {}\n".utf8).write(to: folder.appendingPathComponent("openapi.yaml"))
        try Data("name: pets\nservices:\n  api: {image: pets}\n".utf8).write(to: folder.appendingPathComponent("docker-compose.yaml"))
        try Data("- one\n- two\n".utf8).write(to: folder.appendingPathComponent("items/list.yaml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("chart"), withIntermediateDirectories: true)
        try Data("apiVersion: v2\nname: pets\ndescription: The pets API\nversion: 1.0.0\n".utf8).write(to: folder.appendingPathComponent("chart/Chart.yaml"))
        try Data("name: Misspelt\noperaton: getItem\nasserts: [status == 200]\n".utf8).write(to: folder.appendingPathComponent("items/misspelt.yaml"))
        try Data("name: Twice\noperation: getItem\nasserts: [status == 500]\nasserts: [status == 200]\n".utf8)
            .write(to: folder.appendingPathComponent("items/twice.yaml"))
        let collection = try CollectionStore.open(folder)
        #expect(collection.otherFiles == ["chart/Chart.yaml", "docker-compose.yaml", "items/list.yaml", "openapi.yaml"],
                "a compose file's or a Helm chart's name, a description's repeated key")
        #expect(collection.items.map(\.path).sorted() == ["items/create-an-item.yaml", "items/get-an-item.yaml", "public.yaml"])
        #expect(collection.problems.map(\.file) == ["items/misspelt.yaml", "items/twice.yaml"], "a saved request with its operation misspelt is still told")
        #expect(collection.problems.last?.description == "items/twice.yaml:4:1: the key \"asserts\" is written twice in this mapping; keep one")
    }

    @Test func hiddenFilesAndFoldersAreNotSavedRequests() throws {
        let folder = try CollectionTests.copy()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git/refs"), withIntermediateDirectories: true)
        try Data("name: not mine\noperation: getItem\n".utf8).write(to: folder.appendingPathComponent(".git/refs/x.yaml"))
        try Data("name: swap\noperation: getItem\n".utf8).write(to: folder.appendingPathComponent("items/.get-an-item.yaml.swp.yaml"))
        let collection = try CollectionStore.open(folder)
        #expect(collection.items.map(\.path).sorted() == ["items/create-an-item.yaml", "items/get-an-item.yaml", "public.yaml"])
        #expect(collection.problems.isEmpty)
    }
}
