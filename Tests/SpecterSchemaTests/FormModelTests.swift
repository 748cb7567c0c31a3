import Foundation
import Testing
import SpecterJSON
import SpecterSchema
import SpecterSpec
import TestSupport

func loadSchemaFixture(_ name: String) async throws -> APIDocument {
    try await SpecLoader().load(url: Fixtures.package("Tests/SpecterSchemaTests/Fixtures/" + name), displayName: name)
}

@Suite struct FormModelTests {
    let document: APIDocument
    let form: RequestForm
    let body = FieldID(section: .body, path: [])

    init() async throws {
        document = try await loadSchemaFixture("forms.yaml")
        form = RequestForm(operation: try #require(document.operation(named: "updatePet")), document: document)
    }

    func child(_ name: String, of id: FieldID? = nil) -> FieldID {
        form.child(name, of: id ?? body)
    }

    @Test func parametersAreGroupedByLocationWithRequiredMarks() {
        #expect(form.parameters[.path]?.map(\.name) == ["petId"])
        #expect(form.parameters[.path]?.first?.required == true)
        #expect(form.parameters[.query]?.first?.hints == ["1–100"])
        #expect(form.parameters[.query]?.first?.defaultValue == .int(20))
        #expect(form.parameters[.header]?.first?.format == "uuid")
        #expect(form.parameters[.cookie]?.map(\.name) == ["session"])
    }

    @Test func bodyFieldsFollowTheSchemaAndLeaveOutReadOnlyProperties() throws {
        let fields = try #require(form.body?.children)
        #expect(fields.map(\.name) == ["name", "age", "status", "birthday", "nickname", "tags", "owner", "attributes", "kind", "parent"])
        #expect(fields.filter(\.required).map(\.name) == ["name", "age", "kind"])
        guard case .choice(let options) = fields[2].kind else { Issue.record("status should be a choice"); return }
        #expect(options == ["available", "pending", "sold"])
        #expect(fields[3].format == "date")
        #expect(fields[4].nullable)
        guard case .map = fields[7].kind else { Issue.record("attributes should be a map"); return }
        guard case .variant(let alternatives, 0) = fields[8].kind else { Issue.record("kind should be a variant"); return }
        #expect(alternatives.map(\.name) == ["Cat", "Dog"])
    }

    @Test func requiredFieldsStartInvalidAndTheCountIsKept() {
        let invalid = form.invalidFields.map { "\($0.field.name): \($0.field.errors.joined(separator: ", "))" }
        #expect(invalid.contains("petId: required"))
        #expect(invalid.contains("name: required"))
        #expect(invalid.contains("age: required"))
        #expect(form.invalidCount == invalid.count)
    }

    @Test func typedTextIsValidatedAndKeptWhenItDoesNotParse() {
        var form = self.form
        let age = child("age")
        form.setText(age, "abc")
        #expect(form.field(age)?.errors == ["must be an integer"])
        #expect(form.bodyJSON?["age"] == .string("abc"))
        form.setText(age, "60")
        #expect(form.field(age)?.errors == ["must be at most 50"])
        form.setText(age, "7")
        #expect(form.field(age)?.errors == [])
        #expect(form.bodyJSON?["age"] == .int(7))
        let name = child("name")
        form.setText(name, String(repeating: "x", count: 41))
        #expect(form.field(name)?.errors == ["must be at most 40 characters"])
    }

    @Test func formatsAreCheckedAsYouType() {
        var form = self.form
        let birthday = child("birthday")
        form.setText(birthday, "2024-02-30")
        #expect(form.field(birthday)?.errors == ["must be a date (YYYY-MM-DD)"])
        form.setText(birthday, "2024-02-29")
        #expect(form.field(birthday)?.errors == [])
    }

    @Test func choicesOnlyAcceptTheirValues() {
        var form = self.form
        let status = child("status")
        form.setText(status, "lost")
        #expect(form.field(status)?.errors == ["must be one of: available, pending, sold"])
        form.setText(status, "sold")
        #expect(form.bodyJSON?["status"] == "sold")
        form.useDefault(child("status"))
        #expect(form.bodyJSON?["status"] == "available")
    }

    @Test func arraysAddRemoveAndReorderItems() throws {
        var form = self.form
        let tags = child("tags")
        var items: [FieldID] = []
        for text in ["a", "b", "c", "d"] {
            let added = form.addItem(tags)
            let item = try #require(added)
            form.setText(item, text)
            items.append(item)
        }
        #expect(form.bodyJSON?["tags"] == ["a", "b", "c", "d"])
        #expect(form.field(tags)?.errors == ["must have at most 3 items"])
        for _ in 0..<3 {
            let moved = form.move(items[3], by: -1)
            #expect(moved)
        }
        let further = form.move(items[3], by: -1)
        #expect(!further, "the first item cannot go further up")
        #expect(form.bodyJSON?["tags"] == ["d", "a", "b", "c"])
        #expect(form.field(tags)?.children.map(\.name) == ["[0]", "[1]", "[2]", "[3]"])
        form.remove(items[0])
        #expect(form.bodyJSON?["tags"] == ["d", "b", "c"])
        #expect(form.field(tags)?.errors == [])
    }

    /// Every item keeps its identity whatever is added, removed or moved around it: the id that named
    /// an item's field still names that field, and what the form shows is what it sends.
    @Test func itemsKeepTheirIdentityAtEveryPosition() throws {
        for count in 1...5 {
            for position in 0..<count {
                var form = self.form
                let tags = child("tags")
                var items: [(id: FieldID, text: String)] = []
                for index in 0..<count {
                    let added = form.addItem(tags)
                    let item = try #require(added)
                    form.setText(item, "t\(index)")
                    items.append((item, "t\(index)"))
                }
                // Remove one: the others are still named by their ids.
                var removed = form
                removed.remove(items[position].id)
                var expected = items
                expected.remove(at: position)
                #expect(expected.map { removed.field($0.id)?.text } == expected.map(\.text), "remove \(position) of \(count)")
                #expect(removed.field(items[position].id) == nil)
                #expect(removed.bodyJSON?["tags"] == .array(expected.map { .string($0.text) }))
                #expect(removed.children(of: tags) == expected.map(\.id), "shown in the order sent")
                // Move one to every other place.
                for target in 0..<count {
                    var moved = form
                    let didMove = moved.move(items[position].id, by: target - position)
                    #expect(didMove)
                    var order = items
                    let item = order.remove(at: position)
                    order.insert(item, at: target)
                    #expect(moved.bodyJSON?["tags"] == .array(order.map { .string($0.text) }), "move \(position) to \(target) of \(count)")
                    #expect(moved.children(of: tags) == order.map(\.id))
                    #expect(moved.field(items[position].id)?.text == items[position].text)
                }
                // Add after a removal: the new item gets an id none of the others had.
                let another = removed.addItem(tags)
                #expect(another != nil && !items.map(\.id).contains(another!))
            }
        }
    }

    @Test func mapsTakeNamedEntries() {
        var form = self.form
        let attributes = child("attributes")
        form.addEntry(attributes, key: "colour")
        form.setText(attributes.child(.name("colour")), "brown")
        #expect(form.bodyJSON?["attributes"] == ["colour": "brown"])
    }

    @Test func nestedOptionalObjectsAreLeftOutUntilFilled() {
        var form = self.form
        let owner = child("owner")
        #expect(form.bodyJSON?["owner"] == nil)
        form.setText(form.child("name", of: owner), "Ann")
        #expect(form.bodyJSON?["owner"] == ["name": "Ann"])
        #expect(form.field(form.child("email", of: owner))?.errors == ["required"])
        form.setIncluded(owner, false)
        #expect(form.bodyJSON?["owner"] == nil)
    }

    @Test func variantsSwitchAlternativesKeepingSharedFieldsAndSettingTheDiscriminator() {
        var form = self.form
        let kind = child("kind")
        let cat = kind.child(.chosen)
        #expect(form.field(child("petType", of: cat))?.text == "Cat")
        form.setText(child("name", of: cat), "Tom")
        form.selectAlternative(kind, 1)
        let dog = kind.child(.chosen)
        #expect(form.field(dog)?.children.map(\.name) == ["petType", "name", "breed"])
        #expect(form.bodyJSON?["kind"] == ["petType": "Dog", "name": "Tom"])
        #expect(form.field(form.child("breed", of: dog))?.errors == ["required"])
    }

    @Test func nullableFieldsSendAnExplicitNull() {
        var form = self.form
        let nickname = child("nickname")
        form.setNull(nickname, true)
        #expect(form.bodyJSON?["nickname"] == .null)
        form.setNull(child("name"), true)
        #expect(form.bodyJSON?["name"] == nil)
    }

    @Test func recursiveSchemasBuildFieldsWhenOpened() {
        var form = self.form
        let parent = child("parent")
        #expect(form.field(parent)?.children.isEmpty == true)
        form.setIncluded(parent, true)
        #expect(form.field(parent)?.children.map(\.name).prefix(2) == ["name", "age"])
    }

    @Test func bodyRoundTripsThroughJSONLosslessly() throws {
        var form = self.form
        let json = try JSONParser.parse(#"""
            {"zzz": {"unknown": [1, 2]}, "age": "old", "name": "Rex", "tags": "not-a-list", "nickname": null,
             "kind": {"petType": "Dog", "breed": "collie", "extra": true}, "attributes": {"b": "2", "a": "1"},
             "owner": {"email": "a@example.com"}, "parent": {"name": "Max", "age": 9, "kind": {"petType": "Cat", "indoor": true}}}
            """#)
        form.setBodyJSON(json)
        let back = try #require(form.bodyJSON)
        #expect(back == json)
        #expect(JSONWriter.compact.string(back) == JSONWriter.compact.string(json))
        let invalid = form.invalidFields.map { "\($0.field.name): \($0.field.errors.joined(separator: ", "))" }
        #expect(invalid.contains("age: must be an integer"))
        #expect(invalid.contains("tags: must be an array"))
        #expect(form.field(child("kind"))?.selectedAlternative?.name == "Dog")
    }

    @Test func parametersConvertToValues() {
        var form = self.form
        form.setText(.parameter("petId", in: .path), "42")
        form.setText(.parameter("limit", in: .query), "0")
        #expect(form.parameterValues.map { "\($0.parameter.name)=\($0.value)" } == ["petId=42", "limit=0"])
        #expect(form.field(.parameter("limit", in: .query))?.errors == ["must be at least 1"])
    }

    @Test func binaryFormatsBecomeFileFields() async throws {
        let upload = RequestForm(operation: try #require(document.operation(named: "upload")), document: document)
        #expect(upload.bodyMediaType == "multipart/form-data")
        guard case .file? = upload.body?.children.first?.kind else { Issue.record("photo should be a file field"); return }
    }
}

extension RequestForm {
    /// The id of a child field by name, in this form as it is now.
    func child(_ name: String, of parent: FieldID) -> FieldID {
        parent.child(field(parent)?.children.first { $0.name == name }?.key ?? .name(name))
    }
}

/// Property: for request bodies across the corpus, JSON → form → JSON gives back the same JSON, in order.
@Suite struct FormRoundTripCorpusTests {
    @Test func generatedBodiesSurviveTheForm() async throws {
        var checked = 0
        var failures: [String] = []
        for path in ["swagger-petstore/openapi.yaml", "stripe/spec3-2022-04-12.json", "openai/openapi.yaml", "kubernetes/k8s-v3-apps-v1.json", "discord/openapi.json", "slack/slack_web_openapi_v2.json"] {
            let document = try await SpecLoader().load(url: Fixtures.shared("specs/" + path), displayName: path)
            let generator = ExampleGenerator(document: document, direction: .request)
            for operation in document.operations.prefix(120) {
                // CPU-bound for seconds: let the tests waiting beside it run (the pool has a thread per core).
                await Task.yield()
                guard let media = operation.requestBody?.content.first(where: { $0.schema != nil }), let schema = media.schema else { continue }
                guard let example = generator.example(for: schema).value else { continue }
                var form = RequestForm(operation: operation, document: document, mediaType: media.name)
                form.setBodyJSON(example)
                checked += 1
                if let back = form.bodyJSON, JSONWriter.compact.string(back) == JSONWriter.compact.string(example) { continue }
                failures.append("\(path) \(operation.displayID): \(String(example.description.prefix(200))) → \(String((form.bodyJSON?.description ?? "nil").prefix(200)))")
            }
        }
        print("form round trip: \(checked - failures.count) of \(checked) request bodies came back identical")
        #expect(checked > 250)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
