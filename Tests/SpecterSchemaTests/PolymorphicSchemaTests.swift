import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec
import TestSupport

/// The polymorphic patterns of real descriptions (issue 10, item 1), in OpenAPI 3.0 and 3.1, with and
/// without a discriminator mapping: `Pet: oneOf [Cat, Dog]` whose children extend it with `allOf`
/// (it used to overflow the stack or run forever), and the specification's own form, a plain base
/// with the `oneOf` and its discriminator at the point of use (it used to be judged unsatisfiable).
@Suite struct PolymorphicSchemaTests {
    static let documents = ["recursive-3.0.yaml", "recursive-3.1.yaml", "spec-form-3.0.yaml", "spec-form-3.1.yaml"]

    /// The value of `pet_type` that selects a cat, for each operation.
    static func catTag(_ operation: String) -> String { operation == "addMappedPet" ? "cat" : "Cat" }
    static func dogTag(_ operation: String) -> String { operation == "addMappedPet" ? "dog" : "Dog" }

    private func body(_ document: APIDocument, _ operationID: String) throws -> SchemaRef {
        let operation = try #require(document.operations.first { $0.operationID == operationID })
        return try #require(operation.requestBody?.content.first?.schema)
    }

    private func validator(_ document: APIDocument) -> SchemaValidator {
        SchemaValidator(document: document, options: ValidationOptions(direction: .request))
    }

