import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// `validate [SPEC] [SCHEMA] [COUNT]`: validates COUNT instances (1 000 distinct ones, cycled) of a nested
/// schema from the corpus with Specter, and the same instances against the same schema with Python's
/// `jsonschema` and with the Rust `jsonschema` crate (`jsonschema-rs`, asserting formats as Specter does)
/// in the same run; then one array
/// of 10 000 objects (about 2 MB) against its array schema; and prints the rates and their ratios.
enum ValidationBenchmark {
    static let defaultSpec = "../shared/specs/discord/openapi.json"
    static let defaultSchema = "MessageResponse"

    /// Times Python `jsonschema` (yes/no) and the Rust `jsonschema` crate through its binding
    /// `jsonschema-rs` (yes/no and all errors) on the same instances; the schema is the whole
    /// description with a `$ref` to the component (its other members are unknown keywords, ignored).
    static let pythonScript = """
        import json, sys, time
        spec, ref, instances_path, count, modern, large_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1", sys.argv[6]
        document = json.load(open(spec))
        instances, broken = (lambda data: (data["valid"], data["broken"]))(json.load(open(instances_path)))
        large = json.load(open(large_path))
        schema = dict(document)
        schema["$ref"] = ref
        if modern:
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        def rate(check, n, values=instances):
            start = time.perf_counter()
            valid = sum(1 for i in range(n) if check(values[i % len(values)]))
            return {"seconds": time.perf_counter() - start, "valid": valid, "count": n}
        def once(check, value, rounds):
            start = time.perf_counter()
            for _ in range(rounds):
                check(value)
            return (time.perf_counter() - start) / rounds
        result = {}
        try:
            import jsonschema
            cls = jsonschema.Draft202012Validator if modern else jsonschema.Draft4Validator
            python = cls(schema)
            result["python"] = rate(python.is_valid, min(count, 20000))
        except ImportError:
            pass
        try:
            import jsonschema_rs
            cls = jsonschema_rs.Draft202012Validator if modern else jsonschema_rs.Draft4Validator
            # Formats asserted, as Specter asserts them; its default (formats as annotations) is timed too.
            rust = cls(schema, validate_formats=True)
            result["rs"] = rate(rust.is_valid, count)
            result["rsAll"] = rate(lambda value: not list(rust.iter_errors(value)), count // 10)
            result["rsBroken"] = rate(lambda value: not list(rust.iter_errors(value)), count // 10, broken)
            result["rsNoFormats"] = rate(cls(schema).is_valid, count)
            array_schema = dict(schema)
            array_schema["$ref"] = "#/$defs/list"
            array_schema["$defs"] = {"list": {"type": "array", "items": {"$ref": sys.argv[7]}}}
            rust_array = cls(array_schema, validate_formats=True)
            result["rsLarge"] = once(rust_array.is_valid, large, 20)
            result["rsLargeAll"] = once(lambda value: list(rust_array.iter_errors(value)), large, 5)
        except ImportError:
            pass
        print(json.dumps(result))
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
        // Instances with one member of the wrong type: the errors are explained, not just found.
        let broken = instances.map(brokenVariant)
        let brokenStart = ContinuousClock.now
        var brokenErrors = 0
        for index in 0..<allErrorsCount { brokenErrors += validator.validate(broken[index % broken.count], against: compiled).count }
        let brokenRate = Double(allErrorsCount) / ((ContinuousClock.now - brokenStart).milliseconds / 1000)
        print(String(format: "Specter (all errors, broken instances): %10.0f instances/s  (%d errors)", brokenRate, brokenErrors))

        let large = largeWorkload(document: document, validator: validator)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let instancesFile = directory.appendingPathComponent("instances.json"), largeFile = directory.appendingPathComponent("large.json")
        let scriptFile = directory.appendingPathComponent("bench.py")
        try? Data(JSONWriter.compact.string(["valid": .array(instances), "broken": .array(broken)]).utf8).write(to: instancesFile)
        try? Data(JSONWriter.compact.string(large?.instance ?? .array([])).utf8).write(to: largeFile)
        try? Data(pythonScript.utf8).write(to: scriptFile)
        let modern = document.version.usesJSONSchema2020 ? "1" : "0"
        let venv = ProcessInfo.processInfo.environment["SPECTER_BENCH_VENV"] ?? ".bench-venv"
        let python = FileManager.default.isExecutableFile(atPath: venv + "/bin/python") ? venv + "/bin/python" : "/usr/bin/python3"
        guard let output = Timing.run(python, [scriptFile.path, specPath, "#/components/schemas/\(schemaName)", instancesFile.path, String(count), modern, largeFile.path,
                                               "#/components/schemas/\(large?.itemName ?? schemaName)"]),
              let result = try? JSONParser.parse(output) else {
            print("Python baselines: not available (python3 -m venv .bench-venv && .bench-venv/bin/pip install jsonschema jsonschema-rs)")
            return
        }
        func rate(_ key: String) -> Double? {
            guard let seconds = result[key]?["seconds"]?.doubleValue, let count = result[key]?["count"]?.doubleValue else { return nil }
            return count / seconds
        }
        if let pythonRate = rate("python") {
            print(String(format: "Python jsonschema:     %10.0f instances/s  (%d valid)", pythonRate, result["python"]?["valid"]?.intValue ?? -1))
            print(String(format: "ratio Specter / Python jsonschema: %.1fx (goal ≥ 20x)", ourRate / pythonRate))
        }
        guard let rustRate = rate("rs"), let rustAll = rate("rsAll") else {
            print("jsonschema-rs: not available (pip install jsonschema-rs) — no comparison")
            return
        }
        print(String(format: "jsonschema-rs (yes/no):     %10.0f instances/s  (%d valid; formats asserted, as by Specter)", rustRate, result["rs"]?["valid"]?.intValue ?? -1))
        print(String(format: "jsonschema-rs (all errors): %10.0f instances/s", rustAll))
        if let plain = rate("rsNoFormats") {
            print(String(format: "jsonschema-rs (yes/no, formats as annotations, its default): %10.0f instances/s; Specter %.2fx of it", plain, ourRate / plain))
        }
        print(String(format: "ratio Specter / jsonschema-rs: yes/no %.2fx (goal ≥ 1.0x), all errors %.2fx (goal ≥ 0.5x)", ourRate / rustRate, allErrors / rustAll))
        if let rustBroken = rate("rsBroken") {
            print(String(format: "all errors on broken instances: Specter %.0f/s, jsonschema-rs %.0f/s, ratio %.2fx", brokenRate, rustBroken, brokenRate / rustBroken))
        }
        guard let large, let rustLarge = result["rsLarge"]?.doubleValue, let rustLargeAll = result["rsLargeAll"]?.doubleValue else { return }
        print(String(format: "one array of %d %@ (%.1f MB): Specter yes/no %.1f ms, all errors %.1f ms; jsonschema-rs %.1f ms, %.1f ms; ratios %.2fx, %.2fx",
                     large.count, large.itemName, Double(large.bytes) / 1_048_576, large.yesNo * 1000, large.allErrors * 1000, rustLarge * 1000, rustLargeAll * 1000,
                     rustLarge / large.yesNo, rustLargeAll / large.allErrors))
    }

    /// The second workload: one array of 10 000 `UserResponse`-like objects (about 2 MB) against
    /// its array schema, timed with Specter here (yes/no over 20 rounds, all errors over 5).
    static func largeWorkload(document: APIDocument, validator: SchemaValidator, itemName: String = "UserResponse", count: Int = 10_000)
        -> (instance: JSONValue, itemName: String, count: Int, bytes: Int, yesNo: Double, allErrors: Double)? {
        guard let item = document.schema(at: itemName), let example = ExampleGenerator(document: document).example(for: item).value else { return nil }
        let instance = JSONValue.array((0..<count).map { variant(of: example, number: $0) })
        let arraySchema: JSONValue = ["type": "array", "items": ["$ref": .string("#/components/schemas/\(itemName)")]]
        let compiled = validator.compile(SchemaRef(value: arraySchema, address: item.address, isSynthesized: true))
        let yesNoStart = ContinuousClock.now
        for _ in 0..<20 { _ = validator.isValid(instance, against: compiled) }
        let yesNo = (ContinuousClock.now - yesNoStart).milliseconds / 1000 / 20
        let allStart = ContinuousClock.now
        for _ in 0..<5 { _ = validator.validate(instance, against: compiled) }
        let allErrors = (ContinuousClock.now - allStart).milliseconds / 1000 / 5
        return (instance, itemName, count, JSONWriter.compact.string(instance).utf8.count, yesNo, allErrors)
    }

    /// The instance with its first member given a value of the wrong type.
    static func brokenVariant(of value: JSONValue) -> JSONValue {
        guard case .object(var object) = value, let first = object.members.first else { return .null }
        object[first.key] = first.value.stringValue == nil ? .string("wrong") : .int(12)
        return .object(object)
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
