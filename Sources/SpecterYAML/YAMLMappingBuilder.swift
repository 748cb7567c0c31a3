import SpecterJSON

/// Collects one mapping's members, handling repeated keys and merge keys (`<<`).
///
/// Merged members are placed where the `<<` entry stands; keys written explicitly in the
/// mapping win over merged ones, and earlier merge sources win over later ones.
struct YAMLMappingBuilder {
    private enum Entry {
        case member(JSONObject.Member)
        case merge([JSONObject])
    }

    private var entries: [Entry] = []
    private var explicitKeys: [String: Int] = [:]
    private var pendingKey: String?
    private var pendingIsMerge = false
    private var pendingPosition = TextPosition(line: 0, column: 0)

    var awaitsKey: Bool { pendingKey == nil }

    mutating func setKey(_ key: String, isMerge: Bool, position: TextPosition) {
        pendingKey = key
        pendingIsMerge = isMerge
        pendingPosition = position
    }

    mutating func setValue(_ value: JSONValue) throws(YAMLError) {
        guard let key = pendingKey else { return }
        pendingKey = nil
        if pendingIsMerge {
            switch value {
            case .object(let source):
                entries.append(.merge([source]))
            case .array(let items):
                var sources: [JSONObject] = []
                for item in items {
                    guard case .object(let source) = item else {
                        throw YAMLError(message: "a merge key (<<) takes a mapping or a list of mappings", position: pendingPosition)
                    }
                    sources.append(source)
                }
                entries.append(.merge(sources))
            default:
                throw YAMLError(message: "a merge key (<<) takes a mapping or a list of mappings", position: pendingPosition)
            }
            return
        }
        if let existing = explicitKeys[key], case .member(var member) = entries[existing] {
            member.value = value
            entries[existing] = .member(member)
        } else {
            explicitKeys[key] = entries.count
            entries.append(.member(JSONObject.Member(key: key, value: value)))
        }
    }

    func finish() -> JSONObject {
        var object = JSONObject()
        for entry in entries {
            switch entry {
            case .member(let member):
                object[member.key] = member.value
            case .merge(let sources):
                for source in sources {
                    for member in source.members where explicitKeys[member.key] == nil && !object.contains(member.key) {
                        object[member.key] = member.value
                    }
                }
            }
        }
        return object
    }
}
