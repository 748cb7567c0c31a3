import Foundation
import Testing
import SpecterJSON
import TestSupport

@Suite struct ValidateCommandTests {
    @Test func validFileExitsZero() async {
        let run = await specter("validate", "sample-specs/petstore.yaml", "--schema", "#/components/schemas/Pet", "Tests/SpecterCLITests/Fixtures/pet-valid.yaml")
        #expect(run.status == .success)
        #expect(run.stdout == "Tests/SpecterCLITests/Fixtures/pet-valid.yaml: valid against #/components/schemas/Pet\n")
    }

    @Test func invalidFileListsEachErrorWithItsPlace() async {
        let run = await specter("validate", "sample-specs/petstore.yaml", "--schema", "Pet", "Tests/SpecterCLITests/Fixtures/pet-invalid.json")
        #expect(run.status == .failure)
        #expect(run.stdout == """
            Tests/SpecterCLITests/Fixtures/pet-invalid.json: 2 errors against Pet
              Tests/SpecterCLITests/Fixtures/pet-invalid.json:3:22: photoUrls[1]: must be a string
              Tests/SpecterCLITests/Fixtures/pet-invalid.json:4:3: status: must be one of: available, pending, sold

            """)
    }

    @Test func requestBodiesAreCheckedAsRequests() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("body.json")
        try Data(#"{"name": "Rex", "age": 3, "id": 9, "kind": {"petType": "Cat", "indoor": "yes"}}"#.utf8).write(to: file)
        let run = await specter("validate", "Tests/SpecterSchemaTests/Fixtures/forms.yaml", "--request", "updatePet", file.path)
        #expect(run.status == .failure)
        #expect(run.stdout.contains("body.json:1:27: id: is read-only and must not be sent"))
        // The discriminator (petType: Cat) picks the alternative: only its errors are reported.
        #expect(!run.stdout.contains("alternatives"))
        #expect(run.stdout.contains("kind.indoor: must be a boolean"))
    }

    @Test func responsesAreFoundByStatus() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("order.json")
        try Data(#"{"id": 1, "quantity": "two"}"#.utf8).write(to: file)
        let run = await specter("validate", "sample-specs/petstore.yaml", "--response", "getOrderById", "--status", "200", file.path)
        #expect(run.status == .failure)
        #expect(run.stdout.contains("against response 200 of getOrderById (application/json)"))
        #expect(run.stdout.contains("quantity: must be an integer"))
    }

    @Test func usageAndLoadErrorsExitTwo() async {
        let none = await specter("validate", "sample-specs/petstore.yaml", "Tests/SpecterCLITests/Fixtures/pet-valid.yaml")
        #expect(none.status == .usage)
        #expect(none.stderr.contains("choose exactly one of --schema, --request or --response"))
        let missing = await specter("validate", "sample-specs/petstore.yaml", "--schema", "#/components/schemas/Nope", "Tests/SpecterCLITests/Fixtures/pet-valid.yaml")
        #expect(missing.status == .usage)
        let badFile = await specter("validate", "sample-specs/petstore.yaml", "--schema", "Pet", "Tests/SpecterCLITests/Fixtures/hostile.yaml.missing")
        #expect(badFile.status == .usage)
        #expect(badFile.stderr.contains("cannot read the file"))
    }

    @Test func brokenDataFilesAreLocated() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.json")
        try Data("{\"name\": }".utf8).write(to: file)
        let run = await specter("validate", "sample-specs/petstore.yaml", "--schema", "Pet", file.path)
        #expect(run.status == .usage)
        #expect(run.stderr == "specter: \(file.path):1:10: unexpected '}', expected a value\n")
    }
}

@Suite struct ExampleCommandTests {
    @Test func printsAValidExampleAsJSON() async throws {
        let run = await specter("example", "sample-specs/petstore.yaml", "--schema", "#/components/schemas/Pet")
        #expect(run.status == .success)
        let value = try JSONParser.parse(run.stdout)
        #expect(value["name"] == "doggie")
        #expect(value["status"] == "available")
    }

    @Test func requestExamplesLeaveOutReadOnlyProperties() async throws {
        let run = await specter("example", "Tests/SpecterSchemaTests/Fixtures/forms.yaml", "--request", "updatePet")
        let value = try JSONParser.parse(run.stdout)
        #expect(value["id"] == nil)
        #expect(value["kind"]?["petType"] == "Cat")
    }

    @Test func unsatisfiableSchemasExplainWhy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("spec.yaml")
        try Data("""
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths: {}
            components:
              schemas:
                Impossible: {type: integer, enum: [a, b]}
            """.utf8).write(to: file)
        let run = await specter("example", file.path, "--schema", "Impossible")
        #expect(run.status == .failure)
        #expect(run.stderr.contains("no valid example for Impossible"))
        #expect(run.stderr.contains("must be an integer") || run.stderr.contains("must be one of: a, b"))
    }
}
