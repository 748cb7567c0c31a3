import Foundation
import Testing
import SpecterSchema
import SpecterSpec
import TestSupport

/// Where references may lead: the document's work tree (or its folder), never a hidden file or folder,
/// never out through a symbolic link; `--allow-external-refs` lifts it. Each test builds its own tree.
@Suite struct ReferenceSandboxTests {
    /// A fresh folder holding `files` (path → text), and symbolic links (path → target).
    static func tree(_ files: [String: String], links: [String: String] = [:]) throws -> URL {
        let top = FileManager.default.temporaryDirectory.appendingPathComponent("specter-sandbox-\(UUID().uuidString)")
        for (path, text) in files {
            let url = top.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for (path, target) in links {
            let url = top.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: top.appendingPathComponent(target).path)
        }
        return top
    }

    static func root(_ reference: String) -> String {
        """
        openapi: 3.0.0
        info: {title: Sandbox, version: "1"}
        paths:
          /a:
            get:
              parameters:
                - $ref: "\(reference)"
              responses: {"200": {description: ok}}
        """
    }

    static let parameter = "Param: {name: x, in: query, schema: {type: string}}\n"

    static func load(_ top: URL, _ path: String, allowExternal: Bool = false) async throws(SpecError) -> APIDocument {
        try await SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: allowExternal)))
            .load(url: top.appendingPathComponent(path), displayName: path)
    }

    static func refusal(_ top: URL, _ path: String) async -> SpecError? {
        do {
            _ = try await load(top, path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFileAboveTheFolderIsRefusedOutsideAWorkTree() async throws {
        let top = try Self.tree(["api/root.yaml": Self.root("../outside.yaml#/Param"), "outside.yaml": Self.parameter])
        defer { try? FileManager.default.removeItem(at: top) }
        let error = try #require(await Self.refusal(top, "api/root.yaml"))
        #expect(error.kind == .refusedReference)
        #expect(error.description.hasPrefix("api/root.yaml:7:11 (#/paths/~1a/get/parameters/0/$ref): refused reference \"../outside.yaml#/Param\": it leads outside "))
        #expect(error.description.hasSuffix("; pass --allow-external-refs to allow it"))
        let allowed = try await Self.load(top, "api/root.yaml", allowExternal: true)
        #expect(allowed.operations.first?.parameters.first?.name == "x")
    }

    /// azure-rest-api-specs' layout: `../../../common/…` inside the same repository is fine.
    @Test func aFileAboveTheFolderInTheSameWorkTreeIsRead() async throws {
        let top = try Self.tree([".git/HEAD": "ref: refs/heads/main\n", "specification/api/root.yaml": Self.root("../../common/types.yaml#/Param"),
                                 "common/types.yaml": Self.parameter])
        defer { try? FileManager.default.removeItem(at: top) }
        let document = try await Self.load(top, "specification/api/root.yaml")
        #expect(document.operations.first?.parameters.first?.name == "x")
    }

    @Test func aHiddenFolderIsNeverRead() async throws {
        let top = try Self.tree([".git/HEAD": "ref: refs/heads/main\n", "api/root.yaml": Self.root("../.secrets/keys.yaml#/Param"), ".secrets/keys.yaml": Self.parameter])
        defer { try? FileManager.default.removeItem(at: top) }
        let error = try #require(await Self.refusal(top, "api/root.yaml"))
        #expect(error.kind == .refusedReference)
        #expect(error.description.contains("it reads the hidden .secrets"))
    }

    @Test(arguments: ["linked.yaml#/Param", "linked-folder/outside.yaml#/Param"])
    func aSymbolicLinkThatLeadsOutIsRefused(_ reference: String) async throws {
        let top = try Self.tree(["api/root.yaml": Self.root(reference), "elsewhere/outside.yaml": Self.parameter],
                                links: ["api/linked.yaml": "elsewhere/outside.yaml", "api/linked-folder": "elsewhere"])
        defer { try? FileManager.default.removeItem(at: top) }
        let error = try #require(await Self.refusal(top, "api/root.yaml"))
        #expect(error.kind == .refusedReference)
        #expect(error.description.contains("(through a symbolic link, to "), "\(error)")
    }

    @Test func aSymbolicLinkThatStaysInsideIsFollowed() async throws {
        let top = try Self.tree(["api/root.yaml": Self.root("linked.yaml#/Param"), "api/shared/param.yaml": Self.parameter],
                                links: ["api/linked.yaml": "api/shared/param.yaml"])
        defer { try? FileManager.default.removeItem(at: top) }
        #expect(try await Self.load(top, "api/root.yaml").operations.first?.parameters.first?.name == "x")
    }

    /// A refused reference inside a schema is reported where it is written, naming the way to allow it,
    /// by `validate`, `example` and `show` alike (not "no value can satisfy this schema").
    @Test func aRefusedReferenceInsideASchemaIsLocated() async throws {
        let root = """
            openapi: 3.0.0
            info: {title: Sandbox, version: "1"}
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  required: [owner]
                  properties:
                    owner: {$ref: "../outside.yaml#/Owner"}
            """
        let top = try Self.tree(["api/root.yaml": root, "outside.yaml": "Owner: {type: object, required: [name]}\n"])
        defer { try? FileManager.default.removeItem(at: top) }
        let document = try await Self.load(top, "api/root.yaml")
        let pet = try #require(document.schema(at: "Pet"))
        let place = "api/root.yaml:10:17 (#/components/schemas/Pet/properties/owner/$ref): refused reference \"../outside.yaml#/Owner\""
        let errors = SchemaValidator(document: document).validate(["owner": [:]], against: pet).map(\.description)
        #expect(errors.count == 1 && errors[0].hasPrefix("owner: " + place) && errors[0].hasSuffix("pass --allow-external-refs to allow it"), "\(errors)")
        let example = ExampleGenerator(document: document).example(for: pet)
        #expect(example.errors.map(\.message).contains { $0.hasPrefix(place) }, "\(example.errors)")
        let outline = SchemaOutline.build(pet, documents: document.documents)
        let owner = try #require(outline.children.first { $0.name == "owner" })
        #expect(owner.type == "Owner (refused reference)")
        #expect(owner.notes.first?.hasPrefix(place) == true, "\(owner.notes)")
    }
}
