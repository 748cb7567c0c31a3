import Foundation
import Testing
import SpecterJSON
import TestSupport

/// Runs nst/JSONTestSuite: `y_` must parse, `n_` must be rejected, `i_` must not crash or hang.
@Suite struct JSONTestSuiteConformanceTests {
    @Test func everyCaseBehaves() throws {
        let folder = Fixtures.shared("conformance/json-test-suite/test_parsing")
        var accepted = 0, rejected = 0, implementationDefined = 0
        var failures: [String] = []
        for file in try Fixtures.files(in: folder) where file.pathExtension == "json" {
            let name = file.lastPathComponent
            let bytes = try Fixtures.bytes(file)
            let parsed = (try? JSONParser.parse(bytes)) != nil
            switch name.first {
            case "y":
                if parsed { accepted += 1 } else { failures.append("should accept \(name)") }
            case "n":
                if !parsed { rejected += 1 } else { failures.append("should reject \(name)") }
            default:
                implementationDefined += 1
            }
        }
        print("JSONTestSuite: \(accepted) y_ accepted, \(rejected) n_ rejected, \(implementationDefined) i_ survived")
        #expect(failures.isEmpty, "\(failures)")
        #expect(accepted == 95)
        #expect(rejected == 188)
    }
}
