import Foundation
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// Reference resolution and normalisation over a generated multi-file description: the input is
/// split (at NUL bytes) into `root.yaml`, `common.yaml`, `sub/part.json` and `../outside.yaml`, written
/// to a private folder, loaded, and every component schema is outlined and compiled.
enum ReferencesFuzz {
    static let names = ["api/root.yaml", "api/common.yaml", "api/sub/part.json", "outside.yaml"]
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-fuzz-references-\(getpid())")
        try? FileManager.default.createDirectory(at: folder.appendingPathComponent("api/sub"), withIntermediateDirectories: true)
        return folder
    }()

    static func run(_ data: [UInt8]) {
        let parts = data.split(separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
        for (index, name) in names.enumerated() {
            let bytes = index < parts.count ? Array(parts[index]) : []
            try? Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        let root = folder.appendingPathComponent(names[0])
        guard let loaded = blocking({ () -> APIDocument? in try? await loader.load(url: root, displayName: "root.yaml") }), let document = loaded else { return }
        let validator = SchemaValidator(document: document)
        for named in document.schemas.prefix(20) {
            _ = SchemaOutline.build(named.schema, documents: document.documents)
            _ = validator.validate(.null, against: named.schema)
        }
        for operation in document.operations.prefix(20) {
            _ = RequestForm(operation: operation, document: document)
        }
    }
}

/// The validator with both schema and instance fuzzed: the yes/no answer agrees with the list of errors.
enum ValidatorFuzz {
    static let dialects: [SchemaDialect] = [.draft4, .draft2020_12, .openAPI30, .openAPI31]

    static func run(_ data: [UInt8]) {
        var input = FuzzBytes(data)
        let dialect = dialects[input.number(below: dialects.count)]
        let rest = input.rest()
        guard let split = rest.firstIndex(of: 0), let schema = try? JSONParser.parse(Array(rest[..<split])),
              let instance = try? JSONParser.parse(Array(rest[(split + 1)...])) else { return }
        let registry = SchemaRegistry(defaultDialect: dialect)
        registry.addDocument(schema, uri: "https://fuzz.test/schema.json")
        let every = SchemaValidator(registry: registry, options: ValidationOptions(stepBudget: 200_000))
        guard let compiled = every.compileDocumentRoot("https://fuzz.test/schema.json") else { return }
        let all = every.report(instance, against: compiled)
        // The yes/no path needs no more steps than the all-errors path, so it finished too.
        guard all.stop == nil else { return }
        FuzzCheck.require(all.errors.isEmpty == every.isValid(instance, against: compiled), "the yes/no check and the all-errors check disagree")
    }
}

/// Example generation for a fuzzed component schema: a valid example is valid to a second validator.
enum ExamplesFuzz {
    static func run(_ data: [UInt8]) {
        guard let schema = try? JSONParser.parse(data) else { return }
        let text = JSONWriter.compact.string(["openapi": "3.1.0", "info": ["title": "fuzz", "version": "1"], "paths": [:], "components": ["schemas": ["S": schema]]])
        guard let loaded = blocking({ () -> APIDocument? in
            try? await loader.load(bytes: Array(text.utf8), url: URL(fileURLWithPath: "/fuzz/examples.json"), displayName: "examples.json")
        }), let document = loaded, let target = document.schema(at: "S") else { return }
        var generator = ExampleGenerator(document: document)
        generator.workBudget = 400_000
        let outcome = generator.example(for: target)
        guard outcome.isValid, let value = outcome.value else { return }
        let validator = SchemaValidator(document: document, options: ValidationOptions(stepBudget: 400_000))
        let second = validator.report(value, against: validator.compile(target))
        FuzzCheck.require(second.stop != nil || second.errors.isEmpty, "a valid example is invalid to a second validator: \(second.errors.prefix(2))")
    }
}
