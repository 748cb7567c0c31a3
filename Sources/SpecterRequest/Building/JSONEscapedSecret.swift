/// Finds a secret in text where a server's JSON may have escaped any of its characters, in any mix:
/// each character as itself, as `\uXXXX` in either case (a surrogate pair beyond U+FFFF), or by its
/// short escape (`\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`). Python escapes everything beyond ASCII,
/// PHP escapes `/` as well, Go escapes `<` `>` `&`, ASP.NET escapes `+` and `"` as `\u002B`, `\u0022`.
struct JSONEscapedSecret {
    let secret: [Unicode.Scalar]

    init(_ secret: [Unicode.Scalar]) {
        self.secret = secret
    }

    /// `text` with every spelling of the secret replaced by `mask`. Linear in the text for each place
    /// a spelling could start, and bounded by the secret's length from there.
    func masked(in text: String, with mask: String) -> String {
        guard !secret.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var start = 0
        var copied = 0
        while start < scalars.count {
            if let end = match(in: scalars, from: start) {
                result.append(contentsOf: scalars[copied..<start])
                result.append(contentsOf: mask.unicodeScalars)
                start = end
                copied = end
            } else {
                start += 1
            }
        }
        guard copied > 0 else { return text }
        result.append(contentsOf: scalars[copied...])
        return String(result)
    }

    /// Where a spelling of the whole secret that starts at `start` ends, if one does.
    private func match(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start
        for wanted in secret {
            guard let (found, next) = Self.character(in: scalars, at: position), found == wanted else { return nil }
            position = next
        }
        return position
    }

    /// The character written at `position`, escaped or not, and where the next one starts.
    private static func character(in scalars: [Unicode.Scalar], at position: Int) -> (Unicode.Scalar, Int)? {
        guard position < scalars.count else { return nil }
        guard scalars[position] == "\\", position + 1 < scalars.count else { return (scalars[position], position + 1) }
        switch scalars[position + 1] {
        case "\"": return ("\"", position + 2)
        case "\\": return ("\\", position + 2)
        case "/": return ("/", position + 2)
        case "b": return ("\u{08}", position + 2)
        case "f": return ("\u{0C}", position + 2)
        case "n": return ("\n", position + 2)
        case "r": return ("\r", position + 2)
        case "t": return ("\t", position + 2)
        case "u":
            guard let unit = hexUnit(in: scalars, at: position + 2) else { return (scalars[position], position + 1) }
            if (0xD800...0xDBFF).contains(unit), position + 12 <= scalars.count, scalars[position + 6] == "\\", scalars[position + 7] == "u",
               let low = hexUnit(in: scalars, at: position + 8), (0xDC00...0xDFFF).contains(low),
               let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) {
                return (combined, position + 12)
            }
            return Unicode.Scalar(unit).map { ($0, position + 6) }
        default:
            return (scalars[position], position + 1)
        }
    }

    /// Four hex digits at `position`, as a UTF-16 unit.
    private static func hexUnit(in scalars: [Unicode.Scalar], at position: Int) -> UInt32? {
        guard position + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[position..<position + 4] {
            guard let digit = hexDigit(scalar) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }
}
