/// The kinds of string Hurl writes, each ended by different characters and allowing different
/// escapes. Templates (`{{ name }}`) are kept in every kind, as Specter placeholders (`{{name}}`; Hurl's
/// functions as Specter's built-ins).
enum HurlStringKind {
    /// A header name, a section key, a capture name: `Content-Type`, `values\u{5b}0\u{5d}`.
    case key
    /// The rest of a line after `key:`, up to a comment: `value # comment`.
    case value
    /// Between double quotes: `"Bob says \"Hello\""`.
    case quoted
    /// Between backticks: `` `Hello world!` ``.
    case backtick
    /// After `file,` up to `;`: `file,post_file_with\ space;`.
    case filename

    var name: String {
        switch self {
        case .key: "key"
        case .value: "value"
        case .quoted: "quoted string"
        case .backtick: "backtick string"
        case .filename: "file name"
        }
    }

    /// The characters a backslash makes literal.
    var literalEscapes: Set<Unicode.Scalar> {
        switch self {
        case .key: ["#", ":", "\\"]
        case .value: ["#", "\\"]
        case .quoted: ["\"", "\\"]
        case .backtick: ["`", "#", "\\", "\""]
        case .filename: [";", "#", " ", "\\"]
        }
    }

    func ends(at scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .key: !(HurlStrings.isKeyCharacter(scalar) || scalar == "\\" || scalar == "{")
        case .value: scalar == "#"
        case .quoted: scalar == "\""
        case .backtick: scalar == "`"
        case .filename: scalar == ";" || scalar == "#" || scalar == " " || scalar == "\t"
        }
    }
}

/// Reads Hurl strings: escapes resolved, templates kept.
enum HurlStrings {
    static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "[", "]", "@", "$": true
        default: false
        }
    }

    /// Reads a string of `kind` from `offset` up to the character that ends it (not taken) or `end`.
    /// A quoted or backtick string must be closed before `end`; a value loses its trailing spaces.
    static func read(_ kind: HurlStringKind, in source: HurlSource, from offset: Int, to end: Int) throws(HurlSyntaxError) -> (text: String, next: Int) {
        var text = String.UnicodeScalarView()
        var index = offset
        while index < end {
            let scalar = source.scalars[index]
            if scalar == "{", let (template, next) = template(in: source, at: index, to: end) {
                text.append(contentsOf: template.unicodeScalars)
                index = next
                continue
            }
            if kind.ends(at: scalar) { break }
            if scalar == "\\" {
                let (resolved, next) = try escape(kind, in: source, at: index, to: end)
                text.append(resolved)
                index = next
                continue
            }
            text.append(scalar)
            index += 1
        }
        if kind == .quoted || kind == .backtick, index >= end {
            throw source.error("this \(kind.name) is not closed", at: offset - 1)
        }
        var result = String(text)
        if kind == .value { while result.last == " " || result.last == "\t" { result.removeLast() } }
        return (result, index)
    }

    /// A `{{ name }}` template at `offset`, as `{{name}}`, and the offset after it; nil when `{{` is not closed on the line.
    static func template(in source: HurlSource, at offset: Int, to end: Int) -> (String, Int)? {
        guard source.hasPrefix("{{", at: offset) else { return nil }
        var index = offset + 2
        while index + 1 < end {
            if source.scalars[index] == "}", source.scalars[index + 1] == "}" {
                let inside = source.string(offset + 2..<index).trimmingSpaces
                return ("{{\(HurlTemplates.imported(inside))}}", index + 2)
            }
            index += 1
        }
        return nil
    }

    private static func escape(_ kind: HurlStringKind, in source: HurlSource, at offset: Int, to end: Int) throws(HurlSyntaxError) -> (Unicode.Scalar, Int) {
        guard offset + 1 < end else { throw source.error("a backslash ends this \(kind.name)", at: offset) }
        let next = source.scalars[offset + 1]
        switch next {
        case "b": return ("\u{08}", offset + 2)
        case "f": return ("\u{0C}", offset + 2)
        case "n": return ("\n", offset + 2)
        case "r": return ("\r", offset + 2)
        case "t": return ("\t", offset + 2)
        case "u": return try unicodeEscape(in: source, at: offset, to: end)
        default:
            guard kind.literalEscapes.contains(next) else {
                throw source.error("\\\(next) is not an escape Hurl knows in a \(kind.name)", at: offset)
            }
            return (next, offset + 2)
        }
    }

    /// `\u{e9}`.
    private static func unicodeEscape(in source: HurlSource, at offset: Int, to end: Int) throws(HurlSyntaxError) -> (Unicode.Scalar, Int) {
        var index = offset + 2
        guard index < end, source.scalars[index] == "{" else { throw source.error("\\u must be followed by {hex digits}", at: offset) }
        index += 1
        var value: UInt32 = 0
        var digits = 0
        while index < end, digits < 8, let digit = UInt32(String(source.scalars[index]), radix: 16) {
            value = value * 16 + digit
            digits += 1
            index += 1
        }
        guard digits > 0, index < end, source.scalars[index] == "}", let scalar = Unicode.Scalar(value) else {
            throw source.error("\\u{…} must hold the hex code of a Unicode character", at: offset)
        }
        return (scalar, index + 1)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
