/// How a server's JSON may spell a secret it echoes inside a string: JSON escapes quotes, backslashes
/// and control characters; Python (`ensure_ascii`, Flask's default) escapes everything beyond ASCII,
/// PHP escapes `/`, Go escapes `<`, `>` and `&`. Each spelling that differs from the secret is masked too.
enum SecretSpellings {
    static func inJSON(_ secret: String) -> [String] {
        let needsEscapes = secret.unicodeScalars.contains { $0.value < 0x20 || $0.value >= 0x7F || "\"\\/<>&".unicodeScalars.contains($0) }
        guard needsEscapes else { return [] }
        let variants = [
            escaped(secret, slash: false, beyondASCII: .none, html: false),
            escaped(secret, slash: true, beyondASCII: .none, html: false),
            escaped(secret, slash: false, beyondASCII: .lowercase, html: false),
            escaped(secret, slash: false, beyondASCII: .uppercase, html: false),
            escaped(secret, slash: false, beyondASCII: .none, html: true),
        ]
        return Array(Set(variants.filter { $0 != secret }))
    }

    private enum HexCase { case none, lowercase, uppercase }

    private static func escaped(_ text: String, slash: Bool, beyondASCII: HexCase, html: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "/" where slash: output += "\\/"
            case "<" where html, ">" where html, "&" where html: output += unicodeEscape(scalar.value, uppercase: false)
            case _ where scalar.value < 0x20: output += unicodeEscape(scalar.value, uppercase: beyondASCII == .uppercase)
            case _ where scalar.value >= 0x7F && beyondASCII != .none:
                for unit in String(scalar).utf16 { output += unicodeEscape(UInt32(unit), uppercase: beyondASCII == .uppercase) }
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `\u00e9`: four hex digits of one UTF-16 unit.
    private static func unicodeEscape(_ unit: UInt32, uppercase: Bool) -> String {
        let hex = String(unit, radix: 16, uppercase: uppercase)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
