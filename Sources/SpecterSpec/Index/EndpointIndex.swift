/// The endpoint list as people browse it: operations grouped by tag, and the text each is found by.
///
/// Built once per load. An operation with several tags appears in each of their groups
/// (as in Swagger UI); untagged operations are grouped by their leading path segments
/// (`/v1/customers`, `/v1/charges`: what the path's resource is); webhooks have their own.
public struct EndpointIndex: Sendable {
    public struct Group: Sendable {
        public var name: String
        public var description: String?
        /// Indexes into `entries`.
        public var members: [Int]
        public var isWebhooks: Bool
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
        let descriptions = Dictionary(document.tags.map { ($0.name, $0.description) }, uniquingKeysWith: { first, _ in first })
        groups = order.compactMap { tag in
            guard let members = membersByTag[tag] else { return nil }
            return Group(name: tag, description: descriptions[tag] ?? nil, members: members, isWebhooks: false)
        }
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
