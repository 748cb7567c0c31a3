import Foundation
import Testing
import SpecterJSON
import SpecterSpec
@testable import SpecterSchema

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

    @Test func schemasThatShareAComponentShareItsNodes() {
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        let document: JSONValue = [
            "$defs": [
                "Pet": ["type": "object", "properties": ["name": ["type": "string"], "tags": ["type": "array", "items": ["type": "string"]]]],
                "One": ["$ref": "#/$defs/Pet"],
                "Many": ["type": "array", "items": ["$ref": "#/$defs/Pet"]],
            ],
        ]
        registry.addDocument(document, uri: "https://specter.test/pets.json")
        let validator = SchemaValidator(registry: registry)
        let one = validator.compile(SchemaRef(value: ["$ref": "#/$defs/One"], address: NodeAddress(document: URL(string: "https://specter.test/pets.json")!, pointer: .root), isSynthesized: true))
        #expect(validator.isValid(["name": "Rex"], against: one))
        let afterOne = registry.withLock { registry.checkProgram.count }
        let many = validator.compile(SchemaRef(value: ["$ref": "#/$defs/Many"], address: NodeAddress(document: URL(string: "https://specter.test/pets.json")!, pointer: .root), isSynthesized: true))
        #expect(validator.isValid([["name": "Rex"]], against: many))
        let afterMany = registry.withLock { registry.checkProgram.count }
        // `Many` adds its wrapper, itself and its array node; `Pet` and what it holds are reused.
        #expect(afterMany - afterOne == 3, "\(afterOne) then \(afterMany)")
        #expect(!validator.isValid([["name": 1]], against: many))
    }

    /// The two tiers count steps and nesting alike, so the yes/no answer never says valid where the
    /// explaining validator stops early.
    @Test func bothTiersStopWhereTheEvaluatorStops() {
        var nested: JSONValue = [:]
        for _ in 0..<200 { nested = ["next": nested] }
        let (deep, deepCompiled) = validator(["properties": ["next": ["$ref": "#"]]])
        #expect(!deep.isValid(nested, against: deepCompiled))
        #expect(deep.report(nested, against: deepCompiled).errors.map(\.keyword).contains("depth"))

        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        registry.addDocument(["items": ["description": "anything"]], uri: "https://specter.test/items.json")
        let limited = SchemaValidator(registry: registry, options: ValidationOptions(stepBudget: 1_000))
        let items = limited.compileDocumentRoot("https://specter.test/items.json")!
        let report = limited.report(.array(Array(repeating: .int(1), count: 2_000)), against: items)
        #expect(report.stop == .budget(1_000))
    }

    @Test func hostileNumbersInSchemasDoNotTrap() {
        #expect(messages("abc", ["minLength": 3e18]) == ["must be at least 3000000000000000000 characters"])
        #expect(messages("abc", ["maxLength": 3e18]) == [])
    }

    /// A discriminator's positions are its `oneOf`'s: an `anyOf` beside it does not use them (it used to
    /// index past its own alternatives and trap).
    @Test func aDiscriminatorBesideBothOneOfAndAnyOfPicksFromOneOf() {
        let schema: JSONValue = [
            "oneOf": [["$ref": "#/$defs/A"], ["$ref": "#/$defs/B"], ["$ref": "#/$defs/C"]],
            "anyOf": [["type": "object"]],
            "discriminator": ["propertyName": "kind", "mapping": ["c": "#/$defs/C"]],
            "$defs": [
                "A": ["properties": ["kind": ["const": "a"]]], "B": ["properties": ["kind": ["const": "b"]]],
                "C": ["properties": ["kind": ["const": "c"]], "required": ["size"]],
            ],
        ]
        let (openAPI, compiled) = validator(schema, dialect: .openAPI30)
        #expect(openAPI.isValid(["kind": "c", "size": 1], against: compiled))
        #expect(openAPI.validate(["kind": "c"], against: compiled).map(\.description) == ["required property \"size\" is missing"])
    }

    /// Entries that need more nodes than one chunk holds, added on one thread while another checks
    /// against nodes in earlier and later chunks.
    @Test func checksReadNodesWhileEntriesAreAddedAcrossChunks() async {
        var definitions = JSONObject()
        for index in 0..<12_000 {
            definitions["S\(index)"] = ["type": "object", "required": ["v"], "properties": ["v": ["type": "integer", "minimum": .int(index)]]]
        }
        func root(_ range: Range<Int>) -> JSONValue {
            var properties = JSONObject()
            for index in range { properties["p\(index)"] = ["$ref": .string("#/$defs/S\(index)")] }
            return ["type": "object", "properties": .object(properties)]
        }
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        registry.addDocument(["$defs": .object(definitions), "first": root(0..<6_000), "second": root(6_000..<12_000)], uri: "https://specter.test/many.json")
        let validator = SchemaValidator(registry: registry)
        func compiled(_ fragment: String) -> SchemaValidator.Compiled {
            SchemaValidator.Compiled(schema: registry.compile(document: "https://specter.test/many.json", pointer: JSONPointer(fragment: fragment)!)!)
        }
        let first = compiled("#/first"), second = compiled("#/second")
        #expect(validator.isValid(["p5999": ["v": 5_999]], against: first))
        let checking = Task.detached {
            (0..<2_000).allSatisfy { round in
                validator.isValid(["p\(round)": ["v": .int(round)], "p5999": ["v": 6_000]], against: first)
                    && !validator.isValid(["p5999": ["v": 1]], against: first)
            }
        }
        #expect(validator.isValid(["p11999": ["v": 11_999]], against: second), "built while the other task checks")
        #expect(!validator.isValid(["p11999": ["v": 11_998]], against: second))
        #expect(await checking.value)
        #expect(registry.withLock { registry.checkProgram.count } > CheckProgram.chunkSize)
    }
}
