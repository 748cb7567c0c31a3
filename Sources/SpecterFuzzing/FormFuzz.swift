import Foundation
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// Random edits of a request form (text, items added, removed and moved, alternatives chosen, objects
/// included, nulls, defaults, raw JSON): after every edit the body the form would send converts to
/// JSON and back without changing, so what the form holds is what goes out.
enum FormFuzz {
    static let description = """
        openapi: 3.1.0
        info: {title: Form fuzz, version: "1"}
        paths:
          /things/{id}:
            post:
              operationId: update
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                - {name: tags, in: query, schema: {type: array, items: {type: string}}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Thing"}
              responses: {"200": {description: ok}}
        components:
          schemas:
            Thing:
              type: object
              required: [name, kind]
              properties:
                name: {type: string, minLength: 1}
                count: {type: integer, maximum: 100}
                ratio: {type: [number, "null"]}
                done: {type: boolean}
                status: {type: string, enum: [new, old, ""]}
                tags: {type: array, items: {type: string}}
                parts: {type: array, items: {$ref: "#/components/schemas/Part"}}
                labels: {type: object, additionalProperties: {type: string}}
                owner: {anyOf: [{$ref: "#/components/schemas/Owner"}, {type: "null"}]}
                kind:
                  oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
                  discriminator: {propertyName: type}
            Part: {type: object, properties: {id: {type: integer}, child: {$ref: "#/components/schemas/Part"}}}
            Owner: {type: object, required: [email], properties: {email: {type: string, format: email}}}
            Cat: {type: object, required: [type], properties: {type: {type: string}, indoor: {type: boolean}}}
            Dog: {type: object, required: [type], properties: {type: {type: string}, breed: {type: string, default: husky}}}
        """

    static let document: APIDocument? = blocking {
        try? await loader.load(bytes: Array(description.utf8), url: URL(fileURLWithPath: "/fuzz/form.yaml"), displayName: "form.yaml")
    } ?? nil

    static func run(_ data: [UInt8]) {
        guard let document, let operation = document.operations.first else { return }
        var form = RequestForm(operation: operation, document: document)
        var input = FuzzBytes(data)
        var edits = 0
        while !input.isEmpty, edits < 24 {
            edits += 1
            let ids = fieldIDs(form)
            guard !ids.isEmpty else { return }
            let id = ids[input.number(below: ids.count)]
            switch input.number(below: 10) {
            case 0, 1: form.setText(id, input.text())
            case 2: form.addItem(id)
            case 3: form.remove(id)
            case 4: form.move(id, by: input.number(below: 5) - 2)
            case 5: form.selectAlternative(id, input.number(below: 3))
            case 6: form.setIncluded(id, input.byte() & 1 == 0)
            case 7: form.setNull(id, input.byte() & 1 == 0)
            case 8: form.useDefault(id)
            default: form.setBodyJSON(try? JSONParser.parse(Array(input.text(maximum: 40).utf8)))
            }
            check(form, operation: operation, document: document)
        }
    }

    /// The body survives JSON: a new form loaded with it sends the same body.
    private static func check(_ form: RequestForm, operation: APIOperation, document: APIDocument) {
        let sent = form.bodyJSON
        var reloaded = RequestForm(operation: operation, document: document)
        reloaded.setBodyJSON(sent)
        FuzzCheck.require(reloaded.bodyJSON == sent, "the body changed on its way through JSON: \(sent.map { JSONWriter.compact.string($0) } ?? "nil") → "
                          + (reloaded.bodyJSON.map { JSONWriter.compact.string($0) } ?? "nil"))
        _ = form.invalidCount
    }

    /// Every field of the form, parameters and body, depth first.
    private static func fieldIDs(_ form: RequestForm) -> [FieldID] {
        var ids: [FieldID] = []
        func walk(_ field: FormField, _ id: FieldID) {
            ids.append(id)
            for child in field.children { walk(child, id.child(child.key)) }
        }
        for (location, fields) in form.parameters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for field in fields { walk(field, .parameter(field.name, in: location)) }
        }
        if let body = form.body { walk(body, .body) }
        return ids
    }
}
