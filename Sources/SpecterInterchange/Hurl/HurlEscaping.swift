/// Writes text so Hurl reads it back as it was: each kind of string escapes what would end it or
/// change its meaning. `{{placeholders}}` are left as they are (Hurl reads them as templates).
enum HurlEscaping {
    /// A header name or section key: key characters and templates as they are, others as `\u{…}`.
    static func key(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let scalar = rest.unicodeScalars.first {
            if rest.hasPrefix("{{"), let close = rest.range(of: "}}") {
                output += rest[..<close.upperBound]
                rest = rest[close.upperBound...]
                continue
            }
            output += HurlStrings.isKeyCharacter(scalar) ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
            rest = rest.dropFirst(String(scalar).count)
        }
        return output
    }

    /// The rest of a line after `key:` (or a URL): `#` would start a comment.
    static func value(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "#": output += "\\#"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default: output.unicodeScalars.append(scalar)
            }
        }
        if output.hasPrefix(" ") { output = "\\u{20}" + output.dropFirst() }
        if output.hasSuffix(" ") { output = output.dropLast() + "\\u{20}" }
        return output
    }

    /// `"…"`.
    static func quoted(_ text: String) -> String { "\"" + escaped(text, quote: "\"") + "\"" }

    /// `` `…` ``.
    static func backtick(_ text: String) -> String { "`" + escaped(text, quote: "`") + "`" }

    /// `/…/`: the pattern as it is, `/` escaped.
    static func regex(_ pattern: String) -> String { "/" + pattern.replacingOccurrences(of: "/", with: "\\/") + "/" }

    /// After `file,`: `;`, `#`, spaces and control characters escaped.
    static func filename(_ path: String) -> String { escaped(path, literal: [";", "#", " ", "\\"]) }

    private static func escaped(_ text: String, quote: Unicode.Scalar) -> String { escaped(text, literal: [quote, "\\"]) }

    /// `literal` characters behind a backslash, line breaks and tabs as `\n` `\r` `\t`, other control characters as `\u{…}`.
    private static func escaped(_ text: String, literal: Set<Unicode.Scalar>) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case _ where literal.contains(scalar): output += "\\" + String(scalar)
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20: output += "\\u{\(String(scalar.value, radix: 16))}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
