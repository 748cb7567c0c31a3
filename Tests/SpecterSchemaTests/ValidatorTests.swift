import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// A validator over one in-memory schema document.
func validator(_ schema: JSONValue, dialect: SchemaDialect = .draft2020_12, direction: ValidationDirection = .neutral) -> (SchemaValidator, SchemaValidator.Compiled) {
    let registry = SchemaRegistry(defaultDialect: dialect)
    registry.addDocument(schema, uri: "https://specter.test/schema.json")
    let validator = SchemaValidator(registry: registry, options: ValidationOptions(direction: direction))
    return (validator, validator.compileDocumentRoot("https://specter.test/schema.json")!)
}

func messages(_ instance: JSONValue, _ schema: JSONValue, dialect: SchemaDialect = .draft2020_12, direction: ValidationDirection = .neutral) -> [String] {
    let (validator, compiled) = validator(schema, dialect: dialect, direction: direction)
    return validator.validate(instance, against: compiled).map(\.description)
}

@Suite struct ValidatorMessageTests {
    @Test func typesSayWhatIsExpected() {
        #expect(messages("x", ["type": "integer"]) == ["must be an integer"])
        #expect(messages(1.5, ["type": "integer"]) == ["must be an integer"])
        #expect(messages(2.0, ["type": "integer"]) == [])
        #expect(messages(1, ["type": ["string", "null"]]) == ["must be a string or null"])
        #expect(messages(true, ["type": ["object", "array", "number"]]) == ["must be an object, an array or a number"])
    }

    @Test func numbersAndStrings() {
        #expect(messages(2, ["minimum": 3]) == ["must be at least 3"])
        #expect(messages(3, ["exclusiveMinimum": 3]) == ["must be greater than 3"])
        #expect(messages(10.5, ["maximum": 10]) == ["must be at most 10"])
        #expect(messages(7, ["multipleOf": 2]) == ["must be a multiple of 2"])
        #expect(messages(0.0075, ["multipleOf": 0.0001]) == [])
        #expect(messages("ab", ["minLength": 3]) == ["must be at least 3 characters"])
        #expect(messages("", ["minLength": 1]) == ["must not be empty"])
        #expect(messages("😀😀", ["maxLength": 1]) == ["must be at most 1 character"])
        #expect(messages("abc1", ["pattern": "^[a-z]+$"]) == ["must match the pattern ^[a-z]+$"])
    }

    @Test func enumsAndConstants() {
        #expect(messages("lost", ["enum": ["available", "pending", "sold"]]) == ["must be one of: available, pending, sold"])
        #expect(messages(3, ["const": 4]) == ["must be 4"])
        #expect(messages("e\u{301}", ["const": "\u{e9}"]) == ["must be \"é\""])
    }

    @Test func objectsNameTheProperty() {
        let schema: JSONValue = ["type": "object", "required": ["name"], "properties": ["name": ["type": "string"]], "additionalProperties": false]
        #expect(messages(["colour": "red"], schema) == ["required property \"name\" is missing", "unexpected property \"colour\""])
        #expect(messages(["a": 1], ["minProperties": 2]) == ["must have at least 2 properties"])
        #expect(messages(["card": "x"], ["dependentRequired": ["card": ["billing"]]]) == ["property \"billing\" is required when \"card\" is present"])
        #expect(messages(["Bad": 1], ["propertyNames": ["pattern": "^[a-z]+$"]]) == ["property name \"Bad\" is not allowed: must match the pattern ^[a-z]+$"])
        #expect(messages(["x": 1, "y": 2], ["properties": ["x": true], "unevaluatedProperties": false]) == ["unexpected property \"y\""])
    }

    @Test func arraysAndPaths() {
        let schema: JSONValue = ["type": "object", "properties": ["items": ["type": "array", "items": ["type": "object", "properties": ["name": ["type": "string"]]]]]]
        let errors = messages(["items": [["name": "a"], ["name": "b"], ["name": 3]]], schema)
        #expect(errors == ["items[2].name: must be a string"])
        #expect(messages([1, 2, 1], ["uniqueItems": true]) == ["must not contain duplicates (items 0 and 2 are equal)"])
        #expect(messages([], ["minItems": 1]) == ["must have at least 1 item"])
        #expect(messages([1, 2], ["contains": ["type": "string"]]) == ["must contain at least one item that matches \"contains\""])
        #expect(messages([1, "x", 3], ["prefixItems": [["type": "integer"]], "items": false]) == ["must have at most 1 item"])
        #expect(messages(["a b": ["c.d": 1]], ["properties": ["a b": ["properties": ["c.d": ["type": "string"]]]]]) == [#"["a b"]["c.d"]: must be a string"#])
    }

