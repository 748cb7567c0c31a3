import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec
import TestSupport

/// Property: for every component schema of every document in ../shared/specs, the generated
/// example validates against its own schema. Schemas no value can satisfy are listed with the reason.
@Suite struct ExampleCorpusTests {
    @Test func everyComponentSchemaGetsAValidExample() async throws {
        let manifest = try String(contentsOf: Fixtures.shared("specs/MANIFEST.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        var total = 0, valid = 0
        var unsatisfiable: [String] = []
        var failures: [String] = []
        for path in paths {
            let loader = SpecLoader(options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: true)))
            let document = try await loader.load(url: Fixtures.shared("specs/" + path), displayName: path)
            let generator = ExampleGenerator(document: document)
            for named in document.schemas {
                total += 1
                let outcome = generator.example(for: named.schema)
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
