import Foundation
import Testing
import SpecterJSON
import TestSupport

@Suite struct ListCommandTests {
    @Test func textGroupsOperationsByTagInDocumentOrder() async {
        let run = await specter("list", "sample-specs/petstore.yaml")
        #expect(run.status == .success)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Swagger Petstore - OpenAPI 3.0 1.0.27-SNAPSHOT (OpenAPI 3.0.4) · 19 operations")
        #expect(lines[2] == "pet — Everything about your Pets")
        #expect(lines[3] == "  PUT     /pet                      updatePet                 Update an existing pet.", "the operationId is listed: commands take it")
        #expect(lines.contains("store — Access to Petstore orders"))
        #expect(lines.contains("  GET     /user/login               loginUser                 Logs user into the system."))
        #expect(run.stderr.isEmpty)
    }

    @Test func jsonHasOneRecordPerOperation() async throws {
        let run = await specter("list", "--format", "json", "sample-specs/petstore.yaml")
        #expect(run.status == .success)
        let records = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(records.count == 19)
        #expect(records[0] == [
            "method": "PUT", "path": "/pet", "operationId": "updatePet", "summary": "Update an existing pet.", "tags": ["pet"], "deprecated": false,
        ])
        #expect(records.allSatisfy { $0.objectValue?.keys == ["method", "path", "operationId", "summary", "tags", "deprecated"] })
    }

    @Test func jsonLeavesWebhooksOutAndUsesNullForMissingFields() async throws {
        let run = await specter("list", "--format=json", "Tests/SpecterSpecTests/Fixtures/openapi31.json")
        let records = try #require(try JSONParser.parse(run.stdout).arrayValue)
        #expect(records.map { $0["path"] } == [.string("/things")])
        #expect(records[0]["summary"] == .null)
    }

    @Test func deprecatedOperationsAreMarked() async {
        let run = await specter("list", "Tests/SpecterSpecTests/Fixtures/openapi30.yaml")
        #expect(run.stdout.contains("  DELETE  /pets/{petId}                     deletePet (deprecated)\n"), "\(run.stdout)")
        #expect(run.stderr.contains("3 warnings about the document (--warnings lists them)"))
    }

    @Test func warningsAreListedOnRequest() async {
        let run = await specter("list", "--warnings", "Tests/SpecterSpecTests/Fixtures/openapi30.yaml")
        #expect(run.stderr.contains("specter: Tests/SpecterSpecTests/Fixtures/openapi30.yaml:7:1 (#/mystery): warning: unknown field \"mystery\" in the document is ignored"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() async {
        let plain = await specter("list", "sample-specs/petstore.yaml")
        #expect(!plain.stdout.contains("\u{1B}["))
        let coloured = await specter("list", "sample-specs/petstore.yaml", terminal: true)
        #expect(coloured.stdout.contains("\u{1B}[1;32mGET    \u{1B}[0m"))
        let noColor = await specter("list", "sample-specs/petstore.yaml", terminal: true, variables: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func hostileTextIsPrintedInert() async {
        let run = await specter("list", "Tests/SpecterCLITests/Fixtures/hostile.yaml", terminal: true, variables: [:])
        #expect(run.stdout.contains("Hostile ␛[31mred␛[0m API"))
        #expect(run.stdout.contains("Clears ␛[2J the ␛]0;title␇ screen <U+202E>evil"))
        let withoutOurColours = run.stdout.replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "\u{1B}[1m", with: "")
            .replacingOccurrences(of: "\u{1B}[2m", with: "").replacingOccurrences(of: "\u{1B}[1;32m", with: "")
        #expect(!withoutOurColours.contains("\u{1B}"))
    }

    @Test func loadErrorsNameThePlaceAndExitWithTwo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.json")
        try Data("{\"openapi\": \"3.0.0\",\n \"paths\": [}".utf8).write(to: file)
        let run = await specter("list", file.path)
        #expect(run.status == .usage)
        #expect(run.stderr == "specter: \(file.path):2:12: unexpected '}', expected a value\n")
        #expect(run.stdout.isEmpty)
    }

    /// Azure's layout reaches three folders up; outside a git work tree (as in ../shared) that is refused.
    @Test func refusedReferencesExplainTheOption() async {
        let azure = "../shared/specs/azure-subset-via-oav/specification/sql/resource-manager/Microsoft.Sql/preview/2020-02-02-preview/Databases.json"
        let run = await specter("list", azure)
        #expect(run.status == .usage)
        #expect(run.stderr.contains("refused reference \"../../../common/v1/types.json"), "\(run.stderr)")
        #expect(run.stderr.contains("pass --allow-external-refs to allow it"))
        let allowed = await specter("list", "--allow-external-refs", azure)
        #expect(allowed.status == .success)
    }
}

@Suite struct ShowCommandTests {
    @Test func showsParametersBodyTreeAndResponses() async {
        let run = await specter("show", "sample-specs/petstore.yaml", "addPet")
        #expect(run.status == .success)
        let text = run.stdout
        #expect(text.hasPrefix("POST /pet\nAdd a new pet to the store.  [addPet]\nTags: pet\n"))
        #expect(text.contains("Request body (required) — application/json, application/xml, application/x-www-form-urlencoded"))
        #expect(text.contains("    name*       string           example: doggie"))
        #expect(text.contains("    status      string           one of: available, pending, sold"))
        #expect(text.contains("       application/xml: Pet  (same schema as above)"))
        #expect(text.contains("  default  Unexpected error"))
        #expect(text.contains("Security\n  petstore_auth: write:pets, read:pets"))
    }

