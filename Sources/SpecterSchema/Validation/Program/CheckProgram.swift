import SpecterJSON

/// The compiled schemas of one registry as nodes that answer one question fast: is this instance valid?
/// Every schema becomes a node once, whichever entries reach it, and references are resolved when it
/// is built, so checking takes no lock and follows indices. The `Evaluator` still explains failures;
/// a valid instance never needs it.
///
/// A schema whose answer depends on what the evaluation has seen — `$dynamicRef` (the dynamic scope)
/// or `unevaluatedProperties`/`unevaluatedItems` (annotations) — is an `undecided` node: an instance
/// that reaches it is evaluated in full.
///
/// Nodes live in chunks that never move, so a check reads them while new entries are being added
/// (always with the registry locked, and published through that lock).
final class CheckProgram: @unchecked Sendable {
    /// Nodes per chunk (a chunk's pages are only committed as nodes are written).
    static let chunkShift: UInt = 14
    static let chunkSize = 1 << chunkShift
    /// At most this many chunks (16 million nodes); a schema beyond that gets no entry and is evaluated in full.
    static let maximumChunks = 1024

    private let directory: UnsafeMutablePointer<UnsafeMutablePointer<CheckNode>?>
    /// How many nodes the program has (read with the registry locked).
    private(set) var count = 0
    /// The node of each schema built so far.
    private var indices: [ObjectIdentifier: Int] = [:]
    /// Those schemas, kept alive so no identifier in `indices` is ever reused by another schema.
    private var schemas: [CompiledSchema] = []

    init() {
        directory = .allocate(capacity: Self.maximumChunks)
        directory.initialize(repeating: nil, count: Self.maximumChunks)
    }

    deinit {
        for chunk in 0..<((count + Self.chunkSize - 1) / Self.chunkSize) {
            guard let nodes = directory[chunk] else { continue }
            nodes.deinitialize(count: min(Self.chunkSize, count - chunk * Self.chunkSize))
            nodes.deallocate()
        }
        directory.deallocate()
    }

    /// The nodes, for a check to read without going through the program object each time.
    var nodes: Nodes { Nodes(directory: directory, first: directory[0]) }

    /// Read access to the chunks of nodes (valid while the program lives). Nearly every document fits
    /// in the first chunk, which is reached without the directory.
    struct Nodes {
        fileprivate let directory: UnsafeMutablePointer<UnsafeMutablePointer<CheckNode>?>
        fileprivate let first: UnsafeMutablePointer<CheckNode>?

        @inline(__always)
        func node(_ index: Int) -> UnsafePointer<CheckNode> {
            if index < CheckProgram.chunkSize { return UnsafePointer(first.unsafelyUnwrapped + index) }
            let position = UInt(bitPattern: index)
            return UnsafePointer(directory[Int(position >> CheckProgram.chunkShift)].unsafelyUnwrapped + Int(position & UInt(CheckProgram.chunkSize - 1)))
        }
    }

    /// The node checking starts from for a compiled schema, building the nodes it reaches that the
    /// program does not have yet; `nil` when the program is full. Call with the registry locked.
    func entry(for root: CompiledSchema, in registry: SchemaRegistry) -> Int? {
        if let known = indices[ObjectIdentifier(root)] { return known }
        var (built, reached) = newNodes(from: root, in: registry)
        guard count + built.count <= Self.maximumChunks * Self.chunkSize else { return nil }
        markCycles(in: &built, firstIndex: count)
        // The builder (and its view of `indices`) is gone: these insertions copy nothing.
        for (schema, node) in zip(reached, built) {
            indices[ObjectIdentifier(schema)] = count
            append(node)
        }
        schemas += reached
        return indices[ObjectIdentifier(root)]
    }

    /// The nodes of the schemas `root` reaches that the program lacks, in the order of their indices.
    private func newNodes(from root: CompiledSchema, in registry: SchemaRegistry) -> ([CheckNode], [CompiledSchema]) {
        var builder = CheckNodeBuilder(registry: registry, existing: indices, firstIndex: count)
        _ = builder.index(of: root)
        var built: [CheckNode] = []
        while built.count < builder.schemas.count {
            built.append(builder.node(for: builder.schemas[built.count]))
        }
        return (built, builder.schemas)
    }

    private func append(_ node: CheckNode) {
        let chunk = count / Self.chunkSize
        if directory[chunk] == nil { directory[chunk] = .allocate(capacity: Self.chunkSize) }
        // swiftlint:disable:next force_unwrapping
        (directory[chunk]! + count % Self.chunkSize).initialize(to: node)
        count += 1
    }

    /// Marks the nodes on cycles of same-location subschemas: the strongly connected components of
    /// that graph with more than one node, or with a node that applies itself (Tarjan's algorithm,
    /// iterative, so a deep schema cannot exhaust the stack).
    private func markCycles(in nodes: inout [CheckNode], firstIndex: Int) {
        // Nodes built before cannot reach new ones, so a cycle through a new node has only new nodes.
        let edges = nodes.map { $0.sameLocationSubschemas.filter { $0 >= firstIndex }.map { $0 - firstIndex } }
        var order = [Int](repeating: -1, count: nodes.count)
        var lowest = [Int](repeating: 0, count: nodes.count)
        var onStack = [Bool](repeating: false, count: nodes.count)
        var stack: [Int] = []
        var counter = 0
        for root in nodes.indices where order[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter
            lowest[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge]
                    if order[next] < 0 {
                        order[next] = counter
                        lowest[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowest[node] = min(lowest[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowest[parent] = min(lowest[parent], lowest[node]) }
                guard lowest[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || edges[node].contains(node) {
                    for member in component { nodes[member].isOnCycle = true }
                }
            }
        }
    }
}
