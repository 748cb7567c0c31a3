import SpecterJSON

/// Resolves plain YAML scalars by the YAML 1.2 core schema.
///
/// YAML 1.1 turned `yes`, `no`, `on` and `off` into booleans and `0755` into an octal
/// number, which silently corrupts API documents (the "Norway problem"); the 1.2 core
/// schema keeps those as written. Only plain (unquoted, untagged) scalars are resolved.
/// Works on the scalar's bytes, so the common case (a word) costs one byte comparison.
enum YAMLScalarResolver {
    /// The non-string value a plain scalar denotes, or `nil` when it is a string.
    static func resolve(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return number(bytes)
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return matches(bytes, "~", "null", "Null", "NULL") ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matches(bytes, "true", "True", "TRUE") ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matches(bytes, "false", "False", "FALSE") ? .bool(false) : nil
        default:
            return nil
        }
    }

    static func resolve(_ text: String) -> JSONValue {
        var copy = text
        return copy.withUTF8 { resolve($0) } ?? .string(text)
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ candidates: StaticString...) -> Bool {
        candidates.contains { candidate in
            candidate.utf8CodeUnitCount == bytes.count && (0..<bytes.count).allSatisfy { candidate.utf8Start[$0] == bytes[$0] }
        }
    }

    /// Integer (decimal, `0o` octal, `0x` hex) or float per the core schema. JSON has no infinity
    /// or NaN (and `JSONValue` never holds one), so `.inf`, `.nan` and numbers too large for a double
    /// stay the strings they were written as.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let value = anyNumber(bytes) else { return nil }
        if case .double(let number) = value, !number.isFinite { return nil }
        return value
    }

    private static func anyNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = UnsafeBufferPointer(rebasing: bytes[2...])
            if bytes[1] == UInt8(ascii: "o") { return integer(digits, radix: 8) }
            if bytes[1] == UInt8(ascii: "x") { return integer(digits, radix: 16) }
        }
        var body = bytes[...]
        var negative = false
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        let rest = UnsafeBufferPointer(rebasing: body)
        if matches(rest, ".inf", ".Inf", ".INF") { return .double(negative ? -.infinity : .infinity) }
        if matches(rest, ".nan", ".NaN", ".NAN") { return body.count == bytes.count ? .double(.nan) : nil }
        guard !body.isEmpty else { return nil }
        if body.allSatisfy(isDigit) {
            if body.count <= 18 {
                let magnitude = body.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                return .int(negative ? -magnitude : magnitude)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            return Int(text).map(JSONValue.int) ?? Double(text).map(JSONValue.double)
        }
        guard isCoreFloat(rest) else { return nil }
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count + 2)
        if negative { normalized.append(UInt8(ascii: "-")) }
        var previous: UInt8 = 0
        for byte in rest {
            if previous == UInt8(ascii: ".") && !isDigit(byte) { normalized.append(UInt8(ascii: "0")) }
            if byte == UInt8(ascii: ".") && !isDigit(previous) { normalized.append(UInt8(ascii: "0")) }
            normalized.append(byte)
            previous = byte
        }
        if previous == UInt8(ascii: ".") { normalized.append(UInt8(ascii: "0")) }
        return Double(String(decoding: normalized, as: UTF8.self)).map(JSONValue.double)
    }

    private static func integer(_ digits: UnsafeBufferPointer<UInt8>, radix: Int) -> JSONValue? {
        guard !digits.isEmpty, digits.allSatisfy({ $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "+") }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self), radix: radix).map(JSONValue.int)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var mantissaDigits = 0
        while index < body.count, isDigit(body[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < body.count, body[index] == UInt8(ascii: ".") {
            index += 1
            var fractionDigits = 0
            while index < body.count, isDigit(body[index]) {
                index += 1
                fractionDigits += 1
            }
            if mantissaDigits == 0 && fractionDigits == 0 { return false }
        } else if mantissaDigits == 0 {
            return false
        }
        if index < body.count, body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E") {
            index += 1
            if index < body.count, body[index] == UInt8(ascii: "-") || body[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < body.count, isDigit(body[index]) {
                index += 1
                exponentDigits += 1
            }
            if exponentDigits == 0 { return false }
        }
        return index == body.count
    }
}
