/// Finds where a JSON pointer's value is written in JSON text.
///
/// Values do not carry positions (that would double the memory of a large document);
/// instead, when an error needs `line:column`, the text is walked again along the pointer.
/// Only the error path pays for it.
public enum JSONLocator {
    /// The position of the member name (or array element) the pointer names, or `nil`.
    public static func position(of pointer: JSONPointer, in bytes: [UInt8]) -> TextPosition? {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONByteCursor(buffer: buffer, maxDepth: JSONParser.defaultMaxDepth)
            cursor.skipWhitespace()
            guard let offset = try? cursor.locate(pointer.tokens[...], keyOffset: cursor.index) else { return nil }
            return TextPosition(offset: offset, in: buffer)
        }
    }
}

extension JSONByteCursor {
    /// Walks to the value named by `tokens`, skipping siblings; returns the byte offset to report.
    mutating func locate(_ tokens: ArraySlice<String>, keyOffset: Int) throws(JSONParseError) -> Int? {
        guard let token = tokens.first else { return keyOffset }
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return nil }
            while index < bytes.count {
                skipWhitespace()
                let nameOffset = index
                let key = try parseString()
                skipWhitespace()
                index += 1
                skipWhitespace()
                if key == token { return try locate(tokens.dropFirst(), keyOffset: nameOffset) }
                _ = try parseValue()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
            return nil
        case UInt8(ascii: "["):
            guard let wanted = JSONPointer.arrayIndex(token) else { return nil }
            index += 1
            var position = 0
            while index < bytes.count {
                skipWhitespace()
                if position == wanted { return try locate(tokens.dropFirst(), keyOffset: index) }
                _ = try parseValue()
                position += 1
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
            return nil
        default:
            return nil
        }
    }
}