    @Test func acceptsMethodAndPath() async {
        let run = await specter("show", "sample-specs/petstore.yaml", "GET /pet/{petId}")
        #expect(run.stdout.contains("  petId*  path  integer (int64)  ID of pet to return"))
    }

    @Test func recursiveSchemasAreShownAsReferences() async {
        let run = await specter("show", "Tests/SpecterSpecTests/Fixtures/multifile/root.yaml", "listSplitPets")
        #expect(run.stdout.contains("pets") && run.stdout.contains("array of pet (recursive)"))
    }

    @Test func unknownOperationSuggestsTheClosest() async {
        let run = await specter("show", "sample-specs/petstore.yaml", "addPets")
        #expect(run.status == .usage)
        #expect(run.stderr.contains("no operation \"addPets\""))
        #expect(run.stderr.contains("\"addPet\""))
    }

    @Test func statusKeysAreSanitisedInMessages() async {
        let run = await specter("validate", "Tests/SpecterCLITests/Fixtures/hostile.yaml", "--response", "getX", "--status", "500", "Tests/SpecterCLITests/Fixtures/pet-valid.yaml")
        #expect(run.status == .usage)
        #expect(run.stderr.contains("it has 200, 4␛[2J04"), "\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}"))
    }

    /// Descriptions read as the explorer's docs show them: HTML tags dropped, Markdown's marks taken
    /// off, links with their URL, items bulleted, a paragraph on one line.
    @Test func descriptionsAreReadAsMarkdown() async throws {
        let spec = FileManager.default.temporaryDirectory.appendingPathComponent("show-markdown-\(UUID().uuidString).yaml")
        let text = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /charges:
                post:
                  operationId: createCharge
                  description: "<p>Creates a <strong>charge</strong> for\\nthe `customer_id`.</p>\\n\\n- one\\n- two\\n\\nSee [the guide](https://example.com/guide)."
                  requestBody:
                    description: "**Required** when x <y and y >= 3"
                    content: {application/json: {schema: {type: object}}}
                  responses:
                    '200': {description: "<p>The <em>charge</em>.</p>"}
            """
        try Data(text.utf8).write(to: spec)
        defer { try? FileManager.default.removeItem(at: spec) }
        let run = await specter("show", spec.path, "createCharge")
        #expect(run.status == .success, "\(run.stderr)")
        #expect(run.stdout.contains("\nCreates a charge for the customer_id.\n\n• one\n• two\n\nSee the guide (https://example.com/guide).\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  Required when x <y and y >= 3\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  200  The charge."), "\(run.stdout)")
    }

    @Test func descriptionsAreSanitised() async {
        let run = await specter("show", "Tests/SpecterCLITests/Fixtures/hostile.yaml", "getX")
        #expect(run.stdout.contains("line one ␛]52;c;ZXZpbA==␇lines"), "a paragraph's lines are joined, as Markdown reads them")
        #expect(!run.stdout.contains("\u{1B}"))
    }
}

@Suite struct CommandLineTests {
    @Test func everyCommandHasHelp() async {
        for command in ["list", "show"] {
            let run = await specter(command, "--help")
            #expect(run.status == .success)
            #expect(run.stdout.contains("Usage: specter \(command)"))
        }
        let overview = await specter("--help")
        #expect(overview.stdout.contains("Commands:"))
    }

    @Test func anEnvironmentsFileWithASecretIsRefusedWithItsPlace() async {
        let run = await specter("explore", "--environments", "Tests/SpecterCLITests/Fixtures/environments-with-secret.yaml", "sample-specs/petstore.yaml")
        #expect(run.status == .usage)
        #expect(run.stderr == "specter: Tests/SpecterCLITests/Fixtures/environments-with-secret.yaml:5:7: /environments/local/credentials/HTTPBearer: "
            + "credentials must be env:VARIABLE or secret:NAME references: secrets are never written in files\n")
        let unknown = await specter("explore", "--env", "prod", "sample-specs/petstore.yaml")
        #expect(unknown.status == .usage)
        #expect(unknown.stderr.contains("--env needs an --environments file"))
    }

    @Test func usageErrorsExitWithTwo() async {
        let unknownCommand = await specter("frobnicate")
        #expect(unknownCommand.status == .usage)
        #expect(unknownCommand.stderr.hasPrefix("specter: 'frobnicate' is neither a command nor a file or URL"))
        let unknownOption = await specter("list", "--formt", "json", "x.yaml")
        #expect(unknownOption.status == .usage)
        #expect(unknownOption.stderr.hasPrefix("specter: unknown option --formt for 'specter list' (did you mean --format?)"))
        let missingArgument = await specter("show", "sample-specs/petstore.yaml")
        #expect(missingArgument.status == .usage)
        #expect(missingArgument.stderr.contains("expects SPEC_OR_URL OPERATION, got 1 argument"))
        let badFormat = await specter("list", "--format", "xml", "sample-specs/petstore.yaml")
        #expect(badFormat.status == .usage)
    }
}
