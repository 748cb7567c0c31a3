import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// `form [FIELDS]`: the cost of one keystroke (set a field's text, re-validate it and its parents) in a
/// request body form of FIELDS fields of mixed kinds. Goal: under 1 ms.
enum FormBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        let fieldCount = arguments.first.flatMap(Int.init) ?? 200
        var properties = JSONObject()
        var required: [JSONValue] = []
        for index in 0..<fieldCount {
            let name = "field\(index)"
            switch index % 5 {
            case 0: properties[name] = ["type": "string", "minLength": 1, "maxLength": 40, "pattern": "^[A-Za-z ]+$"]
            case 1: properties[name] = ["type": "integer", "minimum": 0, "maximum": 1000]
            case 2: properties[name] = ["type": "string", "enum": ["red", "green", "blue"]]
            case 3: properties[name] = ["type": "string", "format": "date"]
            default: properties[name] = ["type": "number", "multipleOf": 0.5]
            }
            if index % 3 == 0 { required.append(.string(name)) }
        }
        let spec: JSONValue = [
            "openapi": "3.0.3", "info": ["title": "Form benchmark", "version": "1"],
            "paths": ["/things": ["post": [
                "operationId": "create",
                "requestBody": ["content": ["application/json": ["schema": ["type": "object", "properties": .object(properties), "required": .array(required)]]]],
                "responses": ["200": ["description": "ok"]],
            ]]],
        ]
        let document = try! await SpecLoader().load(bytes: Array(JSONWriter.compact.string(spec).utf8), url: URL(fileURLWithPath: "/form-benchmark.json"),
                                                    displayName: "form-benchmark.json")
        var form = RequestForm(operation: document.operations[0], document: document)
        let target = FieldID.body.child(.name("field\(fieldCount / 2)"))
        for warmup in 0..<100 { form.setText(target, String(warmup)) }
        var times: [Double] = []
        for keystroke in 0..<2000 {
            let start = ContinuousClock.now
            form.setText(target, keystroke % 7 == 0 ? "x\(keystroke)" : String(keystroke % 1000))
            times.append((ContinuousClock.now - start).milliseconds)
        }
        times.sort()
        print("form of \(fieldCount) fields (\(form.invalidCount) invalid): one keystroke re-validates the field and the body")
        print(String(format: "keystroke: median %.3f ms, 99th percentile %.3f ms (goal < 1 ms)", times[times.count / 2], times[times.count * 99 / 100]))
    }
}