    @Test(arguments: documents)
    func theDiscriminatorPicksTheAlternative(_ name: String) async throws {
        let document = try await loadSchemaFixture("polymorphic/" + name)
        let validator = validator(document)
        for operation in ["addPet", "addMappedPet"] {
            let schema = try body(document, operation)
            let cat: JSONValue = ["pet_type": .string(Self.catTag(operation)), "name": "x"]
            #expect(validator.validate(cat, against: schema).isEmpty, "\(name) \(operation): a cat with only the base's fields")
            let dog: JSONValue = ["pet_type": .string(Self.dogTag(operation)), "name": "x", "breed": "Husky"]
            #expect(validator.validate(dog, against: schema).isEmpty, "\(name) \(operation)")
            // The discriminator says cat, so a cat's constraint applies, reported once and alone.
            let badCat: JSONValue = ["pet_type": .string(Self.catTag(operation)), "age": -1]
            #expect(validator.validate(badCat, against: schema).map(\.description) == ["age: must be at least 0"], "\(name) \(operation)")
            let badDog: JSONValue = ["pet_type": .string(Self.dogTag(operation)), "breed": "Poodle"]
            #expect(validator.validate(badDog, against: schema).map(\.description) == ["breed: must be one of: Dingo, Husky, Retriever, Shepherd"],
                    "\(name) \(operation)")
        }
    }

    /// Without a value that names an alternative, plain JSON Schema applies: a cat matches both children.
    @Test(arguments: documents)
    func aValueThatNamesNoAlternativeSaysSo(_ name: String) async throws {
        let document = try await loadSchemaFixture("polymorphic/" + name)
        let errors = validator(document).validate(["pet_type": "Bird", "name": "x"], against: try body(document, "addPet")).map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("matches more than one alternative") == true, "\(errors)")
        #expect(errors.first?.contains("pet_type \"Bird\" selects none of the alternatives (") == true, "\(errors)")
    }

    /// A named schema that is its own ancestor is checked once at each place: one error, not 77 copies.
    @Test(arguments: ["recursive-3.0.yaml", "recursive-3.1.yaml"])
    func aCycleIsCheckedOnce(_ name: String) async throws {
        let document = try await loadSchemaFixture("polymorphic/" + name)
        let validator = SchemaValidator(document: document)
        let pet = try #require(document.schema(at: "Pet"))
        let missingTag = validator.validate(["name": "x"], against: pet).map(\.description)
        #expect(missingTag.first == "required property \"pet_type\" is missing", "\(missingTag)")
        #expect(missingTag.count == 2 && missingTag[1].hasSuffix("pet_type is missing, so no alternative is selected (Cat, Dog)"), "\(missingTag)")
        #expect(validator.validate(["pet_type": "Cat", "hunts": "yes"], against: pet).map(\.description) == ["hunts: must be a boolean"])
        #expect(validator.validate(["pet_type": "Dog", "hunts": "yes"], against: pet).isEmpty, "a dog may have extra members")
    }

    @Test(arguments: documents)
    func everySchemaGetsAnExampleThatSetsTheDiscriminator(_ name: String) async throws {
        let document = try await loadSchemaFixture("polymorphic/" + name)
        let generator = ExampleGenerator(document: document)
        for named in document.schemas {
            let outcome = generator.example(for: named.schema)
            #expect(outcome.isValid, "\(name) \(named.name): \(outcome.errors)")
            let expectedTag: String? = switch named.name {
            case "Cat", "Dog": name.hasPrefix("recursive") ? named.name : nil
            case "MappedCat": "cat"
            case "MappedDog": "dog"
            default: nil
            }
            if let expectedTag { #expect(outcome.value?["pet_type"] == .string(expectedTag), "\(name) \(named.name): \(String(describing: outcome.value))") }
        }
        let requests = ExampleGenerator(document: document, direction: .request)
        for operation in ["addPet", "addMappedPet"] {
            let outcome = requests.example(for: try body(document, operation))
            #expect(outcome.isValid, "\(name) \(operation): \(outcome.errors)")
            #expect(outcome.value?["pet_type"] == .string(Self.catTag(operation)), "\(name) \(operation)")
        }
    }

    @Test(arguments: documents)
    func theFormSelectsTheAlternativeByItsTag(_ name: String) async throws {
        let document = try await loadSchemaFixture("polymorphic/" + name)
        for operationID in ["addPet", "addMappedPet"] {
            let operation = try #require(document.operations.first { $0.operationID == operationID })
            var form = RequestForm(operation: operation, document: document)
            let cat = FieldID.body.child(.chosen)
            #expect(form.children(of: cat).prefix(2).map { form.field($0)?.name } == ["pet_type", "name"])
            form.setText(cat.child(.name("name")), "Tom")
            let body = try #require(form.bodyJSON)
            #expect(body == ["pet_type": .string(Self.catTag(operationID)), "name": "Tom"], "\(name) \(operationID): \(body)")
            #expect(form.invalidFields.map { "\($0.id): \($0.field.errors)" } == [], "\(name) \(operationID)")
        }
    }

    /// Cloudflare's DNS record: `required` beside a `oneOf` of 20 record types names `created_on`,
    /// `modified_on` and `proxiable`, which the alternatives declare read-only. A request leaves them
    /// out and is valid; the example made for it leaves them out too.
    @Test func readOnlyPropertiesRequiredBesideAOneOfAreNotAskedOfARequest() async throws {
        let document = try await SpecLoader().load(url: Fixtures.shared("specs/cloudflare/openapi-2024-08-06.json"), displayName: "cloudflare")
        let operation = try #require(document.operations.first { $0.method.lowercased() == "post" && $0.path == "/zones/{zone_id}/dns_records" })
        let schema = try #require(operation.requestBody?.content.first?.schema)
        let record: JSONValue = ["type": "A", "name": "example.com", "content": "198.51.100.4", "id": "023e105f4ecef8ad9ca31a8372d0c353"]
        #expect(validator(document).validate(record, against: schema).map(\.description) == [])
        let example = ExampleGenerator(document: document, direction: .request).example(for: schema)
        #expect(example.isValid, "\(example.errors)")
        for readOnly in ["created_on", "modified_on", "proxiable"] { #expect(example.value?[readOnly] == nil, "\(readOnly) in \(String(describing: example.value))") }
    }
}

/// Every evaluation is bounded: schemas with a cost that grows exponentially, a deadline, cancellation.
@Suite struct BoundedEvaluationTests {
    /// `S0` applies `S1` twice at the same place, `S1` applies `S2` twice … : 2^depth applications, no cycle.
    static func exponential(depth: Int) -> JSONValue {
        var definitions = JSONObject()
        for level in 0..<depth {
            let next: JSONValue = ["$ref": .string("#/$defs/S\(level + 1)")]
            definitions["S\(level)"] = ["anyOf": [["allOf": [next, ["minLength": 5]]], ["allOf": [next, ["maxLength": 2]]]]]
        }
        definitions["S\(depth)"] = ["type": "integer"]
        return ["$defs": .object(definitions), "$ref": "#/$defs/S0"]
    }

    @Test func aCostlySchemaRunsOutOfItsBudgetWithAClearError() {
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        registry.addDocument(Self.exponential(depth: 40), uri: "https://specter.test/costly.json")
        let validator = SchemaValidator(registry: registry, options: ValidationOptions(stepBudget: 50_000))
        let compiled = try! #require(validator.compileDocumentRoot("https://specter.test/costly.json"))
        let errors = validator.validate("abc", against: compiled)
        #expect(errors.last?.keyword == "budget")
        #expect(errors.last?.message == "not checked to the end: the check took more than 50000 steps")
        #expect(!validator.isValid("abc", against: compiled))
    }

    @Test func aCancelledTaskStopsTheCheck() async {
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        registry.addDocument(Self.exponential(depth: 40), uri: "https://specter.test/costly.json")
        let validator = SchemaValidator(registry: registry)
        let task = Task { () -> [ValidationError] in
            guard let compiled = validator.compileDocumentRoot("https://specter.test/costly.json") else { return [] }
            while !Task.isCancelled { await Task.yield() }
            return validator.validate("abc", against: compiled)
        }
        task.cancel()
        let errors = await task.value
        #expect(errors.last?.keyword == "cancelled")
    }

    /// A deadline bound around a check stops it (the yes/no program and the explaining path alike)
    /// within a few thousand steps of passing; a check that ends in time is not touched by it.
    @Test func aPassedDeadlineStopsTheCheck() async throws {
        let registry = SchemaRegistry(defaultDialect: .draft2020_12)
        registry.addDocument(Self.exponential(depth: 40), uri: "https://specter.test/costly.json")
        let validator = SchemaValidator(registry: registry)
        let compiled = try #require(validator.compileDocumentRoot("https://specter.test/costly.json"))
        let (valid, errors, took) = await offPool {
            let started = ContinuousClock.now
            return ValidationDeadline.$instant.withValue(started + .milliseconds(200)) {
                (validator.isValid("abc", against: compiled), validator.validate("abc", against: compiled), ContinuousClock.now - started)
            }
        }
        #expect(!valid)
        #expect(errors.last?.keyword == "cancelled")
        #expect(took < .seconds(5))
        let quick = ValidationDeadline.$instant.withValue(.now + .seconds(60)) { validator.validate(7, against: compiled) }
        #expect(quick.isEmpty)
    }

    @Test func anExampleThatRunsOutOfItsBudgetSaysSo() async throws {
        let document = try await loadSchemaFixture("polymorphic/recursive-3.1.yaml")
        var generator = ExampleGenerator(document: document)
        generator.workBudget = 10
        let outcome = generator.example(for: try #require(document.schema(at: "Pet")))
        #expect(!outcome.isValid)
        #expect(outcome.errors.map(\.message) == ["no example was found within 10 steps: the schema is too costly to satisfy"])
    }
}
