import Testing
@testable import SpecterJSON
import TestSupport

/// Runs the JSONPath Compliance Test Suite (RFC 9535): invalid selectors must be rejected, and valid
/// ones must select the expected values with the expected normalized paths (for cases whose object
/// member order is not fixed, any one of the listed results).
@Suite struct JSONPathComplianceTests {
    @Test func everyCasePasses() throws {
        let file = Fixtures.shared("conformance/jsonpath-compliance-test-suite/cts.json")
        let suite = try JSONParser.parse(Fixtures.bytes(file))
        let cases = suite["tests"]?.arrayValue ?? []
        var failures: [String] = []
        for testCase in cases {
            if let problem = Self.problem(with: testCase) {
                failures.append("\(testCase["name"]?.stringValue ?? "?"): \(problem)")
            }
        }
        let passed = cases.count - failures.count
        print("JSONPath Compliance Test Suite: \(passed) of \(cases.count) passed")
        #expect(failures.count == 0, "failed:\n\(failures.joined(separator: "\n"))")
        #expect(cases.count == 703)
        #expect(passed == 703)
    }

    /// Why a case fails, or `nil` when it passes.
    private static func problem(with testCase: JSONValue) -> String? {
        guard let selector = testCase["selector"]?.stringValue else { return "the case has no selector" }
        let isInvalid = testCase["invalid_selector"] == true
        let query: JSONPathQuery
        do {
            query = try JSONPathQuery(parsing: selector)
        } catch {
            return isInvalid ? nil : "rejected: \(error)"
        }
        if isInvalid { return "accepted an invalid selector" }
        let document = testCase["document"] ?? .null
        let nodes = query.select(in: document)
        guard (try? query.select(in: document, budget: .interactive)) == nodes else { return "differs under a budget" }
        guard query.evaluatorNodes(in: document) == nodes else { return "the direct walk of a singular query differs from the evaluator" }
        return mismatch(nodes, testCase)
    }

    private static func mismatch(_ nodes: [JSONPathNode], _ testCase: JSONValue) -> String? {
        let values = JSONValue.array(nodes.map(\.value))
        let paths = JSONValue.array(nodes.map { .string($0.path.description) })
        let expectedValues = testCase["result"].map { [$0] } ?? testCase["results"]?.arrayValue ?? []
        let expectedPaths = testCase["result_paths"].map { [$0] } ?? testCase["results_paths"]?.arrayValue
        for (index, expected) in expectedValues.enumerated() where expected == values {
            guard let expectedPaths else { return nil }
            if expectedPaths.indices.contains(index), expectedPaths[index] == paths { return nil }
        }
        return "selected \(values) at \(paths)"
    }
}
