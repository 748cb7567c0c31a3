/// Percent-encoding as curl's `--data-urlencode` and `--url-query` do it: unreserved characters
/// kept, a space as `+`, every other byte as `%XX` in upper case.
enum CurlURLEncoding {
    static func encode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == Ascii.space {
                encoded += "+"
            } else {
                encoded += "%" + hexDigits(byte)
            }
        }
        return encoded
    }

    /// Encodes everything but unreserved characters, a space included (`%20`): for names.
    static func encodeStrictly(_ text: String) -> String {
        text.utf8.map { isUnreserved($0) ? String(Unicode.Scalar($0)) : "%" + hexDigits($0) }.joined()
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        Ascii.isNameCharacter(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