    @Test func errorsCarryPointersAndKeywords() {
        let (validator, compiled) = validator(["items": ["properties": ["id": ["type": "integer"]]]])
        let error = try! #require(validator.validate([["id": 1], ["id": "x"]], against: compiled).first)
        #expect(error.pointer.description == "/1/id")
        #expect(error.readablePath == "[1].id")
        #expect(error.keyword == "type")
    }

    @Test func oneOfReportsOnlyTheClosestAlternative() {
        let schema: JSONValue = [
            "$defs": [
                "Cat": ["type": "object", "required": ["meows"], "properties": ["meows": ["type": "boolean"], "name": ["type": "string"]]],
                "Dog": ["type": "object", "required": ["barks", "name"], "properties": ["barks": ["type": "boolean"], "name": ["type": "string"]]],
                "Id": ["type": "integer"],
            ],
            "oneOf": [["$ref": "#/$defs/Id"], ["$ref": "#/$defs/Cat"], ["$ref": "#/$defs/Dog"]],
        ]
        #expect(messages(["barks": true, "name": 7], schema) == [
            "does not match any of the 3 alternatives; closest is Dog", "name: must be a string",
        ])
        #expect(messages(["meows": true, "barks": true, "name": "x"], schema) == [
            "matches more than one alternative (Cat and Dog); it must match exactly one",
        ])
    }

    @Test func discriminatorPicksTheAlternativeToReport() {
        let schema: JSONValue = [
            "components": ["schemas": [
                "Cat": ["type": "object", "required": ["petType", "indoor"], "properties": ["petType": ["type": "string"], "indoor": ["type": "boolean"]]],
                "Dog": ["type": "object", "required": ["petType", "breed"], "properties": ["petType": ["type": "string"], "breed": ["type": "string"]]],
            ]],
            "oneOf": [["$ref": "#/components/schemas/Cat"], ["$ref": "#/components/schemas/Dog"]],
            "discriminator": ["propertyName": "petType"],
        ]
        #expect(messages(["petType": "Dog"], schema, dialect: .openAPI30) == ["required property \"breed\" is missing"])
        #expect(messages(["petType": "Bird"], schema, dialect: .openAPI30) == [
            "petType \"Bird\" selects none of the alternatives (Cat, Dog)", "required property \"indoor\" is missing",
        ])
    }

    @Test func formatsAssertByDefaultForForms() {
        #expect(messages("2024-13-01", ["format": "date"]) == ["must be a date (YYYY-MM-DD)"])
        #expect(messages("not-an-email", ["format": "email"]) == ["must be an email address"])
        #expect(messages("3fa85f64-5717-4562-b3fc-2c963f66afa6", ["format": "uuid"]) == [])
    }

    /// URIs and IRIs are judged on their bytes: a scheme is ASCII (RFC 3986 and 3987 alike), and a
    /// delimiter followed by a combining mark is still a delimiter.
    @Test func urisAndIrisByTheirParts() {
        #expect(messages("https://example.com:8080/a?b#c", ["format": "uri"]) == [])
        #expect(messages("https://[::1]:80/x", ["format": "uri"]) == [])
        #expect(messages("https://ex[ample.com/", ["format": "uri"]) == ["must be an absolute URI"])
        #expect(messages("/relative/path", ["format": "uri"]) == ["must be an absolute URI"])
        #expect(messages("/relative/path", ["format": "uri-reference"]) == [])
        #expect(messages("a:b#c#d", ["format": "uri"]) == ["must be an absolute URI"])
        #expect(messages("https://例え.jp/パス", ["format": "iri"]) == [])
        #expect(messages("é:x", ["format": "iri"]) == ["must be an absolute URI"])
        #expect(messages("a#\u{301}#b", ["format": "iri"]) == ["must be an absolute URI"])
    }
}

@Suite struct OpenAPIDialectTests {
    @Test func nullableAllowsNullInOpenAPI30AndIsIgnoredByPlainDraft4() {
        let schema: JSONValue = ["type": "string", "nullable": true]
        #expect(messages(.null, schema, dialect: .openAPI30) == [])
        #expect(messages(.null, schema, dialect: .draft4) == ["must be a string"])
        #expect(messages(.null, ["type": "string", "enum": ["a", "b"], "nullable": true], dialect: .openAPI30) == [])
        #expect(messages(.null, ["type": "string", "x-nullable": true], dialect: .openAPI30) == [])
    }

