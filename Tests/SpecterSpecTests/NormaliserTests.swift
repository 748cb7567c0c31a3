import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec
import TestSupport

func loadFixture(_ name: String, allowExternal: Bool = false) async throws(SpecError) -> APIDocument {
    let loader = SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: allowExternal)))
    return try await loader.load(url: Fixtures.package("Tests/SpecterSpecTests/Fixtures/" + name), displayName: name)
}

@Suite struct Swagger2NormaliserTests {
    @Test func hostBasePathAndSchemesBecomeServers() async throws {
        let document = try await loadFixture("swagger2.yaml")
        #expect(document.version == .swagger2)
        #expect(document.servers.map(\.url) == ["https://api.example.com/v1", "http://api.example.com/v1"])
    }

    @Test func numericInfoVersionLoadsWithAWarning() async throws {
        let document = try await loadFixture("swagger2.yaml")
        #expect(document.info.version == "1")
        let warning = try #require(document.warnings.first { $0.message.contains("info.version") })
        #expect(document.describe(warning) == "swagger2.yaml:4:3 (#/info/version): warning: info.version should be a string, not the number 1")
    }

    @Test func simpleParametersGetASchemaAndAStyle() async throws {
        let operation = try #require(try await loadFixture("swagger2.yaml").operation(named: "listPets"))
        let limit = try #require(operation.parameters.first { $0.name == "limit" })
        #expect(limit.schema?.value == ["type": "integer", "minimum": 1, "maximum": 100, "default": 20])
        let tags = try #require(operation.parameters.first { $0.name == "tags" })
        #expect(tags.style == .form && tags.explode)
        #expect(tags.schema?.value == ["type": "array", "items": ["type": "string"]])
        let ids = try #require(operation.parameters.first { $0.name == "ids" })
        #expect(ids.style == .pipeDelimited && !ids.explode)
        #expect(operation.parameters.first { $0.name == "X-Trace" }?.location == .header)
    }

    @Test func responseSchemasUseProducesAndHeadersGetSchemas() async throws {
        let operation = try #require(try await loadFixture("swagger2.yaml").operation(named: "listPets"))
        let ok = try #require(operation.response(for: 200))
        #expect(ok.content.map(\.name) == ["application/json", "application/xml"])
        #expect(ok.content.first?.example == [["id": 1, "name": "Rex"]])
        #expect(ok.headers.first?.name == "X-Rate-Limit")
        #expect(ok.headers.first?.schema?.value == ["type": "integer", "description": "calls left"])
    }

    @Test func bodyParameterBecomesARequestBodyUsingConsumes() async throws {
        let operation = try #require(try await loadFixture("swagger2.yaml").operation(named: "createPet"))
        let body = try #require(operation.requestBody)
        #expect(body.required)
        #expect(body.content.map(\.name) == ["application/json", "text/plain"])
        #expect(body.content.first?.schema?.value == ["$ref": "#/definitions/Pet"])
    }

    @Test func formDataWithAFileBecomesAMultipartBody() async throws {
        let operation = try #require(try await loadFixture("swagger2.yaml").operation(named: "uploadPhoto"))
        let body = try #require(operation.requestBody)
        #expect(body.content.map(\.name) == ["multipart/form-data"])
        #expect(body.content.first?.schema?.value == [
            "type": "object",
            "properties": ["photo": ["type": "string", "format": "binary"], "caption": ["type": "string"]],
            "required": ["photo"],
        ])
        // The operation-level path parameter overrides the path-level one of the same name.
        #expect(operation.parameters.count == 1)
        #expect(operation.parameters.first?.schema?.value == ["type": "integer", "format": "int64"])
    }

    @Test func securityDefinitionsBecomeSchemes() async throws {
        let document = try await loadFixture("swagger2.yaml")
        #expect(document.securitySchemes.map(\.kind) == [
            .http(scheme: "basic", bearerFormat: nil),
            .apiKey(name: "X-Key", location: .header),
            .oauth2([OAuthFlow(grant: .clientCredentials, authorizationURL: nil, tokenURL: "https://auth.example.com/token", refreshURL: nil, scopes: ["read": "Read things"])]),
        ])
        #expect(document.security == [SecurityRequirement(entries: [.init(scheme: "key", scopes: [])])])
        #expect(document.operation(named: "uploadPhoto")?.security == [SecurityRequirement(entries: [.init(scheme: "machine", scopes: ["read"])])])
        #expect(document.schemas.map(\.name) == ["Pet"])
    }
}

@Suite struct OpenAPI30NormaliserTests {
    @Test func serverVariablesKeepTheirEnumsAndDefaults() async throws {
        let server = try #require(try await loadFixture("openapi30.yaml").servers.first)
        #expect(server.variables.map(\.name) == ["region", "base"])
        #expect(server.variables.first?.enumValues == ["eu", "us"])
        #expect(server.resolvedURL() == "https://eu.example.com/v2")
        #expect(server.resolvedURL(values: ["region": "us"]) == "https://us.example.com/v2")
    }

