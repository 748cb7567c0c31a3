import Foundation
import SpecterJSON

/// A number per operation that changes when anything the operation depends on changes: its own
/// node, its path's parameters, and every component its `$ref`s reach, in any file. Two versions
/// of a description are compared by these numbers, so only operations whose numbers differ need a
/// closer look. Each node is read once however many operations share it; the root document's
/// operations and components are found by walking it once, not by resolving pointers.
public struct OperationFingerprints: Sendable {
    public private(set) var byOperation: [OperationKey: UInt64] = [:]

    public init(_ document: APIDocument) {
        let root = document.documents.root?.value ?? .null
        var nodes = ReachableNodes(documents: document.documents, root: root)
        let raw = RawOperations(root)
        for operation in document.operations + document.webhooks {
            let key = OperationKey(operation)
            var starts: [ReachableNodes.Node] = []
            if let node = raw.nodes[key] {
                starts = [.value(node)] + (raw.pathParameters[operation.path].map { [.value($0)] } ?? [])
            } else {
                starts = ([operation.address] + operation.parameters.map(\.address)).map(ReachableNodes.Node.address)
            }
            byOperation[key] = nodes.fingerprint(from: starts)
        }
    }
}

/// Operation nodes of the root document by method and path, read straight from `paths` and
/// `webhooks` (and 3.2 `additionalOperations`), with each path's shared `parameters`.
private struct RawOperations {
    var nodes: [OperationKey: JSONValue] = [:]
    var pathParameters: [String: JSONValue] = [:]

    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    init(_ root: JSONValue) {
        for (section, isWebhook) in [("paths", false), ("webhooks", true)] {
            guard case .object(let items)? = root[section] else { continue }
            for item in items {
                guard case .object(let pathItem) = item.value else { continue }
                if !isWebhook, let parameters = pathItem["parameters"] { pathParameters[item.key] = parameters }
                for member in pathItem where Self.methods.contains(member.key) {
                    nodes[OperationKey(method: member.key.uppercased(), path: item.key, isWebhook: isWebhook)] = member.value
                }
                if case .object(let additional)? = pathItem["additionalOperations"] {
                    for member in additional { nodes[OperationKey(method: member.key, path: item.key, isWebhook: isWebhook)] = member.value }
                }
            }
        }
    }
}

/// The nodes operations reach through `$ref`s, as a graph: the root document's components by
/// their pointer (`/components/schemas/Item`, `/definitions/Item`), anything else (another file, a
/// pointer elsewhere) by its resolved address. Each node gets a reach hash — its own digest plus the
/// reach hashes of what it references, a loop of references sharing one — worked out once for the
/// whole graph (Tarjan's strongly connected components, without recursion), so an operation's
/// fingerprint costs only its own references however much of the description they reach.
private struct ReachableNodes {
    enum Node {
        case value(JSONValue)
        case address(NodeAddress)
    }

    let documents: DocumentSet
    let rootAddress: NodeAddress
    private let components: [String: JSONValue]
    private var ids: [String: Int] = [:]
    private var own: [UInt64] = []
    private var edges: [[Int]] = []
    private var bases: [Base] = []
    private var reach: [UInt64?] = []

    init(documents: DocumentSet, root: JSONValue) {
        self.documents = documents
        rootAddress = NodeAddress(document: documents.rootURL, pointer: .root)
        var components: [String: JSONValue] = [:]
        if case .object(let top) = root {
            for section in top {
                guard case .object(let members) = section.value else { continue }
                if section.key == "components" {
                    for kind in members {
                        guard case .object(let named) = kind.value else { continue }
                        for item in named { components["/components/\(JSONPointer.escape(kind.key))/\(JSONPointer.escape(item.key))"] = item.value }
                    }
                } else if ["definitions", "parameters", "responses", "securityDefinitions"].contains(section.key) {
                    for item in members { components["/\(section.key)/\(JSONPointer.escape(item.key))"] = item.value }
                }
            }
        }
        self.components = components
    }

    /// A hash of the starting nodes and everything they reach.
    mutating func fingerprint(from starts: [Node]) -> UInt64 {
        var combined: UInt64 = 0
        for start in starts {
            let digest: NodeDigest
            let base: Base
            switch start {
            case .value(let value):
                digest = NodeDigest(value)
                base = Base(address: rootAddress, isRoot: true)
            case .address(let address):
                guard let found = value(at: address) else { continue }
                digest = NodeDigest(found)
                base = Base(address: address, isRoot: address.document == documents.rootURL)
            }
            combined &+= digest.hash
            for reference in digest.references {
                if let node = node(reference, from: base) { combined &+= reachHash(of: node) }
            }
        }
        return combined
    }

    /// Where a node's references are resolved from, and whether that is the root document (where
    /// the same few references recur thousands of times, and each is looked up once).
    private struct Base {
        var address: NodeAddress
        var isRoot: Bool
    }