    @Test func openAPI31ToleratesTheOldNullable() {
        #expect(messages(.null, ["type": "string", "nullable": true], dialect: .openAPI31) == [])
        #expect(messages(.null, ["type": "string", "nullable": true], dialect: .draft2020_12) == ["must be a string"])
    }

    @Test func booleanExclusiveBoundsOfDraft4() {
        #expect(messages(5, ["maximum": 5, "exclusiveMaximum": true], dialect: .openAPI30) == ["must be less than 5"])
        #expect(messages(5, ["maximum": 5, "exclusiveMaximum": false], dialect: .openAPI30) == [])
    }

    @Test func readOnlyAndWriteOnlyDependOnDirection() {
        let schema: JSONValue = [
            "type": "object", "required": ["id", "password"],
            "properties": ["id": ["type": "integer", "readOnly": true], "password": ["type": "string", "writeOnly": true]],
        ]
        #expect(messages(["password": "x"], schema, dialect: .openAPI30, direction: .request) == [])
        #expect(messages(["id": 1, "password": "x"], schema, dialect: .openAPI30, direction: .request) == ["id: is read-only and must not be sent"])
        #expect(messages(["id": 1], schema, dialect: .openAPI30, direction: .response) == [])
        #expect(messages(["id": 1, "password": "x"], schema, dialect: .openAPI30, direction: .response) == ["password: is write-only and must not be returned"])
        #expect(messages(["password": "x"], schema, dialect: .openAPI30, direction: .neutral) == ["required property \"id\" is missing"])
    }

    /// `required` beside a `oneOf` names properties its alternatives declare (Cloudflare's DNS
    /// record): one declared read-only there is not missing from a request.
    @Test func aRequiredPropertyDeclaredReadOnlyInAnAlternativeIsNotMissingFromARequest() {
        let base: JSONValue = ["properties": ["created_on": ["type": "string", "readOnly": true], "proxiable": ["$ref": "#/$defs/flag"]]]
        let schema: JSONValue = [
            "$defs": ["base": base, "flag": ["type": "boolean", "readOnly": true]],
            "type": "object", "required": ["name", "created_on", "proxiable"],
            "oneOf": [["allOf": [["properties": ["name": ["type": "string"]]], ["$ref": "#/$defs/base"]]]],
        ]
        #expect(messages(["name": "a"], schema, dialect: .openAPI30, direction: .request) == [])
        let (request, compiled) = validator(schema, dialect: .openAPI30, direction: .request)
        #expect(request.isValid(["name": "a"], against: compiled), "the compiled check agrees")
        #expect(!request.isValid(["created_on": "x"], against: compiled))
        #expect(messages(["name": "a"], schema, dialect: .openAPI30, direction: .response)
                == ["required property \"created_on\" is missing", "required property \"proxiable\" is missing"])
    }

    @Test func explicitSchemaKeywordWins() {
        let schema: JSONValue = ["$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [["type": "integer"]], "items": false]
        #expect(messages([1, 2], schema, dialect: .draft4) == ["must have at most 1 item"])
    }

    @Test func documentVersionChoosesTheDialect() async throws {
        let document = try await loadSchemaFixture("forms.yaml")
        let validator = SchemaValidator(document: document)
        let owner = try #require(document.schema(at: "Owner"))
        #expect(validator.validate(["email": "nope"], against: owner).map(\.description) == ["email: must be an email address"])
        let pet = try #require(document.schema(at: "#/components/schemas/Pet"))
        let errors = validator.validate(["name": "Rex", "age": 3, "kind": ["petType": "Cat"]], against: pet).map(\.description)
        #expect(errors == ["kind: required property \"indoor\" is missing"])
    }

    @Test func unresolvableReferencesAreErrorsNotCrashes() {
        #expect(messages(1, ["$ref": "#/nowhere"]).first?.hasPrefix("cannot resolve \"#/nowhere\"") == true)
        #expect(messages(1, ["$ref": "other.json"]).first?.contains("no schema is known at https://specter.test/other.json") == true)
    }

    /// A schema applied again to the place it is already being applied to adds nothing (it is a cycle, not new work).
    @Test func aSchemaThatOnlyRefersToItselfAddsNothing() {
        #expect(messages(1, ["$ref": "#"]) == [])
        #expect(messages(1, ["allOf": [["$ref": "#"], ["type": "string"]]]) == ["must be a string"])
    }
}
