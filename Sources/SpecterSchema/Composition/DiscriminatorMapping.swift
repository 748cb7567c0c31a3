import SpecterJSON

/// OpenAPI's `discriminator` as a schema writes it: which value of one property selects which of
/// the schema's `oneOf`/`anyOf` alternatives. The `mapping` names a schema by `$ref` or by bare
/// name; alternatives it does not name are selected by the name of the schema they refer to.
/// Validation, examples and forms all read it here, so they agree on what selects what.
struct DiscriminatorMapping: Sendable {
    let propertyName: String
    /// Value of the property → index of the alternative it selects.
    let selections: [String: Int]
    /// The same pairs in the order the schema gives them (the mapping first, then implied names).
    private let ordered: [(value: String, index: Int)]

    /// The discriminator of a schema with alternatives, if it has both.
    init?(_ schema: JSONValue) {
        guard let propertyName = schema["discriminator"]?["propertyName"]?.stringValue,
              let alternatives = schema["oneOf"]?.arrayValue ?? schema["anyOf"]?.arrayValue else { return nil }
        let references = alternatives.map { $0["$ref"]?.stringValue }
        var selections: [String: Int] = [:]
        var ordered: [(value: String, index: Int)] = []
        var mapped: Set<Int> = []
        for member in schema["discriminator"]?["mapping"]?.objectValue?.members ?? [] {
            guard let target = member.value.stringValue,
                  let index = references.firstIndex(where: { $0.map { Self.names($0, target) } ?? false }) else { continue }
            selections[member.key] = index
            ordered.append((member.key, index))
            mapped.insert(index)
        }
        for (index, reference) in references.enumerated() where !mapped.contains(index) {
            guard let name = reference.flatMap(Self.schemaName), selections[name] == nil else { continue }
            selections[name] = index
            ordered.append((name, index))
        }
        self.ordered = ordered
        self.propertyName = propertyName
        self.selections = selections
    }

    /// The alternative an instance selects, if its property names one.
    func selection(for instance: JSONValue) -> Int? {
        guard case .string(let value)? = instance[propertyName] else { return nil }
        return selections[value]
    }

    /// The value that selects an alternative (the first the schema gives, when several do).
    func value(selecting index: Int) -> String? {
        ordered.first { $0.index == index }?.value
    }

    /// The values that select an alternative, in the order the schema gives them (for messages).
    var values: [String] { ordered.map(\.value) }

    /// Whether a mapping value (`#/components/schemas/Cat`, or just `Cat`) names the schema a `$ref` points to.
    private static func names(_ reference: String, _ mappingValue: String) -> Bool {
        reference == mappingValue || (!mappingValue.contains("/") && schemaName(reference) == mappingValue)
    }

    /// `Cat` for `#/components/schemas/Cat`.
    static func schemaName(_ reference: String) -> String? {
        reference.split(separator: "/").last.map(String.init)
    }
}
