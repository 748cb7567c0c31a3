import SpecterJSON
import SpecterSpec

/// What one schema must say so that it means "both": the conjunction of two schemas' keywords, for
/// flattening `allOf` into something a form or an example can be built from. Types and `enum`s are
/// intersected, bounds tightened, `required` united, shared properties combined with `allOf`.
enum SchemaMerge {
    /// One schema equivalent to `schema` together with `parts` (its `allOf`, or alternatives to fold in).
    /// `$ref`s in parts are followed. A part being expanded at this place already (`shallow`:
    /// `Cat: allOf [Pet]` reached from `Pet: oneOf [Cat]`) gives only its own constraints, not its
    /// compositions again; a part on `skipping` (being expanded further up, at another place) is
    /// left out, which ends recursion. So flattening always ends.
    static func flatten(_ schema: JSONValue, parts: [JSONValue], at address: NodeAddress, partAddresses: [NodeAddress]? = nil,
                        documents: DocumentSet, skipping: [NodeAddress] = [], shallow: [NodeAddress]) -> JSONValue {
        var merged = schema.objectValue ?? JSONObject()
        merged["allOf"] = nil
        for (position, part) in parts.enumerated() {
            var resolved = part
            var partAddress = partAddresses?[position] ?? address.appending("allOf").appending(position)
            var expanding = false
            if part["$ref"]?.stringValue != nil, let target = try? documents.dereference(part, at: partAddress) {
                expanding = shallow.contains(target.address)
                guard expanding || !skipping.contains(target.address) else { continue }
                resolved = target.value
                partAddress = target.address
            }
            if expanding {
                resolved = withoutCompositions(resolved)
            } else if let nested = resolved["allOf"]?.arrayValue {
                resolved = flatten(resolved, parts: nested, at: partAddress, documents: documents, skipping: skipping, shallow: shallow + [partAddress])
            }
            for member in resolved.objectValue?.members ?? [] {
                merged[member.key] = combine(member.key, merged[member.key], member.value)
            }
        }
        return .object(merged)
    }

    /// A schema's own constraints without the keywords that compose it from others.
    private static func withoutCompositions(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        for keyword in ["allOf", "oneOf", "anyOf", "discriminator", "$ref"] { object[keyword] = nil }
        return .object(object)
    }

    private static let lowerBounds: Set<String> = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"]
    private static let upperBounds: Set<String> = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"]

    /// The value of keyword `key` for a schema that must satisfy both `existing` and `added`.
    static func combine(_ key: String, _ existing: JSONValue?, _ added: JSONValue) -> JSONValue {
        guard let existing else { return added }
        switch key {
        case "properties":
            var properties = existing.objectValue ?? JSONObject()
            for property in added.objectValue?.members ?? [] {
                properties[property.key] = properties[property.key].map { $0 == property.value ? $0 : ["allOf": [$0, property.value]] } ?? property.value
            }
            return .object(properties)
        case "required":
            let combined = (existing.arrayValue ?? []) + (added.arrayValue ?? [])
            return .array(combined.reduce(into: [JSONValue]()) { if !$0.contains($1) { $0.append($1) } })
        case "type":
            let left = typeNames(existing), right = typeNames(added)
            var common = left.filter { right.contains($0) || ($0 == "integer" && right.contains("number")) }
            common += right.filter { $0 == "integer" && left.contains("number") && !common.contains("integer") }
            return common.count == 1 ? .string(common[0]) : .array(common.map(JSONValue.string))
        case "enum":
            let options = existing.arrayValue ?? []
            return .array(options.filter { (added.arrayValue ?? []).contains($0) })
        case "anyOf", "oneOf":
            // (a1 | a2) & (b1 | b2) = (a1 & b1) | (a1 & b2) | …, while that stays small.
            let left = existing.arrayValue ?? [], right = added.arrayValue ?? []
            guard left.count * right.count <= 64 else { return existing }
            return .array(left.flatMap { a in right.map { b in ["allOf": [a, b]] } })
        case "items", "additionalProperties", "not", "contains", "propertyNames":
            if existing == .bool(false) || added == .bool(false) { return .bool(false) }
            if existing == .bool(true) { return added }
            if added == .bool(true) { return existing }
            return ["allOf": [existing, added]]
        default:
            if lowerBounds.contains(key), let a = existing.doubleValue, let b = added.doubleValue { return a >= b ? existing : added }
            if upperBounds.contains(key), let a = existing.doubleValue, let b = added.doubleValue { return a <= b ? existing : added }
            return existing
        }
    }

    static func typeNames(_ value: JSONValue) -> [String] {
        value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
