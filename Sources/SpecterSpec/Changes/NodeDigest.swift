import SpecterJSON

/// A node's content as one number, and the `$ref`s inside it, from a single walk: an FNV-style
/// multiply-and-shift over the node's structure (kinds and sizes, keys in order, text as UTF-8 eight
/// bytes at a time, numbers' bits). Cheap enough to run over a whole 10 MB description on every
/// reload; not a cryptographic hash, only a change detector.
struct NodeDigest {
    var hash: UInt64
    var references: [String]

    init(_ value: JSONValue) {
        var walker = Walker()
        walker.walk(value, depth: 0)
        while let deep = walker.deferred.popLast() { walker.walk(deep, depth: 0) }
        hash = walker.hash
        references = walker.references
    }

    /// Recursive to a fixed depth (values borrowed, not copied onto a stack), then iterative: what
    /// lies deeper waits in `deferred`, so a deeply nested description cannot exhaust the stack. The
    /// order is fixed by the structure alone, so equal nodes hash equal.
    private struct Walker {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var references: [String] = []
        var deferred: [JSONValue] = []
        static let recursionLimit = 48

        mutating func walk(_ value: JSONValue, depth: Int) {
            switch value {
            case .null: mix(1)
            case .bool(let flag): mix(flag ? 2 : 3)
            case .int(let number):
                mix(4)
                mix(UInt64(bitPattern: Int64(number)))
            case .double(let number):
                mix(5)
                mix(number.bitPattern)
            case .string(let text):
                mix(6)
                mix(text)
            case .array(let items):
                mix(7 | UInt64(items.count) << 8)
                for item in items { descend(item, depth: depth) }
            case .object(let object):
                mix(8 | UInt64(object.count) << 8)
                for member in object.members {
                    mix(member.key)
                    if member.key == "$ref", case .string(let reference) = member.value { references.append(reference) }
                    descend(member.value, depth: depth)
                }
            }
        }

        private mutating func descend(_ value: JSONValue, depth: Int) {
            if depth < Self.recursionLimit {
                walk(value, depth: depth + 1)
            } else {
                deferred.append(value)
            }
        }

        /// Eight bytes at a time: a multiply and a shift per word, not per byte.
        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x100_0000_01b3
            hash ^= hash >> 29
        }

        private mutating func mix(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset + 8 <= bytes.count {
                    mix(UInt64(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                    offset += 8
                }
                var tail: UInt64 = 0xff
                while offset < bytes.count {
                    tail = tail << 8 | UInt64(bytes[offset])
                    offset += 1
                }
                mix(tail)
            }
        }
    }
}
