import Foundation
import SpecterJSON

/// A value with its address: the normalisers walk documents with these so every model
/// object and every diagnostic knows where it came from.
struct Node {
    let value: JSONValue
    let address: NodeAddress

    subscript(key: String) -> Node? {
        value[key].map { Node(value: $0, address: address.appending(key)) }
    }

    /// Object members in order, each with its address (made as iteration reaches it); empty for non-objects.
    var members: LazyMapSequence<[JSONObject.Member], (key: String, node: Node)> {
        let base = address
        return (value.objectValue?.members ?? []).lazy.map { ($0.key, Node(value: $0.value, address: base.appending($0.key))) }
    }

    /// Object member names in order; empty for non-objects.
    var keys: LazyMapSequence<[JSONObject.Member], String> {
        (value.objectValue?.members ?? []).lazy.map(\.key)
    }

    /// Array items with their addresses; empty for non-arrays.
    var items: LazyMapSequence<EnumeratedSequence<[JSONValue]>, Node> {
        let base = address
        return (value.arrayValue ?? []).enumerated().lazy.map { Node(value: $0.element, address: base.appending($0.offset)) }
    }

    func string(_ key: String) -> String? { value[key]?.stringValue }

    func bool(_ key: String) -> Bool? { value[key]?.boolValue }

    var isObject: Bool { value.objectValue != nil }

    /// The `x-` members, kept so tools and users can reach vendor extensions.
    var extensions: JSONObject {
        guard case .object(let object) = value, object.members.contains(where: { $0.key.hasPrefix("x-") }) else { return JSONObject() }
        return JSONObject(object.members.filter { $0.key.hasPrefix("x-") })
    }

    var schemaRef: SchemaRef { SchemaRef(value: value, address: address) }
}

extension Optional where Wrapped == Node {
    /// The members of the node, or none when there is no node: absent and empty read the same.
    var members: LazyMapSequence<[JSONObject.Member], (key: String, node: Node)> { (self ?? Node.absent).members }

    var items: LazyMapSequence<EnumeratedSequence<[JSONValue]>, Node> { (self ?? Node.absent).items }
}

extension Node {
    /// Stands for a member that is not there.
    static let absent = Node(value: .null, address: NodeAddress(document: URL(fileURLWithPath: "/"), pointer: .root))
}
