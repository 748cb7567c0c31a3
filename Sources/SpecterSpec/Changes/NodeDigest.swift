import SpecterJSON

/// A node's content as one number, and the `$ref`s inside it, from a single walk: FNV-1a over
/// the node's structure (kinds, keys in order, text as UTF-8, numbers' bits). Cheap enough to run
/// over a whole 10 MB description on every reload; not a cryptographic hash, only a change detector.
struct NodeDigest {
    var hash: UInt64
    var references: [String]

    init(_ value: JSONValue) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var references: [String] = []
        func mix(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        func mix(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        func mix(_ text: String) {
            for byte in text.utf8 { mix(byte) }
            mix(UInt8(0xff))
        }
        // Without recursion: a deeply nested description cannot exhaust the stack.
        var pending: [JSONValue] = [value]
        while let next = pending.popLast() {
            switch next {
            case .null: mix(UInt8(1))
            case .bool(let flag): mix(UInt8(flag ? 2 : 3))
            case .int(let number):
                mix(UInt8(4))
                mix(UInt64(bitPattern: Int64(number)))
            case .double(let number):
                mix(UInt8(5))
                mix(number.bitPattern)
            case .string(let text):
                mix(UInt8(6))
                mix(text)
            case .array(let items):
                mix(UInt8(7))
                mix(UInt64(items.count))
                pending += items.reversed()
            case .object(let object):
                mix(UInt8(8))
                mix(UInt64(object.count))
                for member in object.members.reversed() {
                    if member.key == "$ref", case .string(let reference) = member.value { references.append(reference) }
                    pending.append(member.value)
                    pending.append(.string(member.key))
                }
            }
        }
        self.hash = hash
        self.references = references
    }
}
