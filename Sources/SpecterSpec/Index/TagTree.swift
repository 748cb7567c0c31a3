/// The description's tags as a tree (OpenAPI 3.2 `parent`), flattened into groups in display order:
/// each tag's group, then its children's, depth first. A tag is shown when it or a tag below it
/// has operations. A parent that is not a tag of the list leaves the tag at the top level, and so
/// does a chain of parents that loops (for every tag in the loop). Linear in the number of tags.
struct TagTree {
    private let membersByTag: [String: [Int]]
    private let tagsByName: [String: APITag]
    private var children: [String: [String]] = [:]
    private var roots: [String] = []

    init(tags: [APITag], order: [String], membersByTag: [String: [Int]]) {
        self.membersByTag = membersByTag
        tagsByName = Dictionary(tags.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var listed: Set<String> = []
        let order = order.filter { listed.insert($0).inserted }
        var declared: [String: String] = [:]
        for name in order {
            if let parent = tagsByName[name]?.parent, parent != name, listed.contains(parent) { declared[name] = parent }
        }
        let parents = Self.withoutLoops(declared, order: order)
        for name in order {
            if let parent = parents[name] { children[parent, default: []].append(name) } else { roots.append(name) }
        }
    }

    /// The parent links with every link on a loop taken out. Each tag is walked up once: a walk
    /// stops at a tag already settled, or at one it passed before (a loop).
    private static func withoutLoops(_ declared: [String: String], order: [String]) -> [String: String] {
        var parents = declared
        var settled: Set<String> = []
        for start in order where !settled.contains(start) {
            var path: [String] = []
            var position: [String: Int] = [:]
            var current: String? = start
            while let name = current, !settled.contains(name) {
                if let loopStart = position[name] {
                    for member in path[loopStart...] { parents[member] = nil }
                    break
                }
                position[name] = path.count
                path.append(name)
                current = parents[name]
            }
            settled.formUnion(path)
        }
        return parents
    }

    func groups() -> [EndpointIndex.Group] {
        // Depth first without recursion: a deep tree cannot exhaust the stack.
        var visit: [(name: String, depth: Int)] = []
        var pending: [(name: String, depth: Int)] = roots.reversed().map { ($0, 0) }
        while let next = pending.popLast() {
            visit.append(next)
            pending += (children[next.name] ?? []).reversed().map { ($0, next.depth + 1) }
        }
        // Children come after their parent, so walking back sums each subtree once.
        var counts: [String: Int] = [:]
        for (name, _) in visit.reversed() {
            counts[name] = (membersByTag[name]?.count ?? 0) + (children[name] ?? []).reduce(0) { $0 + (counts[$1] ?? 0) }
        }
        return visit.compactMap { name, depth in
            guard let count = counts[name], count > 0 else { return nil }
            let tag = tagsByName[name]
            return EndpointIndex.Group(name: name, title: tag?.summary, description: tag?.description, members: membersByTag[name] ?? [],
                                       isWebhooks: false, depth: depth, operationCount: count)
        }
    }
}
