import Foundation
import Testing
import SpecterJSON
@testable import SpecterSchema
import TestSupport

/// Runs JSON-Schema-Test-Suite (from `../shared/conformance/json-schema-test-suite`, or the folder in
/// `SPECTER_JSON_SCHEMA_SUITE`), with its `remotes/` served from memory as `http://localhost:1234/…`.
/// Every case is judged three ways, and all must agree with the suite: through the public validator,
/// by the `Evaluator` alone (which explains errors), and by the compiled yes/no program alone.
@Suite struct JSONSchemaTestSuiteTests {
    static let root: URL = {
        if let configured = ProcessInfo.processInfo.environment["SPECTER_JSON_SCHEMA_SUITE"] { return URL(fileURLWithPath: configured) }
        return Fixtures.shared("conformance/json-schema-test-suite")
    }()

    static let remotes: [String: JSONValue] = {
        var remotes: [String: JSONValue] = [:]
        let folder = root.appendingPathComponent("remotes")
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in enumerator where file.pathExtension == "json" {
            let relative = file.path.dropFirst(folder.path.count + 1)
            if let bytes = try? Fixtures.bytes(file), let value = try? JSONParser.parse(bytes) {
                remotes["http://localhost:1234/" + relative] = value
            }
        }
        return remotes
    }()

    struct Tally {
        var passed = 0
        var failed: [String] = []
        /// Cases the compiled program decided (the rest reach `$dynamicRef` or `unevaluated*`: the `Evaluator` decides).
        var byProgram = 0
    }

    static func run(_ folder: String, dialect: SchemaDialect, assertFormats: Bool) throws -> Tally {
        var tally = Tally()
        let directory = root.appendingPathComponent("tests").appendingPathComponent(folder)
        let remotes = Self.remotes
        for file in try Fixtures.files(in: directory) where file.pathExtension == "json" {
            let groups = try JSONParser.parse(Fixtures.bytes(file)).arrayValue ?? []
            for (groupIndex, group) in groups.enumerated() {
                guard let schema = group["schema"], let tests = group["tests"]?.arrayValue else { continue }
                let registry = SchemaRegistry(defaultDialect: dialect) { remotes[$0] }
                let uri = "https://specter.test/\(folder)/\(file.deletingPathExtension().lastPathComponent)/\(groupIndex).json"
                registry.addDocument(schema, uri: uri)
                let validator = SchemaValidator(
                    registry: registry, options: ValidationOptions(assertFormats: assertFormats, collectAllErrors: true))
                let label = "\(folder)/\(file.lastPathComponent) · \(group["description"]?.stringValue ?? "")"
                guard let compiled = validator.compileDocumentRoot(uri) else {
                    tally.failed.append("\(label): could not compile")
                    continue
                }
                for test in tests {
                    guard let data = test["data"], let expected = test["valid"]?.boolValue else { continue }
                    let fast = validator.isValid(data, against: compiled)
                    let errors = validator.validate(data, against: compiled)
                    var evaluator = Evaluator(registry: registry, options: validator.options)
                    let evaluated = evaluator.validate(compiled.schema, data)
                    let entry = try #require(registry.checkEntry(for: compiled.schema))
                    let program = CheckRun.verdict(on: data, from: entry, in: registry.checkProgram, options: validator.options).verdict
                    if program != .undecided { tally.byProgram += 1 }
                    let programAgrees = program == .undecided || program == (expected ? .valid : .invalid)
                    if fast == expected && errors.isEmpty == expected && evaluated == expected && evaluator.errors.isEmpty == expected && programAgrees {
                        tally.passed += 1
                    } else {
                        tally.failed.append("\(label) · \(test["description"]?.stringValue ?? ""): expected \(expected), fast \(fast), "
                            + "evaluator \(evaluated), program \(program), errors \(evaluator.errors.map(\.description))")
                    }
                }
            }
        }
        return tally
    }

    static func report(_ name: String, _ tally: Tally) {
        print("\(name): \(tally.passed) passed, \(tally.failed.count) failed, \(tally.byProgram) decided by the compiled program too")
        if ProcessInfo.processInfo.environment["SPECTER_VERBOSE"] != nil {
            print(tally.failed.joined(separator: "\n"))
        }
    }

    @Test func draft4RequiredTestsAllPass() throws {
        let tally = try Self.run("draft4", dialect: .draft4, assertFormats: false)
        Self.report("draft4", tally)
        #expect(tally.failed.isEmpty, "\(tally.failed.prefix(10))")
        #expect(tally.passed == 618)
        #expect(tally.byProgram == 618, "draft 4 has nothing only the full evaluation can judge")
    }

    @Test func draft2020RequiredTestsAllPass() throws {
        let tally = try Self.run("draft2020-12", dialect: .draft2020_12, assertFormats: false)
        Self.report("draft2020-12", tally)
        #expect(tally.failed.isEmpty, "\(tally.failed.prefix(10))")
        #expect(tally.passed == 1299)
        #expect(tally.byProgram > 1000)
    }

    /// The optional format tests, with formats asserted: reported, and required for the formats forms need.
    @Test func formatResults() throws {
        for (folder, dialect) in [("draft4/optional/format", SchemaDialect.draft4), ("draft2020-12/optional/format", .draft2020_12)] {
            let tally = try Self.run(folder, dialect: dialect, assertFormats: true)
            Self.report(folder, tally)
            let needed = ["date.json", "date-time.json", "time.json", "duration.json", "email.json", "hostname.json", "ipv4.json", "ipv6.json",
                          "uri.json", "uri-reference.json", "uuid.json", "regex.json", "json-pointer.json"]
            let neededFailures = tally.failed.filter { failure in needed.contains { failure.hasPrefix("\(folder)/\($0) ") } }
            #expect(neededFailures.isEmpty, "\(neededFailures)")
        }
    }
}
