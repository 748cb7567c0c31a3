import SpecterJSON

/// A number per operation that changes when anything the operation depends on changes: its own
/// node, its parameters, and every schema or component its `$ref`s reach, in any file. Two
/// versions of a description are compared by these numbers, so only operations whose numbers
/// differ need a closer look. Each node is read once however many operations share it.
public struct OperationFingerprints: Sendable {
    public private(set) var byOperation: [OperationKey: Int] = [:]

    /// Most nodes one operation's references may reach before the walk stops (a bound, not a limit real descriptions meet).
    static let reachLimit = 50_000

    public init(_ document: APIDocument) {
        var nodes = NodeDigests(documents: document.documents)
        for operation in document.operations + document.webhooks {
            let starts = [operation.address] + operation.parameters.map(\.address)
            byOperation[OperationKey(operation)] = nodes.fingerprint(from: starts)
        }
    }
}

/// Each node's own hash and the nodes its `$ref`s name, worked out once per node.
private struct NodeDigests {
    let documents: DocumentSet
    private var digests: [NodeAddress: (hash: Int, references: [NodeAddress])] = [:]

    init(documents: DocumentSet) {
        self.documents = documents
    }

    /// A hash of every node reachable from `starts`, independent of the order they are reached in.
    mutating func fingerprint(from starts: [NodeAddress]) -> Int {
        var seen: Set<NodeAddress> = []
        var pending = starts
        var combined = 0
        while let address = pending.popLast(), seen.count < OperationFingerprints.reachLimit {
            guard seen.insert(address).inserted, let digest = digest(of: address) else { continue }
            var hasher = Hasher()
            // The root is named by its place in the set, not its URL: a description read again from elsewhere is the same.
            if address.document != documents.rootURL { hasher.combine(address.document) }
            hasher.combine(address.pointer)
            hasher.combine(digest.hash)
            combined &+= hasher.finalize()
            pending += digest.references
        }
        return combined
    }

    private mutating func digest(of address: NodeAddress) -> (hash: Int, references: [NodeAddress])? {
        if let known = digests[address] { return known }
        guard let value = documents.document(at: address.document).flatMap({ address.pointer.resolve(in: $0.value) }) else { return nil }
        let references = Self.references(in: value).compactMap { reference in
            try? documents.resolve(reference, from: address).address
        }
        let digest = (hash: value.hashValue, references: references)
        digests[address] = digest
        return digest
    }

    /// The `$ref` strings anywhere inside a value, without recursion.
    private static func references(in value: JSONValue) -> [String] {
        var found: [String] = []
        var pending = [value]
        while let next = pending.popLast() {
            switch next {
            case .object(let object):
                for member in object {
                    if member.key == "$ref", case .string(let reference) = member.value { found.append(reference) } else { pending.append(member.value) }
                }
            case .array(let items):
                pending += items
            default:
                break
            }
        }
        return found
    }
}
