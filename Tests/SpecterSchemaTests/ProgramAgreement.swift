import SpecterJSON
@testable import SpecterSchema

/// Whether the compiled yes/no program and the `Evaluator` (the explaining validation) agree on a
/// value and on variants of it that break it in the usual ways — a member missing, one too many, a
/// wrong type — in requests and in responses (read-only and write-only properties count differently).
struct ProgramAgreement {
    private(set) var compared = 0
    private(set) var disagreements: [String] = []

    mutating func compare(_ value: JSONValue, against schema: SchemaValidator.Compiled, in registry: SchemaRegistry, label: String) {
        guard let entry = registry.checkEntry(for: schema.schema) else { return }
        for variant in Self.variants(of: value) {
            for direction in [ValidationDirection.request, .response] {
                let options = ValidationOptions(direction: direction, collectAllErrors: false)
                let verdict = CheckRun.verdict(on: variant, from: entry, in: registry.checkProgram, options: options).verdict
                guard verdict != .undecided else { continue }
                var evaluator = Evaluator(registry: registry, options: options)
                let evaluated = evaluator.validate(schema.schema, variant)
                compared += 1
                if evaluated != (verdict == .valid) {
                    disagreements.append("\(label) (\(direction)) on \(variant.description.prefix(120)): program \(verdict), evaluator \(evaluated)")
                }
            }
        }
    }

    static func variants(of value: JSONValue) -> [JSONValue] {
        var variants = [value]
        switch value {
        case .object(let object) where !object.isEmpty:
            var withoutFirst = object
            withoutFirst[object.members[0].key] = nil
            var extra = object
            extra["unexpected_member"] = .int(1)
            var wrongType = object
            wrongType[object.members[0].key] = object.members[0].value.stringValue == nil ? .string("text") : .int(12)
            variants += [.object(withoutFirst), .object(extra), .object(wrongType)]
        case .array(let items) where !items.isEmpty:
            variants += [.array(Array(items.dropFirst())), .array(items + [.string("text")])]
        default:
            variants += [.string(""), .int(-1)]
        }
        return variants
    }
}
