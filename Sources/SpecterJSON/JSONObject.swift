/// An ordered JSON object: members in document order, looked up by key.
///
/// Small objects (the vast majority in API documents) are searched linearly, which is
/// faster than hashing; large ones (`paths`, `components/schemas`) carry a key index
/// built once, so lookups stay O(1) on documents with thousands of entries.
/// A key written twice keeps its first position and its last value, like `JSON.parse`.
public struct JSONObject: Sendable {
    /// One `key: value` pair.
    public struct Member: Sendable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    static let indexThreshold = 12

    public private(set) var members: [Member]
    private var index: KeyIndex?

    public init() {
        members = []
    }

    /// Builds an object from members in order; a repeated key replaces the earlier value.
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// Builds an object from parsed members in one pass: duplicate keys are found while the
    /// index is built (large objects) or by a short scan (small ones), and only then merged.
    init(parsedMembers members: [Member]) {
        if members.count >= Self.indexThreshold {
            let index = KeyIndex(members)
            if index.positions.count == members.count {
                self.init(members: members, index: index)
                return
            }
        } else if !Self.hasRepeatedKey(members) {
            self.init(members: members, index: nil)
            return
        }
        self.init(members)
    }

    private init(members: [Member], index: KeyIndex?) {
        self.members = members
        self.index = index
    }

    private static func hasRepeatedKey(_ members: [Member]) -> Bool {
        guard members.count > 1 else { return false }
        for later in 1..<members.count {
            for earlier in 0..<later where members[earlier].key == members[later].key { return true }
        }
        return false
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    index = members.count >= Self.indexThreshold ? KeyIndex(members) : nil
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if members.count >= Self.indexThreshold {
                    if index == nil || !isKnownUniquelyReferenced(&index!) {
                        index = KeyIndex(members)
                    } else {
                        index!.positions[key] = members.count - 1
                    }
                }
            }
        }
    }

    public func position(of key: String) -> Int? {
        if let index { return index.positions[key] }
        for position in members.indices where members[position].key == key { return position }
        return nil
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    func hasSameMembers(as other: JSONObject) -> Bool {
        guard count == other.count else { return false }
        for member in members {
            guard let otherValue = other[member.key], otherValue == member.value else { return false }
        }
        return true
    }
}

/// Key → position map for large objects; a class so copies of an object share it.
final class KeyIndex: @unchecked Sendable {
    var positions: [String: Int]

    init(_ members: [JSONObject.Member]) {
        positions = Dictionary(minimumCapacity: members.count)
        for (position, member) in members.enumerated() { positions[member.key] = position }
    }
}

extension JSONObject: Equatable {
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.hasSameMembers(as: rhs) }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
