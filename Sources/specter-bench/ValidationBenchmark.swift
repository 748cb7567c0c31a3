import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// `validate [SPEC] [SCHEMA] [COUNT]`: validates COUNT instances (1 000 distinct ones, cycled) of a nested
/// schema from the corpus with Specter, and the same instances against the same schema with Python's
/// `jsonschema` in the same run, and prints both rates and their ratio.
enum ValidationBenchmark {
    static let defaultSpec = "../shared/specs/discord/openapi.json"
    static let defaultSchema = "MessageResponse"

    static let pythonScript = """
        import json, sys, time
        from jsonschema import Draft202012Validator, Draft4Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012, DRAFT4
        spec, name, instances_path, count, modern = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
        document = json.load(open(spec))
        instances = json.load(open(instances_path))
        uri = "https://specter.bench/openapi.json"
        resource = Resource.from_contents(document, default_specification=DRAFT202012 if modern else DRAFT4)
        registry = Registry().with_resource(uri, resource)
        cls = Draft202012Validator if modern else Draft4Validator
        validator = cls({"$ref": uri + "#/components/schemas/" + name}, registry=registry)
        start = time.perf_counter()
        valid = sum(1 for i in range(count) if validator.is_valid(instances[i % len(instances)]))
        print(json.dumps({"seconds": time.perf_counter() - start, "valid": valid}))
        """

    @MainActor static func run(_ arguments: [String]) async {
        let specPath = arguments.first ?? defaultSpec
        let schemaName = arguments.count > 1 ? arguments[1] : defaultSchema
        let count = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
        let document = try! await SpecLoader().load(url: URL(fileURLWithPath: specPath), displayName: specPath)
        guard let schema = document.schema(at: schemaName) else {
            print("no schema \(schemaName) in \(specPath)")
            exit(2)
        }
        let generator = ExampleGenerator(document: document)
        guard let example = generator.example(for: schema).value else {
            print("no example for \(schemaName)")
            exit(2)
        }
        let instances = (0..<1000).map { variant(of: example, number: $0) }
        let validator = SchemaValidator(document: document)
        let compiled = validator.compile(schema)
        print("schema: \(specPath)#/components/schemas/\(schemaName), \(count) validations of 1000 distinct instances "
            + "(\(example.description.utf8.count) bytes of JSON each)")

        var valid = 0
        let start = ContinuousClock.now
        for index in 0..<count where validator.isValid(instances[index % instances.count], against: compiled) { valid += 1 }
        let ours = (ContinuousClock.now - start).milliseconds / 1000
        let ourRate = Double(count) / ours
        print(String(format: "Specter (yes/no):      %10.0f instances/s  (%d valid)", ourRate, valid))
        let allErrorsCount = count / 10
        let allErrorsStart = ContinuousClock.now
        for index in 0..<allErrorsCount { _ = validator.validate(instances[index % instances.count], against: compiled) }
        let allErrors = Double(allErrorsCount) / ((ContinuousClock.now - allErrorsStart).milliseconds / 1000)
        print(String(format: "Specter (all errors):  %10.0f instances/s", allErrors))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instancesFile = directory.appendingPathComponent("instances.json")
        let scriptFile = directory.appendingPathComponent("bench.py")
        try? Data(JSONWriter.compact.string(.array(instances)).utf8).write(to: instancesFile)
        try? Data(pythonScript.utf8).write(to: scriptFile)
        let modern = document.version.usesJSONSchema2020 ? "1" : "0"
        guard let output = Timing.run("/usr/bin/env", ["python3", scriptFile.path, specPath, schemaName, instancesFile.path, String(count), modern]),
              let result = try? JSONParser.parse(output), let seconds = result["seconds"]?.doubleValue else {
            print("Python jsonschema: not available (pip install jsonschema) — no comparison")
            return
        }
        let pythonRate = Double(count) / seconds
        print(String(format: "Python jsonschema:     %10.0f instances/s  (%d valid)", pythonRate, result["valid"]?.intValue ?? -1))
        print(String(format: "ratio Specter / Python jsonschema: %.1fx (goal ≥ 20x)", ourRate / pythonRate))
    }

    /// The example with its strings varied, so no two consecutive instances are the same value.
    static func variant(of value: JSONValue, number: Int) -> JSONValue {
        switch value {
        case .string(let text) where text == "string": return .string("text \(number)")
        case .object(let object):
            var copy = object
            for member in object.members { copy[member.key] = variant(of: member.value, number: number) }
            return .object(copy)
        case .array(let items): return .array(items.map { variant(of: $0, number: number) })
        default: return value
        }
    }
}
