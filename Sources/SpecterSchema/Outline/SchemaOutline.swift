import SpecterJSON
import SpecterSpec

/// A schema as a readable type tree, for documentation views (`specter show`, the explorer).
///
/// References are followed lazily with the chain of names on the current branch, so a
/// recursive schema ends in a "recursive" leaf instead of an endless tree.
public struct SchemaOutline: Sendable, Equatable {
    /// The property name, `[item]`, `{key}`, or `option N` for alternatives.
    public var name: String?
    /// `string (date-time)`, `array of Pet`, `one of`, `Pet (recursive)`.
    public var type: String
    public var required: Bool
    /// Constraints, defaults, examples and flags in short form (`default: 10`, `max length 64`).
    public var notes: [String]
    public var description: String?
    public var children: [SchemaOutline]
    /// The name of the schema this node refers back to, when it is a cycle.
    public var recursiveReference: String?

    public static func build(_ schema: SchemaRef, documents: DocumentSet, maxDepth: Int = 12) -> SchemaOutline {
        var builder = OutlineBuilder(documents: documents, maxDepth: maxDepth, branch: [schema.address])
        return builder.node(schema.value, at: schema.address, name: nil, required: false, depth: 0)
    }

    /// One row per node in depth-first order, for tables and tree views.
    public struct Row: Sendable, Equatable {
        public var depth: Int
        /// The name with `*` when required, or empty for the root.
        public var label: String
        public var type: String
        public var notes: [String]
    }

    public func rows(depth: Int = 0) -> [Row] {
        let label = (name ?? "") + (required ? "*" : "")
        return [Row(depth: depth, label: label, type: type, notes: notes)] + children.flatMap { $0.rows(depth: depth + 1) }
    }
}

private struct OutlineBuilder {
    let documents: DocumentSet
    let maxDepth: Int
    var branch: [NodeAddress] = []
    /// A chain of bare references longer than this is taken for a loop.
    static let maximumChain = 100_000

    mutating func node(_ value: JSONValue, at address: NodeAddress, name: String?, required: Bool, depth: Int) -> SchemaOutline {
        if case .bool(let flag) = value {
            return SchemaOutline(name: name, type: flag ? "any" : "nothing", required: required, notes: [], description: nil, children: [], recursiveReference: nil)
        }
        if case .string(let reference)? = value["$ref"] {
            return referenced(reference, value: value, at: address, name: name, required: required, depth: depth)
        }
        var outline = SchemaOutline(
            name: name, type: typeLabel(value), required: required, notes: notes(value), description: value["description"]?.stringValue,
            children: [], recursiveReference: nil)
        guard depth < maxDepth else {
            let hasMore = ["properties", "items", "allOf", "oneOf", "anyOf", "additionalProperties", "prefixItems"].contains { value[$0] != nil }
            if hasMore {
                outline.children = [SchemaOutline(name: "…", type: "nested deeper: not shown", required: false, notes: [], description: nil,
                                                  children: [], recursiveReference: nil)]
            }
            return outline
        }
        outline.children = children(value, at: address, depth: depth, outline: &outline)
        return outline
    }

    private mutating func referenced(_ reference: String, value: JSONValue, at address: NodeAddress, name: String?, required: Bool, depth: Int) -> SchemaOutline {
        var referenceName = Self.shortName(reference)
        var target: (value: JSONValue, address: NodeAddress)
        var notes: [String] = []
        do {
            target = try documents.resolve(reference, from: address.appending("$ref"))
            // A chain of bare references (`A: {$ref: B}`, `B: {$ref: C}` …) is followed in a loop, named by its ends.
            var hops = 0
            while case .string(let next)? = target.value["$ref"], target.value.objectValue?.count == 1, !branch.contains(target.address) {
                target = try documents.resolve(next, from: target.address.appending("$ref"))
                hops += 1
                if hops > Self.maximumChain { break }
                referenceName = Self.shortName(reference) + " → " + Self.shortName(next)
            }
            if hops > 1 { notes.append("through \(hops) references") }
        } catch {
            let kind = error.kind == .refusedReference ? "refused reference" : "unresolved reference"
            return SchemaOutline(name: name, type: "\(referenceName) (\(kind))", required: required, notes: [error.description], description: nil, children: [],
                                 recursiveReference: nil)
        }
        if branch.contains(target.address) || target.value["$ref"] != nil {
            return SchemaOutline(name: name, type: "\(referenceName) (recursive)", required: required, notes: notes, description: nil, children: [],
                                 recursiveReference: referenceName)
        }
        branch.append(target.address)
        defer { branch.removeLast() }
        var outline = node(target.value, at: target.address, name: name, required: required, depth: depth)
        outline.notes = notes + outline.notes
        if outline.type == "object" { outline.type = referenceName } else if !outline.type.contains(referenceName) { outline.type = "\(referenceName): \(outline.type)" }
        if let description = value["description"]?.stringValue { outline.description = description }
        return outline
    }

