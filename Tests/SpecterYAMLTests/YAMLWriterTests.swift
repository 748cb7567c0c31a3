import Foundation
import Testing
import SpecterJSON
import SpecterYAML
import TestSupport

@Suite struct YAMLWriterTests {
    @Test func writesBlockStyleInKeyOrderWithQuotesOnlyWhereNeeded() throws {
        let value = try JSONParser.parse(#"""
            {"name": "List pets", "operation": "listPets", "server": {"url": "https://{{host}}/v1", "variables": {}},
             "parameters": {"query": {"limit": 20, "tags": ["a", "b c"], "since": "2024-01-01", "flag": "yes", "code": "0755"}},
             "headers": [{"name": "X-Trace", "value": "t1"}, {"name": "X-Empty", "value": ""}],
             "body": {"json": {"note": "line one\nline two\n", "title": "it's: here", "list": [], "nested": [[1, 2], []]}},
             "asserts": ["status == 200"], "weird key: x": null, "#hash": true, "ratio": 0.5, "control": "\u001b[31m"}
            """#)
        let text = YAMLWriter.string(value)
        #expect(text == #"""
            name: List pets
            operation: listPets
            server:
              url: https://{{host}}/v1
              variables: {}
            parameters:
              query:
                limit: 20
                tags:
                  - a
                  - b c
                since: '2024-01-01'
                flag: 'yes'
                code: '0755'
            headers:
              - name: X-Trace
                value: t1
              - name: X-Empty
                value: ''
            body:
              json:
                note: |
                  line one
                  line two
                title: 'it''s: here'
                list: []
                nested:
                  -
                    - 1
                    - 2
                  - []
            asserts:
              - status == 200
            'weird key: x': null
            '#hash': true
            ratio: 0.5
            control: "\u001B[31m"

            """#)
        #expect(try YAMLLoader().load(text) == value)
    }

    /// Whatever the value, what is written reads back as the same value, and writing it again gives
    /// the same bytes: over the JSON and YAML conformance suites' documents.
    /// Found by the collection fuzzer: a key `<<` written plain reads back as a merge.
    @Test func aMergeKeyIsQuoted() throws {
        let value: JSONValue = ["<<": "text", "a": ["<<", "b"]]
        let text = YAMLWriter.string(value)
        #expect(text == "'<<': text\na:\n  - '<<'\n  - b\n")
        #expect(try YAMLLoader().load(text) == value)
    }

    @Test func everySuiteValueRoundTripsAndWritesStably() throws {
        var values: [(String, JSONValue)] = []
        for file in try Fixtures.files(in: Fixtures.shared("conformance/json-test-suite/test_parsing")) where file.lastPathComponent.hasPrefix("y_") {
            if let value = try? JSONParser.parse(try Fixtures.bytes(file)) { values.append((file.lastPathComponent, value)) }
        }
        let yamlSuite = Fixtures.shared("conformance/yaml-test-suite")
        for folder in try Fixtures.files(in: yamlSuite) {
            let json = folder.appendingPathComponent("in.json")
            guard let bytes = try? Fixtures.bytes(json), let parsed = try? JSONParser.parseSequence(bytes) else { continue }
            for value in parsed { values.append((folder.lastPathComponent, value)) }
        }
        #expect(values.count > 300)
        var failures: [String] = []
        for (name, value) in values {
            let text = YAMLWriter.string(value)
            guard let back = try? YAMLLoader().load(text) else {
                failures.append("\(name): does not load:\n\(text)")
                continue
            }
            if back != value { failures.append("\(name): \(JSONWriter.compact.string(value)) came back as \(JSONWriter.compact.string(back))\n\(text)") }
            if YAMLWriter.string(back) != text { failures.append("\(name): not stable") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(values.count):\n\(failures.prefix(10).joined(separator: "\n"))")
    }
}
