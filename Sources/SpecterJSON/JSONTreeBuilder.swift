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

    public init() {
        valueCapacity = 256
        values = .allocate(capacity: valueCapacity)
        keyCapacity = 256
        keys = .allocate(capacity: keyCapacity)
    }

    deinit {
        values.deinitialize(count: valueCount)
        values.deallocate()
        keys.deinitialize(count: keyCount)
        keys.deallocate()
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
