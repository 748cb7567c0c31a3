#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds `JSONValue` trees bottom-up for the parsers: children are pushed on a stack and moved
/// into exactly-sized arrays when their container closes.
///
/// Growing each container's array by appending leaves up to half of it unused and copies it
/// as it grows; on a 10 MB document that is megabytes of slack and a large share of parse
/// time. Moving from one shared stack gives every array its exact size, with no reference
/// counting traffic. The JSON parser and the YAML loader both build through it.
public struct JSONTreeBuilder: ~Copyable {
    private var values: UnsafeMutablePointer<JSONValue>
    private var valueCapacity: Int
    public private(set) var valueCount = 0
    private var keys: UnsafeMutablePointer<String>
    private var keyCapacity: Int
    public private(set) var keyCount = 0
    /// Every `"$ref": "…"` string value met so far (JSON Reference), in document order: the
    /// loader learns which other documents to read without walking the finished tree again.
    public private(set) var references: [String] = []
    /// One copy of each long string the document repeats (`$ref` targets, shared descriptions).
    private var longStrings: [String?] = []
    /// Long strings made before the cache exists: a small document (a saved request, an environment)
    /// never fills in and empties the cache's 4 096 slots.
    private var longStringsBeforeCache = 0

    /// The stacks start small and double: most documents parsed are small (a response, a saved
    /// request), and 10 KB of stack for each of them kept the allocator growing and trimming its heap.
    public init() {
        valueCapacity = 32
        values = .allocate(capacity: valueCapacity)
        keyCapacity = 32
        keys = .allocate(capacity: keyCapacity)
    }

    deinit {
        values.deinitialize(count: valueCount)
        values.deallocate()
        keys.deinitialize(count: keyCount)
        keys.deallocate()
    }

    /// A string from UTF-8 bytes the caller has validated (or knows to be ASCII).
    ///
    /// Strings of up to 15 bytes live inline in `String`; longer ones take an allocation each, and a
    /// large API document repeats many of them (`$ref` targets, shared descriptions), so a small
    /// direct-mapped cache hands out one copy of each, once the document has shown enough long strings
    /// to pay for it. A miss costs a cheap hash and one comparison.
    public mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15, let base = bytes.baseAddress else { return String(decoding: bytes, as: UTF8.self) }
        if longStrings.isEmpty {
            guard longStringsBeforeCache == Self.longStringsBeforeCacheLimit else {
                longStringsBeforeCache += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            longStrings = Array(repeating: nil, count: 1 << Self.cacheBits)
        }
        let raw = UnsafeRawPointer(base)
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        for offset in [0, bytes.count / 2 - 4, bytes.count - 8] {
            hash ^= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ (hash >> 31)) &* 0xBF58_476D_1CE4_E5B9
        }
        let slot = Int(truncatingIfNeeded: hash >> (64 - UInt64(Self.cacheBits)))
        if let known = longStrings[slot], Self.equal(known, bytes) { return known }
        let made = String(decoding: bytes, as: UTF8.self)
        longStrings[slot] = made
        return made
    }

    private static let cacheBits = 12
    private static let longStringsBeforeCacheLimit = 64

    private static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == bytes.count, let left = utf8.baseAddress, let right = bytes.baseAddress else { return utf8.count == bytes.count }
            return memcmp(left, right, bytes.count) == 0
        }
    }

    public mutating func push(_ value: consuming JSONValue) {
        if valueCount == valueCapacity {
            let grown = UnsafeMutablePointer<JSONValue>.allocate(capacity: valueCapacity * 2)
            grown.moveInitialize(from: values, count: valueCount)
            values.deallocate()
            values = grown
            valueCapacity *= 2
        }
        (values + valueCount).initialize(to: value)
        valueCount += 1
    }

    public mutating func pushKey(_ key: consuming String) {
        if keyCount == keyCapacity {
            let grown = UnsafeMutablePointer<String>.allocate(capacity: keyCapacity * 2)
            grown.moveInitialize(from: keys, count: keyCount)
            keys.deallocate()
            keys = grown
            keyCapacity *= 2
        }
        (keys + keyCount).initialize(to: key)
        keyCount += 1
    }

    /// Removes and returns the most recently pushed value.
    public mutating func popValue() -> JSONValue {
        valueCount -= 1
        return (values + valueCount).move()
    }

    /// Moves the values pushed since `start` into an array.
    public mutating func popArray(from start: Int) -> JSONValue {
        let count = valueCount - start
        let source = values + start
        let items = [JSONValue](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: source, count: count)
            initialized = count
        }
        valueCount = start
        return .array(items)
    }

    /// Pairs the keys pushed since `keyStart` with the values pushed since `valueStart` into an object.
    public mutating func popObject(valuesFrom valueStart: Int, keysFrom keyStart: Int) -> JSONValue {
        let count = valueCount - valueStart
        let keySource = keys + keyStart
        let valueSource = values + valueStart
        let members = [JSONObject.Member](unsafeUninitializedCapacity: count) { buffer, initialized in
            for offset in 0..<count {
                let member = JSONObject.Member(key: (keySource + offset).move(), value: (valueSource + offset).move())
                if member.key.utf8.count == 4, member.key == "$ref", case .string(let reference) = member.value {
                    references.append(reference)
                }
                (buffer.baseAddress! + offset).initialize(to: member)
            }
            initialized = count
        }
        valueCount = valueStart
        keyCount = keyStart
        return .object(JSONObject(parsedMembers: members))
    }
}
