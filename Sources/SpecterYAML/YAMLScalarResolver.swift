import SpecterJSON

/// Resolves plain YAML scalars by the YAML 1.2 core schema.
///
/// YAML 1.1 turned `yes`, `no`, `on` and `off` into booleans and `0755` into an octal
/// number, which silently corrupts API documents (the "Norway problem"); the 1.2 core
/// schema keeps those as written. Only plain (unquoted, untagged) scalars are resolved.
enum YAMLScalarResolver {
    static func resolve(_ text: String) -> JSONValue {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return number(text) ?? .string(text)
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            return text == "~" || text == "null" || text == "Null" || text == "NULL" ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return text == "true" || text == "True" || text == "TRUE" ? .bool(true) : .string(text)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return text == "false" || text == "False" || text == "FALSE" ? .bool(false) : .string(text)
        default:
            return .string(text)
        }
    }

    /// Integer (decimal, `0o` octal, `0x` hex) or float (including `.inf` and `.nan`) per the core schema.
    static func number(_ text: String) -> JSONValue? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            if bytes[1] == UInt8(ascii: "o") { return integer(digits, radix: 8) }
            if bytes[1] == UInt8(ascii: "x") { return integer(digits, radix: 16) }
        }
        var body = bytes[...]
        var sign = ""
        if let first = body.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? "-" : ""
            body = body.dropFirst()
        }
        let rest = String(decoding: body, as: UTF8.self)
        switch rest {
        case ".inf", ".Inf", ".INF": return .double(sign == "-" ? -.infinity : .infinity)
        case ".nan", ".NaN", ".NAN": return sign.isEmpty && bytes.count == rest.utf8.count ? .double(.nan) : nil
        default: break
        }
        guard !body.isEmpty else { return nil }
        if body.allSatisfy(isDigit) {
            return integer(sign + rest, radix: 10) ?? Double(sign + rest).map(JSONValue.double)
        }
        guard isCoreFloat(body) else { return nil }
        var normalized = rest
        if normalized.hasPrefix(".") { normalized = "0" + normalized }
        normalized = normalized.replacingDotBeforeExponent()
        return Double(sign + normalized).map(JSONValue.double)
    }

    private static func integer(_ digits: String, radix: Int) -> JSONValue? {
        guard !digits.isEmpty else { return nil }
        if radix != 10 {
            guard digits.utf8.allSatisfy({ $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "+") }) else { return nil }
        }
        return Int(digits, radix: radix).map(JSONValue.int)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ body: ArraySlice<UInt8>) -> Bool {
        var index = body.startIndex
        var mantissaDigits = 0
        while index < body.endIndex, isDigit(body[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < body.endIndex, body[index] == UInt8(ascii: ".") {
            index += 1
            var fractionDigits = 0
            while index < body.endIndex, isDigit(body[index]) {
                index += 1
                fractionDigits += 1
            }
            if mantissaDigits == 0 && fractionDigits == 0 { return false }
        } else if mantissaDigits == 0 {
            return false
        }
        if index < body.endIndex, body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E") {
            index += 1
            if index < body.endIndex, body[index] == UInt8(ascii: "-") || body[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < body.endIndex, isDigit(body[index]) {
                index += 1
                exponentDigits += 1
            }
            if exponentDigits == 0 { return false }
        }
        return index == body.endIndex
    }
}

private extension String {
    /// `1.e5` → `1.0e5`, `1.` → `1.0`: forms YAML allows and `Double.init` may not.
    func replacingDotBeforeExponent() -> String {
        var result = ""
        var previous: Character?
        for character in self {
            if previous == ".", !character.isNumber { result.append("0") }
            result.append(character)
            previous = character
        }
        if previous == "." { result.append("0") }
        return result
    }
}
