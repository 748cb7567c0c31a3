/// HTTP's optional whitespace (RFC 9110 §5.6.3: spaces and tabs) around field values and list
/// items, trimmed byte by byte: every response's head goes through this, and Foundation's
/// `trimmingCharacters(in:)` bridges each string to NSString first.
extension StringProtocol {
    var trimmingHTTPWhitespace: String {
        let text = Substring(self)
        let isWhitespace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isWhitespace($0) }), let last = text.utf8.lastIndex(where: { !isWhitespace($0) }) else { return "" }
        return String(text[first...last])
    }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes without the spaces and tabs at either end.
    var trimmingHTTPWhitespace: ArraySlice<UInt8> {
        let isWhitespace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = firstIndex(where: { !isWhitespace($0) }), let last = lastIndex(where: { !isWhitespace($0) }) else { return [] }
        return self[first...last]
    }
}