    @Test func pathLevelParametersMergeAndOperationLevelWins() async throws {
        let operation = try #require(try await loadFixture("openapi30.yaml").operation(named: "getPet"))
        #expect(operation.parameters.map(\.name) == ["petId", "verbose", "filter", "coords"])
        #expect(operation.parameters[0].schema?.value == ["type": "integer"])
        #expect(operation.parameters[2].style == .deepObject)
        #expect(operation.parameters[3].content.first?.name == "application/json")
        #expect(operation.parameters[1].style == .form && operation.parameters[1].explode)
    }

    @Test func responsesResolveAndRangesAndDefaultAreFound() async throws {
        let operation = try #require(try await loadFixture("openapi30.yaml").operation(named: "getPet"))
        #expect(operation.responses.map(\.status) == ["200", "2XX", "default"])
        #expect(operation.response(for: 200)?.description == "A pet")
        #expect(operation.response(for: 204)?.status == "2XX")
        #expect(operation.response(for: 500)?.status == "default")
        let ok = try #require(operation.response(for: 200))
        #expect(ok.headers.first?.required == true)
        #expect(ok.content.first?.examples.first?.value == ["id": 1])
        #expect(ok.content.first?.schema?.address.pointer.description == "/components/responses/PetResponse/content/application~1json/schema")
    }

    @Test func requestBodiesEncodingsAndCallbacks() async throws {
        let operation = try #require(try await loadFixture("openapi30.yaml").operation(named: "subscribe"))
        let body = try #require(operation.requestBody)
        #expect(body.required)
        #expect(body.content.map(\.name) == ["application/json", "multipart/form-data"])
        #expect(body.content[1].encoding.first?.contentType == "image/png")
        let callback = try #require(operation.callbacks.first)
        #expect(callback.name == "onEvent")
        #expect(callback.expression == "{$request.body#/callbackUrl}")
        #expect(callback.operations.first?.method == "POST")
    }

    @Test func extensionsDeprecationAndTagsAreKept() async throws {
        let document = try await loadFixture("openapi30.yaml")
        #expect(document.extensions["x-generator"] == .string("hand"))
        #expect(document.info.extensions["x-audience"] == .string("public"))
        #expect(document.operation(named: "getPet")?.extensions["x-rate-limit"] == .int(10))
        #expect(document.operation(named: "deletePet")?.deprecated == true)
        #expect(document.tags.first == APITag(name: "pets", description: "Everything about pets", externalDocs: nil))
        #expect(document.securitySchemes.map(\.name) == ["bearer", "cookie", "oauth"])
    }

    @Test func realWorldQuirksLoadWithLocatedWarnings() async throws {
        let document = try await loadFixture("openapi30.yaml")
        let messages = document.warnings.map { document.describe($0) }
        #expect(messages.contains("openapi30.yaml:7:1 (#/mystery): warning: unknown field \"mystery\" in the document is ignored"))
        #expect(messages.contains { $0.hasPrefix("openapi30.yaml:40:5 (#/paths/~1pets~1%7BpetId%7D/delete): warning: operation DELETE /pets/{petId} has no responses") })
        #expect(messages.contains { $0.contains("path parameter \"itemId\" is used in /orders/{orderId}/items/{itemId} but not declared") })
        let getItem = try #require(document.operation(named: "getItem"))
        #expect(getItem.parameters.map(\.name) == ["orderId", "itemId"])
    }

    @Test func operationsAreFoundByIdOrMethodAndPath() async throws {
        let document = try await loadFixture("openapi30.yaml")
        #expect(document.operation(named: "get /pets/{petId}")?.operationID == "getPet")
        #expect(document.operation(named: "nothing") == nil)
    }
}

@Suite struct OpenAPI31NormaliserTests {
    @Test func webhooksAreSeparateFromOperations() async throws {
        let document = try await loadFixture("openapi31.json")
        #expect(document.version == .openAPI31("3.1.0"))
        #expect(document.operations.map(\.displayID) == ["listThings"])
        #expect(document.webhooks.map(\.path) == ["newThing"])
        #expect(document.webhooks.first?.isWebhook == true)
        let index = EndpointIndex(document)
        #expect(index.groups.map(\.name) == ["/things", "Webhooks"])
    }

