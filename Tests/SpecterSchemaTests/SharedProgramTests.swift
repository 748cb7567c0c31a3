import Foundation
import Testing
import SpecterJSON
import SpecterSchema

/// One validator, and so one compiled program per schema, serves every thread at once: the explorer's
/// keystrokes, response checks on the request path and a replay's jobs all share it.
@Suite struct SharedProgramTests {
    static let schema: JSONValue = [
        "type": "object", "required": ["id", "tags"],
        "properties": [
            "id": ["type": "string", "pattern": "^(0|[1-9][0-9]*)$"],
            "tags": ["type": "array", "items": ["$ref": "#/$defs/tag"], "uniqueItems": true],
            "next": ["$ref": "#"],
        ],
        "$defs": ["tag": ["type": "string", "minLength": 1]],
    ]

    @Test func manyThreadsCheckAgainstOneProgramAndAgree() async {
        // Nothing is checked before the tasks start: the program is built while they race for it.
        let (validator, compiled) = validator(Self.schema)
        let valid: JSONValue = ["id": "42", "tags": ["a", "b"], "next": ["id": "7", "tags": []]]
        let invalid: JSONValue = ["id": "042", "tags": ["a", "a"], "next": ["id": "x", "tags": [""]]]
        let outcomes = await withTaskGroup(of: [String]?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var errors: [String]?
                    for _ in 0..<300 {
                        guard validator.isValid(valid, against: compiled), !validator.isValid(invalid, against: compiled),
                              validator.validate(valid, against: compiled).isEmpty else { return nil }
                        let found = validator.validate(invalid, against: compiled).map(\.description)
                        guard errors == nil || errors == found else { return nil }
                        errors = found
                    }
                    return errors
                }
            }
            return await group.reduce(into: [[String]?]()) { $0.append($1) }
        }
        let first = outcomes.first ?? nil
        #expect(first?.count == 4, "\(String(describing: first))")
        #expect(outcomes.allSatisfy { $0 == first })
    }
}
