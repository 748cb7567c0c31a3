/// HTTP's optional whitespace (RFC 9110 §5.6.3: spaces and tabs) around field values and list
/// items, trimmed byte by byte: every response's head goes through this, and Foundation's
/// `trimmingCharacters(in:)` bridges each string to NSString first.
enum OptionalWhitespace {
    static func contains(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

extension StringProtocol {
    var withoutOptionalWhitespace: String {
        let text = Substring(self)
        guard let first = text.utf8.firstIndex(where: { !OptionalWhitespace.contains($0) }),
              let last = text.utf8.lastIndex(where: { !OptionalWhitespace.contains($0) }) else { return "" }
        return String(text[first...last])
    }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes without the spaces and tabs at either end.
    var withoutOptionalWhitespace: ArraySlice<UInt8> {
        guard let first = firstIndex(where: { !OptionalWhitespace.contains($0) }), let last = lastIndex(where: { !OptionalWhitespace.contains($0) }) else { return [] }
        return self[first...last]
    }
}
