import Foundation
import Testing
import SpecterJSON
@testable import SpecterSchema
import SpecterSpec
import TestSupport

/// Property: for every component schema of every document in ../shared/specs, the generated
/// example validates against its own schema. Schemas no value can satisfy are listed with the reason.
/// The same walk checks that the compiled yes/no program agrees with the explaining `Evaluator` on
/// each example and on variants that break it.
@Suite struct ExampleCorpusTests {
    @Test func everyComponentSchemaGetsAValidExample() async throws {
        let manifest = try String(contentsOf: Fixtures.shared("specs/MANIFEST.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        var total = 0, valid = 0
        var unsatisfiable: [String] = []
        var failures: [String] = []
        var agreement = ProgramAgreement()
        for path in paths {
            let loader = SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: true)))
            let document = try await loader.load(url: Fixtures.shared("specs/" + path), displayName: path)
            let generator = ExampleGenerator(document: document)
            for named in document.schemas {
                // CPU-bound for seconds: let the tests waiting beside it run (the pool has a thread per core).
                await Task.yield()
                total += 1
                let outcome = generator.example(for: named.schema)
                if let value = outcome.value {
                    agreement.compare(value, against: generator.validator.compile(named.schema), in: generator.validator.registry, label: "\(path)#\(named.name)")
                }
                if outcome.isValid {
                    valid += 1
                } else if let reason = ExampleCorpusTests.knownUnsatisfiable["\(path)#\(named.name)"] {
                    unsatisfiable.append("\(path)#\(named.name): \(reason) [closest attempt: " + outcome.errors.prefix(2).map(\.description).joined(separator: "; ") + "]")
                } else {
                    failures.append("\(path)#\(named.name): \(outcome.value?.description.prefix(160) ?? "no value") → \(outcome.errors.prefix(3).map(\.description))")
                }
            }
        }
        print("examples: \(valid) of \(total) component schemas got a valid example; \(unsatisfiable.count) are unsatisfiable:")
        for line in unsatisfiable { print("  \(line)") }
        if ProcessInfo.processInfo.environment["SPECTER_VERBOSE"] != nil { print(failures.joined(separator: "\n")) }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        // The list must stay true: a listed schema that now gets a valid example is a stale entry.
        #expect(unsatisfiable.count == Self.knownUnsatisfiable.count)
        #expect(valid + unsatisfiable.count == total)
        print("program and evaluator compared on \(agreement.compared) values: \(agreement.disagreements.count) disagreements")
        #expect(agreement.disagreements.isEmpty, "\(agreement.disagreements.prefix(10))")
        #expect(agreement.compared > total * 6)
    }

    /// Schemas in the corpus that no instance can satisfy, and why (checked by hand):
    /// `Fixtures/unsatisfiable-corpus-schemas.tsv`.
    static let knownUnsatisfiable: [String: String] = {
        let file = Fixtures.package("Tests/SpecterSchemaTests/Fixtures/unsatisfiable-corpus-schemas.tsv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            if fields.count == 2 { entries[String(fields[0])] = String(fields[1]) }
        }
        return entries
    }()
}

/// Every component schema of every edge-case document that loads gets an example and a validation
/// of that example, each within a fixed time: odd and recursive schemas end, they never hang.
@Suite struct EdgeExampleCorpusTests {
    static let limit: Duration = .seconds(5)

    @Test func everyComponentSchemaEndsWithinItsTime() async throws {
        let manifest = try String(contentsOf: Fixtures.shared("edge/MANIFEST.tsv"), encoding: .utf8)
        let rows = manifest.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var schemas = 0, valid = 0
        var slow: [String] = []
        let clock = ContinuousClock()
        for row in rows where row.count > 6 && row[6] != "ERROR" && row[6] != "fragment" {
            guard let document = try? await SpecLoader().load(url: Fixtures.shared("edge/" + row[0]), displayName: row[0]) else { continue }
            let generator = ExampleGenerator(document: document)
            for named in document.schemas {
                schemas += 1
                if let log = ProcessInfo.processInfo.environment["SPECTER_PROGRESS"] { try? Data("example \(row[0])#\(named.name)\n".utf8).write(to: URL(fileURLWithPath: log)) }
                var outcome: ExampleGenerator.Outcome?
                let elapsed = clock.measure {
                    outcome = generator.example(for: named.schema)
                    if let value = outcome?.value { _ = generator.validator.validate(value, against: named.schema) }
                }
                if outcome?.isValid == true { valid += 1 }
                if elapsed > Self.limit { slow.append("\(row[0])#\(named.name): \(elapsed)") }
            }
        }
        print("edge examples: \(valid) of \(schemas) component schemas got a valid example; \(slow.count) took longer than \(Self.limit)")
        #expect(schemas == 2536, "the loadable edge documents have 2 536 component schemas")
        #expect(slow.isEmpty, "\(slow.prefix(10))")
        // The rest are broken on purpose (references to nothing, contradictions); fewer means the generator regressed.
        #expect(valid >= 2499, "\(valid) of \(schemas)")
    }
}
