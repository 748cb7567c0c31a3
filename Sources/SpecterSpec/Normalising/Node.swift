import SpecterJSON

/// A value with its address: the normalisers walk documents with these so every model
/// object and every diagnostic knows where it came from.
struct Node {
    let value: JSONValue
    let address: NodeAddress

    subscript(key: String) -> Node? {
        value[key].map { Node(value: $0, address: address.appending(key)) }
    }

    /// Object members in order, each with its address; empty for non-objects.
    var members: [(key: String, node: Node)] {
        guard case .object(let object) = value else { return [] }
        return object.members.map { ($0.key, Node(value: $0.value, address: address.appending($0.key))) }
    }

    /// Object member names in order; empty for non-objects.
    var keys: [String] { value.objectValue?.keys ?? [] }

    /// Array items with their addresses; empty for non-arrays.
    var items: [Node] {
        guard case .array(let items) = value else { return [] }
        return items.enumerated().map { Node(value: $0.element, address: address.appending(String($0.offset))) }
    }

    func string(_ key: String) -> String? { value[key]?.stringValue }

    func bool(_ key: String) -> Bool? { value[key]?.boolValue }

    var isObject: Bool { value.objectValue != nil }

    /// The `x-` members, kept so tools and users can reach vendor extensions.
    var extensions: JSONObject {
        guard case .object(let object) = value else { return JSONObject() }
        return JSONObject(object.members.filter { $0.key.hasPrefix("x-") })
    }

    var schemaRef: SchemaRef { SchemaRef(value: value, address: address) }
}