    private mutating func children(_ value: JSONValue, at address: NodeAddress, depth: Int, outline: inout SchemaOutline) -> [SchemaOutline] {
        var result: [SchemaOutline] = []
        let required = Set(value["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for member in value["properties"]?.objectValue?.members ?? [] {
            result.append(node(member.value, at: address.appending("properties").appending(member.key), name: member.key, required: required.contains(member.key), depth: depth + 1))
        }
        if let additional = value["additionalProperties"], additional != .bool(false), additional != .bool(true) {
            result.append(node(additional, at: address.appending("additionalProperties"), name: "{key}", required: false, depth: depth + 1))
        }
        if let items = value["items"], items.objectValue != nil {
            let item = node(items, at: address.appending("items"), name: nil, required: false, depth: depth + 1)
            outline.type = "array of \(item.type)"
            result += item.children
        }
        for (position, prefix) in (value["prefixItems"]?.arrayValue ?? []).enumerated() {
            result.append(node(prefix, at: address.appending("prefixItems").appending(position), name: "[\(position)]", required: false, depth: depth + 1))
        }
        for keyword in ["allOf"] {
            for (position, part) in (value[keyword]?.arrayValue ?? []).enumerated() {
                // One level deeper, so a long chain of allOf parts ends at the depth limit too.
                let merged = node(part, at: address.appending(keyword).appending(position), name: nil, required: false, depth: depth + 1)
                result += merged.children
                if outline.type == "any" { outline.type = merged.type }
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            let alternatives = value[keyword]?.arrayValue ?? []
            guard !alternatives.isEmpty else { continue }
            var labels: [String] = []
            for (position, part) in alternatives.enumerated() {
                let option = node(part, at: address.appending(keyword).appending(position), name: "option \(position + 1)", required: false, depth: depth + 1)
                labels.append(option.type)
                result.append(option)
            }
            let isNullable = labels.contains("null")
            if labels.count == 2 && isNullable, let other = labels.first(where: { $0 != "null" }), let index = result.firstIndex(where: { $0.type == other }) {
                let kept = result.remove(at: index)
                result.removeAll { $0.type == "null" }
                outline.type = "\(other) | null"
                result += kept.children
            } else {
                outline.type = (keyword == "oneOf" ? "one of: " : "any of: ") + labels.joined(separator: " | ")
            }
        }
        return result
    }

    private func typeLabel(_ value: JSONValue) -> String {
        var types: [String]
        switch value["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default:
            if value["properties"] != nil || value["additionalProperties"] != nil { types = ["object"] }
            else if value["items"] != nil { types = ["array"] }
            else if let constant = value["const"] { return "const \(constant)" }
            else if value["enum"] != nil { types = ["enum"] }
            else { types = ["any"] }
        }
        if value["nullable"] == .bool(true) || value["x-nullable"] == .bool(true), !types.contains("null") { types.append("null") }
        var label = types.joined(separator: " | ")
        if let format = value["format"]?.stringValue { label += " (\(format))" }
        if value["type"] == nil, value["additionalProperties"] != nil, value["properties"] == nil { label = "map" }
        return label
    }

    private func notes(_ value: JSONValue) -> [String] {
        var notes: [String] = []
        if let options = value["enum"]?.arrayValue {
            let shown = options.prefix(12).map { $0.stringValue ?? $0.description }
            notes.append("one of: " + shown.joined(separator: ", ") + (options.count > 12 ? ", … \(options.count - 12) more" : ""))
        }
        if let defaultValue = value["default"] { notes.append("default: \(defaultValue)") }
        let bounds: [(String, String)] = [
            ("minimum", "min"), ("maximum", "max"), ("exclusiveMinimum", "greater than"), ("exclusiveMaximum", "less than"),
            ("minLength", "min length"), ("maxLength", "max length"), ("minItems", "min items"), ("maxItems", "max items"),
            ("pattern", "pattern"), ("multipleOf", "multiple of"),
        ]
        for (keyword, label) in bounds {
            guard let bound = value[keyword], bound.boolValue == nil else { continue }
            // OpenAPI 3.0 writes an exclusive bound as `minimum` with `exclusiveMinimum: true`.
            let exclusive = (keyword == "minimum" && value["exclusiveMinimum"] == .bool(true)) || (keyword == "maximum" && value["exclusiveMaximum"] == .bool(true))
            let shown = exclusive ? (keyword == "minimum" ? "greater than" : "less than") : label
            notes.append("\(shown) \(bound.stringValue ?? bound.doubleValue?.shortDescription ?? bound.description)")
        }
        if value["readOnly"] == .bool(true) { notes.append("read-only") }
        if value["writeOnly"] == .bool(true) { notes.append("write-only") }
        if value["deprecated"] == .bool(true) { notes.append("deprecated") }
        if let example = value["example"] ?? value["examples"]?[0] {
            let text = example.stringValue ?? example.description
            notes.append("example: " + (text.count > 40 ? String(text.prefix(39)) + "…" : text))
        }
        return notes
    }

    /// `#/components/schemas/Pet` → `Pet`; `models/pet.yaml` → `pet`.
    static func shortName(_ reference: String) -> String {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, let token = JSONPointer(fragment: "#" + parts[1])?.tokens.last, !token.isEmpty {
            return token
        }
        let file = parts.first.map(String.init) ?? reference
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