    /// Without tags (Stripe: 588 operations), operations are grouped by resource.
    @Test func untaggedOperationsAreGroupedByTheirLeadingPathSegments() {
        let paths = ["/v1/customers", "/v1/customers/{customer}", "/v1/charges", "/v1/customers/{customer}/sources", "/v1/charges/{charge}/capture", "/v1/balance"]
        let groups = EndpointIndex.pathGroups(paths.enumerated().map { ($0.offset, $0.element) })
        #expect(groups.map(\.name) == ["/v1/customers", "/v1/charges", "/v1/balance"])
        #expect(groups.map(\.members) == [[0, 1, 3], [2, 4], [5]])
        #expect(EndpointIndex.pathGroups([(0, "/pets"), (1, "/pets/{id}")]).map(\.name) == ["/pets"])
        #expect(EndpointIndex.pathGroups([(0, "/"), (1, "/{id}")]).map(\.name) == ["/"])
    }

    @Test func pointersUnescapeTildesSlashesAndPercentEncoding() async throws {
        let document = try await loadFixture("openapi31.json")
        for (name, expected) in [("Alias", "integer"), ("Tilde", "integer"), ("Spaced", "integer")] {
            let schema = try #require(document.schema(at: "#/components/schemas/\(name)"))
            let resolved = try document.documents.dereference(schema.value, at: schema.address)
            #expect(resolved.value["type"] == .string(expected), "\(name)")
        }
    }

    @Test func typeArraysReadAsNullable() async throws {
        let document = try await loadFixture("openapi31.json")
        let thing = try #require(document.schema(at: "Thing"))
        let outline = SchemaOutline.build(thing, documents: document.documents)
        #expect(outline.children.first?.type == "string | null")
    }
}

@Suite struct ReferenceTests {
    @Test func relativeFileReferencesResolveAcrossFolders() async throws {
        let document = try await loadFixture("multifile/root.yaml")
        let operation = try #require(document.operation(named: "listSplitPets"))
        #expect(operation.parameters.first?.name == "limit")
        #expect(document.documents.documentCount == 5)
        let schema = try #require(operation.response(for: 200)?.content.first?.schema)
        let outline = SchemaOutline.build(schema, documents: document.documents)
        // pet.yaml → owner.yaml#/Owner → pet.yaml: the cycle ends in a "recursive" leaf.
        let rows = outline.rows().map { String(repeating: " ", count: $0.depth) + $0.label + " " + $0.type }
        #expect(rows == [" array of pet", " name string", " owner Owner", "  pets array of pet (recursive)"])
    }

    @Test func danglingReferencesAreLocatedErrorsThatSkipOnlyTheirPart() async throws {
        let document = try await loadFixture("multifile/root.yaml")
        let broken = try #require(document.operation(named: "GET /broken"))
        #expect(broken.parameters.map(\.name) == ["limit"])
        let errors = document.warnings.filter { $0.severity == .error }.map { document.describe($0) }
        #expect(errors.contains(
            "multifile/root.yaml:9:11 (#/paths/~1broken/get/parameters/0/$ref): error: dangling reference \"#/components/parameters/Missing\": nothing at #/components/parameters/Missing in multifile/root.yaml"))
        #expect(errors.contains { $0.contains("reference cycle through \"#/components/responses/Loop") })
        #expect(broken.responses.isEmpty)
    }

    @Test func recursiveComponentSchemasStayFinite() async throws {
        let document = try await loadFixture("openapi30.yaml")
        let pet = try #require(document.schema(at: "Pet"))
        let outline = SchemaOutline.build(pet, documents: document.documents)
        #expect(outline.type == "object | null")
        #expect(outline.children.map(\.type) == ["integer", "array of Pet (recursive)"])
    }
}

@Suite struct LoadErrorTests {
    func loadText(_ text: String, name: String) async throws -> APIDocument {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-load-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try await SpecLoader().load(url: file, displayName: name)
    }

    @Test(arguments: [
        ("openapi: 3.0.0\ninfo: {title: x\npaths: {}\n", "bad.yaml", "bad.yaml:3:"),
        ("{\"openapi\": \"3.0.0\", \"info\": }", "bad.json", "bad.json:1:30: unexpected '}', expected a value"),
        ("[1, 2]", "list.json", "list.json:1:1: not an OpenAPI description: the document is a array, not an object"),
        ("title: nothing\n", "plain.yaml", "plain.yaml:1:1: not an OpenAPI description: it has no \"openapi\" or \"swagger\" field"),
        ("swagger: \"1.2\"\n", "old.yaml", "old.yaml:1:1 (#/swagger): unsupported Swagger version 1.2"),
        ("asyncapi: 2.6.0\n", "async.yaml", "async.yaml:1:1: this is an AsyncAPI document"),
        ("", "empty.yaml", "empty.yaml:1:1: not an OpenAPI description: the document is empty"),
    ])
    func badDocumentsFailWithALocatedMessage(_ text: String, _ name: String, _ expected: String) async throws {
        do {
            _ = try await loadText(text, name: name)
            Issue.record("expected \(name) to fail")
        } catch let error as SpecError {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }

    @Test func missingFileIsNamed() async throws {
        do {
            _ = try await SpecLoader().load("/nonexistent/specter.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/specter.yaml: no such file")
        }
    }
}
