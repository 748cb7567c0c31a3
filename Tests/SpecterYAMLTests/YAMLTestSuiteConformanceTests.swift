import Foundation
import Testing
import SpecterJSON
import SpecterYAML
import TestSupport

/// Runs yaml-test-suite: cases with `in.json` must load to that JSON, cases with `error` must be rejected.
@Suite struct YAMLTestSuiteConformanceTests {
    struct Case {
        var name: String
        var folder: URL
    }

    func cases() throws -> [Case] {
        let root = Fixtures.shared("conformance/yaml-test-suite")
        var found: [Case] = []
        for folder in try Fixtures.files(in: root) where FileManager.default.fileExists(atPath: folder.appendingPathComponent("===").path) || FileManager.default.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
            found.append(Case(name: folder.lastPathComponent, folder: folder))
        }
        for folder in try Fixtures.files(in: root) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
                  !FileManager.default.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) else { continue }
            for sub in try Fixtures.files(in: folder) where FileManager.default.fileExists(atPath: sub.appendingPathComponent("in.yaml").path) {
                found.append(Case(name: folder.lastPathComponent + "/" + sub.lastPathComponent, folder: sub))
            }
        }
        return found
    }

    @Test func passCounts() throws {
        let loader = YAMLLoader()
        var comparable = 0, matched = 0, errorCases = 0, rejected = 0
        var mismatches: [String] = []
        var acceptedInvalid: [String] = []
        for testCase in try cases() {
            let input = try Fixtures.bytes(testCase.folder.appendingPathComponent("in.yaml"))
            let expectedFile = testCase.folder.appendingPathComponent("in.json")
            if FileManager.default.fileExists(atPath: testCase.folder.appendingPathComponent("error").path) {
                errorCases += 1
                if (try? loader.loadAll(input)) == nil { rejected += 1 } else { acceptedInvalid.append(testCase.name) }
            } else if FileManager.default.fileExists(atPath: expectedFile.path) {
                guard let expected = try? JSONParser.parseSequence(try Fixtures.bytes(expectedFile)) else { continue }
                comparable += 1
                do {
                    let actual = try loader.loadAll(input)
                    if actual == expected || (expected.isEmpty && actual == [.null]) { matched += 1 } else { mismatches.append("\(testCase.name): got \(actual)") }
                } catch {
                    mismatches.append("\(testCase.name): \(error)")
                }
            }
        }
        print("yaml-test-suite: \(matched)/\(comparable) JSON-comparable cases match, \(rejected)/\(errorCases) error cases rejected")
        if ProcessInfo.processInfo.environment["SPECTER_VERBOSE"] != nil {
            print(mismatches.joined(separator: "\n"))
            print("accepted invalid: \(acceptedInvalid)")
        }
        #expect(comparable >= 279)
        #expect(matched >= 250)
        // Invalid YAML must be refused, not read as something it is not.
        #expect(errorCases >= 94)
        #expect(rejected >= 78, "accepted invalid: \(acceptedInvalid)")
    }
}
