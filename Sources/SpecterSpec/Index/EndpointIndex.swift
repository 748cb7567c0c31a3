/// The endpoint list as people browse it: operations grouped by tag, and the text each is found by.
///
/// Built once per load. An operation with several tags appears in each of their groups
/// (as in Swagger UI); untagged operations are grouped by their leading path segments
/// (`/v1/customers`, `/v1/charges`: what the path's resource is); webhooks have their own.
/// Tags with a `parent` (OpenAPI 3.2) make a tree: a group follows its parent, one level deeper.
public struct EndpointIndex: Sendable {
    public struct Group: Sendable {
        public var name: String
        /// The tag's short display name (3.2 `summary`), or its name.
        public var title: String
        public var description: String?
        /// Indexes into `entries`.
        public var members: [Int]
        public var isWebhooks: Bool
        /// How many tag levels are above this group (0 for a top-level group).
        public var depth: Int
        /// Operations listed here and in every group below (one tagged at two levels is listed, and counted, at both).
        public var operationCount: Int

        public init(name: String, title: String? = nil, description: String?, members: [Int], isWebhooks: Bool, depth: Int = 0, operationCount: Int? = nil) {
            self.name = name
            self.title = title ?? name
            self.description = description
            self.members = members
            self.isWebhooks = isWebhooks
            self.depth = depth
            self.operationCount = operationCount ?? members.count
        }
    }

    public struct Entry: Sendable {
        public var operation: APIOperation
        /// `GET /pets/{id} listPets Show a pet pets`: what filtering matches against.
        public var searchText: String
    }

    public var groups: [Group]
    public var entries: [Entry]

    public init(_ document: APIDocument) {
        entries = (document.operations + document.webhooks).map { operation in
            var text = operation.method + " " + operation.path
            if let identifier = operation.operationID { text += " " + identifier }
            if let summary = operation.summary { text += " " + summary }
            if !operation.tags.isEmpty { text += " " + operation.tags.joined(separator: " ") }
            return Entry(operation: operation, searchText: text)
        }
        var order: [String] = document.tags.map(\.name)
        var membersByTag: [String: [Int]] = [:]
        var untagged: [Int] = []
        var webhooks: [Int] = []
        for (index, entry) in entries.enumerated() {
            if entry.operation.isWebhook {
                webhooks.append(index)
                continue
            }
            if entry.operation.tags.isEmpty { untagged.append(index) }
            for tag in entry.operation.tags {
                if membersByTag[tag] == nil, !order.contains(tag) { order.append(tag) }
                membersByTag[tag, default: []].append(index)
            }
        }
        groups = TagTree(tags: document.tags, order: order, membersByTag: membersByTag).groups()
        groups += Self.pathGroups(untagged.map { ($0, entries[$0].operation.path) })
        if !webhooks.isEmpty { groups.append(Group(name: "Webhooks", description: nil, members: webhooks, isWebhooks: true)) }
    }

    /// Groups by resource: the segments every path shares (`/v1`), then the next literal one
    /// (`/v1/customers`); in order of first appearance.
    public static func pathGroups(_ members: [(index: Int, path: String)]) -> [Group] {
        guard !members.isEmpty else { return [] }
        let segmented = members.map { member in (member.index, member.path.split(separator: "/").map(String.init)) }
        var shared = segmented[0].1.prefix { !$0.hasPrefix("{") }
        for (_, segments) in segmented.dropFirst() {
            shared = shared.prefix(zip(shared, segments).prefix { $0 == $1 }.count)
        }
        var order: [String] = []
        var byKey: [String: [Int]] = [:]
        for (index, segments) in segmented {
            let next = segments.dropFirst(shared.count).first.flatMap { $0.hasPrefix("{") ? nil : $0 }
            let key = "/" + (Array(shared) + (next.map { [$0] } ?? [])).joined(separator: "/")
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        return order.map { Group(name: $0, description: nil, members: byKey[$0] ?? [], isWebhooks: false) }
    }
}