    /// The node a reference names, added to the graph (with its digest) the first time.
    private mutating func node(_ reference: String, from base: Base) -> Int? {
        guard base.isRoot else { return newNode(reference, from: base) }
        if let known = rootReferences[reference] { return known }
        let found = newNode(reference, from: base)
        rootReferences[reference] = .some(found)
        return found
    }

    private var rootReferences: [String: Int?] = [:]

    private mutating func newNode(_ reference: String, from base: Base) -> Int? {
        let id: String
        let value: JSONValue
        let address: NodeAddress
        if base.isRoot, let key = localComponent(reference), let component = components[key] {
            (id, value, address) = (key, component, rootAddress)
        } else if let resolved = try? documents.resolve(reference, from: base.address), let found = self.value(at: resolved.address) {
            // The root is named by its place in the set, not its URL: a description read again from elsewhere is the same.
            id = (resolved.address.document == documents.rootURL ? "" : resolved.address.document.absoluteString) + "#" + resolved.address.pointer.description
            (value, address) = (found, resolved.address)
        } else {
            return nil
        }
        if let known = ids[id] { return known }
        let index = own.count
        ids[id] = index
        let digest = NodeDigest(value)
        own.append(Self.mix(digest.hash, with: id))
        edges.append([])
        bases.append(Base(address: address, isRoot: address.document == documents.rootURL))
        reach.append(nil)
        // The references are read now and followed when the node's reach is first asked for.
        pendingReferences[index] = digest.references
        return index
    }

    private var pendingReferences: [Int: [String]] = [:]

    /// Links a node to the nodes its references name (once).
    private mutating func expand(_ index: Int) {
        guard let references = pendingReferences.removeValue(forKey: index) else { return }
        let base = bases[index]
        edges[index] = references.compactMap { node($0, from: base) }
    }

    /// The node's reach hash, working out every node it reaches that has none yet.
    private mutating func reachHash(of start: Int) -> UInt64 {
        if let known = reach[start] { return known }
        var order: [Int: Int] = [:]
        var lowest: [Int: Int] = [:]
        var stack: [Int] = []
        var onStack: Set<Int> = []
        var counter = 0
        // Each frame: a node and how many of its edges were looked at.
        var frames: [(node: Int, edge: Int)] = [(start, 0)]
        while var frame = frames.popLast() {
            let node = frame.node
            if frame.edge == 0 && order[node] == nil {
                expand(node)
                order[node] = counter
                lowest[node] = counter
                counter += 1
                stack.append(node)
                onStack.insert(node)
            }
            if frame.edge < edges[node].count {
                let next = edges[node][frame.edge]
                frame.edge += 1
                frames.append(frame)
                if reach[next] != nil { continue }
                if order[next] == nil {
                    frames.append((next, 0))
                } else if onStack.contains(next), let nextOrder = order[next], let current = lowest[node] {
                    lowest[node] = min(current, nextOrder)
                }
                continue
            }
            // All edges seen: pass the lowest order up, and close a component at its root.
            if let parent = frames.last?.node, let mine = lowest[node], let theirs = lowest[parent] { lowest[parent] = min(theirs, mine) }
            guard lowest[node] == order[node] else { continue }
            var members: [Int] = []
            while let member = stack.popLast() {
                onStack.remove(member)
                members.append(member)
                if member == node { break }
            }
            let inside = Set(members)
            var hash: UInt64 = 0
            for member in members {
                hash &+= own[member]
                for target in edges[member] where !inside.contains(target) { hash &+= reach[target] ?? 0 }
            }
            for member in members { reach[member] = hash }
        }
        return reach[start] ?? 0
    }

    /// `#/components/schemas/Item/properties/x` → `/components/schemas/Item`: a reference into a
    /// component counts the whole component.
    private func localComponent(_ reference: String) -> String? {
        guard reference.hasPrefix("#/") else { return nil }
        let path = reference.utf8.dropFirst()
        let length = path.starts(with: "/components/".utf8) ? 3 : 2
        // Nothing escaped or percent-encoded (the usual case): the key is the text before the slash
        // that follows the component's name.
        if !path.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "~") }) {
            var slashes = 0
            for index in path.indices where path[index] == UInt8(ascii: "/") {
                slashes += 1
                if slashes > length { return String(Substring(path[..<index])) }
            }
            return slashes == length ? String(Substring(path)) : nil
        }
        guard let pointer = JSONPointer(fragment: reference) else { return nil }
        let tokens = pointer.tokens
        guard tokens.count >= length else { return nil }
        return tokens.prefix(length).map { "/" + JSONPointer.escape($0) }.joined()
    }

    private func value(at address: NodeAddress) -> JSONValue? {
        documents.document(at: address.document).flatMap { address.pointer.resolve(in: $0.value) }
    }

    private static func mix(_ hash: UInt64, with place: String) -> UInt64 {
        var mixed = hash ^ 0x9e37_79b9_7f4a_7c15
        for byte in place.utf8 { mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return mixed
    }
}
