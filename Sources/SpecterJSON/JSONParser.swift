/// Parses JSON text (RFC 8259) into a `JSONValue`, keeping object member order.
///
/// Written over raw bytes for speed (Foundation's parser is ~5x slower on Linux and loses
/// member order). Strict: anything RFC 8259 forbids is an error with a line and column.
/// Nesting is bounded, so hostile input cannot exhaust the stack.
public enum JSONParser {
    /// Deep enough for any real document, shallow enough for any thread's stack.
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parseDocument(bytes, maxDepth: maxDepth).value
    }

    /// Parses a document and lists the `$ref` strings in it.
    public static func parseDocument(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> ParsedDocument {
        let result: Result<ParsedDocument, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONByteCursor(buffer: buffer, maxDepth: maxDepth)
            do throws(JSONParseError) {
                let value = try cursor.parseDocument()
                return .success(ParsedDocument(value: value, references: cursor.tree.references))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }

    /// Parses a stream of JSON values separated by whitespace (NDJSON, concatenated JSON).
    public static func parseSequence(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> [JSONValue] {
        let result: Result<[JSONValue], JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONByteCursor(buffer: buffer, maxDepth: maxDepth)
            var values: [JSONValue] = []
            do throws(JSONParseError) {
                cursor.skipWhitespace()
                while cursor.index < buffer.count {
                    values.append(try cursor.parseValue())
                    cursor.skipWhitespace()
                }
                return .success(values)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// A parsed document and the `$ref` strings it contains (see `JSONTreeBuilder.references`).
public struct ParsedDocument: Sendable {
    public var value: JSONValue
    public var references: [String]

    public init(value: JSONValue, references: [String]) {
        self.value = value
        self.references = references
    }
}

/// The parser's state: a position in a byte buffer and the tree being built. Internal so the locator can share it.
struct JSONByteCursor: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var depth = 0
    var tree = JSONTreeBuilder()

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        bytes = buffer
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error("the document is empty") }
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected \(describeByte(at: index)) after the JSON value") }
        return value
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let place = offset ?? index
        return JSONParseError(message: message, offset: place, position: TextPosition(offset: place, in: bytes))
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Parses one value and returns it.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        try pushValue()
        return tree.popValue()
    }

    /// Parses one value onto the tree builder's stack.
    mutating func pushValue() throws(JSONParseError) {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try pushObject()
        case UInt8(ascii: "["): try pushArray()
        case UInt8(ascii: "\""): tree.push(.string(try parseString()))
        case UInt8(ascii: "t"): try expectLiteral("true"); tree.push(.bool(true))
        case UInt8(ascii: "f"): try expectLiteral("false"); tree.push(.bool(false))
        case UInt8(ascii: "n"): try expectLiteral("null"); tree.push(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): tree.push(try parseNumber())
        default: throw error("unexpected \(describeByte(at: index)), expected a value")
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            var tooDeep = error("nested deeper than \(maxDepth) levels, more than Specter reads")
            tooDeep.isTooDeep = true
            throw tooDeep
        }
    }

    mutating func pushObject() throws(JSONParseError) {
        try enterContainer()
        index += 1
        let valueStart = tree.valueCount
        let keyStart = tree.keyCount
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("expected a member name in double quotes, found \(describeByte(at: index))")
                }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                    throw error("expected ':' after member name \"\(key)\", found \(describeByte(at: index))")
                }
                index += 1
                skipWhitespace()
                tree.pushKey(key)
                try pushValue()
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input inside an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                throw error("expected ',' or '}' in an object, found \(describeByte(at: index))")
            }
        }
        depth -= 1
        let object = tree.popObject(valuesFrom: valueStart, keysFrom: keyStart)
        tree.push(object)
    }

    mutating func pushArray() throws(JSONParseError) {
        try enterContainer()
        index += 1
        let start = tree.valueCount
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                try pushValue()
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of input inside an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    break
                }
                throw error("expected ',' or ']' in an array, found \(describeByte(at: index))")
            }
        }
        depth -= 1
        let array = tree.popArray(from: start)
        tree.push(array)
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let start = index
        guard index + length <= bytes.count else { throw error("unexpected \(describeByte(at: index)), expected a value") }
        let expected = literal.utf8Start
        for offset in 0..<length where bytes[index + offset] != expected[offset] {
            throw error("unexpected \(describeByte(at: start)), expected a value", at: start)
        }
        index += length
    }

    /// Parses a string starting at the opening quote; the fast path copies unescaped ASCII directly.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        var isASCII = true
        var scan = index
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[index..<scan])
                index = scan + 1
                guard isASCII || String(validating: slice, as: UTF8.self) != nil else {
                    throw error("invalid UTF-8 in a string", at: start)
                }
                return tree.string(slice)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character (0x\(String(byte, radix: 16))) in a string; escape it", at: scan) }
            if byte >= 0x80 { isASCII = false }
            scan += 1
        }
        guard scan < bytes.count else { throw error("unterminated string", at: start) }
        return try parseEscapedString(from: start, scan: scan)
    }

    private mutating func parseEscapedString(from start: Int, scan: Int) throws(JSONParseError) -> String {
        var buffer: [UInt8] = Array(bytes[index..<scan])
        index = scan
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unterminated string", at: start) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"): appendUTF8(of: try parseUnicodeEscape(), to: &buffer)
                default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string", at: index - 2)
                }
            default:
                if byte < 0x20 { throw error("control character (0x\(String(byte, radix: 16))) in a string; escape it") }
                buffer.append(byte)
                index += 1
            }
        }
        throw error("unterminated string", at: start)
    }

    /// Reads the hex digits after `\u` (and a following low surrogate); lone surrogates become U+FFFD.
    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let first = try readHex4()
        if first >= 0xD800 && first < 0xDC00 {
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let second = try readHex4()
                if second >= 0xDC00 && second < 0xE000 {
                    let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(combined) ?? "\u{FFFD}"
                }
                index = save
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit \(describeByte(at: index)) in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func appendUTF8(of scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        UTF8.encode(scalar) { buffer.append($0) }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var isNegative = false
        if bytes[index] == UInt8(ascii: "-") {
            isNegative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in a number", at: index) }
        var integer: Int = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("a number must not start with a leading zero", at: start) }
            digits = 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                if digits < 18 { integer = integer &* 10 &+ Int(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
        }
        var isIntegral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isIntegral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after the decimal point") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isIntegral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if isIntegral && digits <= 18 { return .int(isNegative ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isIntegral, let exact = Int(text) { return .int(exact) }
        guard let number = Double(text), number.isFinite else {
            throw error("number \(text.abbreviated()) is out of range", at: start)
        }
        return .double(number)
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
