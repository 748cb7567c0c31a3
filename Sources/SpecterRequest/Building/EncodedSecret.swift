import SpecterJSON

/// Finds a secret in text where its characters may be written encoded, in any mix: percent-encoded
/// (`%22`, `%C3%A9`: a URL that encodes some characters and not others), JSON-escaped — as `\uXXXX` in
/// either case (a surrogate pair beyond U+FFFF) or by a short escape (`\"` `\\` `\/` `\b` `\f` `\n`
/// `\r` `\t`) — and JSON-escaped twice (a server that echoes a JSON body as a string). Python escapes
/// everything beyond ASCII, PHP escapes `/` too, Go escapes `<` `>` `&`, ASP.NET `+` and `"`.
struct EncodedSecret: Sendable, Equatable {
    let secret: [Unicode.Scalar]

    init(_ secret: String) {
        self.secret = Array(secret.unicodeScalars)
    }

    /// How many times JSON escapes may be applied over one another.
    private static let escapeDepth = 2

    /// `text` with every spelling of the secret replaced by `mask`. Each place a spelling could start
    /// is tried once, and a try reads at most a bounded number of characters per character of the secret.
    func masked(in text: String, with mask: String) -> String {
        guard !secret.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var start = 0
        var copied = 0
        while start < scalars.count {
            let first = scalars[start]
            // A spelling starts with the secret's first character, a backslash or a percent sign.
            if first == secret[0] || first == "\\" || first == "%", let end = match(in: scalars, from: start) {
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

    /// Where a spelling of the whole secret that starts at `start` ends, if one does: read with no
    /// escapes (percent-encoding only), then one level, then two (a secret holding `\u00e9` itself
    /// reads differently at each).
    private func match(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        for depth in 0...Self.escapeDepth {
            var position: Int? = start
            for wanted in secret {
                guard let at = position, let (found, next) = Self.character(in: scalars, at: at, depth: depth), found == wanted else {
                    position = nil
                    break
                }
                position = next
            }
            if let position { return position }
        }
        return nil
    }

    /// The character written at `position` with up to `depth` levels of JSON escapes over a
    /// percent-encoded or plain character, and where the next one starts.
    private static func character(in scalars: [Unicode.Scalar], at position: Int, depth: Int) -> (Unicode.Scalar, Int)? {
        guard depth > 0 else { return percentDecoded(in: scalars, at: position) }
        guard let (first, afterFirst) = character(in: scalars, at: position, depth: depth - 1) else { return nil }
        guard first == "\\", let (kind, afterKind) = character(in: scalars, at: afterFirst, depth: depth - 1) else { return (first, afterFirst) }
        switch kind {
        case "\"", "\\", "/": return (kind, afterKind)
        case "b": return ("\u{08}", afterKind)
        case "f": return ("\u{0C}", afterKind)
        case "n": return ("\n", afterKind)
        case "r": return ("\r", afterKind)
        case "t": return ("\t", afterKind)
        case "u":
            guard let (unit, afterUnit) = hexUnit(in: scalars, at: afterKind, depth: depth - 1) else { return (first, afterFirst) }
            guard (0xD800...0xDBFF).contains(unit) else { return Unicode.Scalar(unit).map { ($0, afterUnit) } }
            guard let (slash, afterSlash) = character(in: scalars, at: afterUnit, depth: depth - 1), slash == "\\",
                  let (letter, afterLetter) = character(in: scalars, at: afterSlash, depth: depth - 1), letter == "u",
                  let (low, afterLow) = hexUnit(in: scalars, at: afterLetter, depth: depth - 1), (0xDC00...0xDFFF).contains(low),
                  let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else { return nil }
            return (combined, afterLow)
        default:
            return (first, afterFirst)
        }
    }

    /// Four hex digits from `position`, each read at `depth`, as a UTF-16 unit.
    private static func hexUnit(in scalars: [Unicode.Scalar], at position: Int, depth: Int) -> (UInt32, Int)? {
        var value: UInt32 = 0
        var next = position
        for _ in 0..<4 {
            guard let (scalar, after) = character(in: scalars, at: next, depth: depth), let digit = scalar.hexDigitValue else { return nil }
            value = value << 4 | digit
            next = after
        }
        return (value, next)
    }

    /// A plain character, or one written as `%XX` (a character beyond ASCII as its UTF-8 bytes, each so).
    private static func percentDecoded(in scalars: [Unicode.Scalar], at position: Int) -> (Unicode.Scalar, Int)? {
        guard position < scalars.count else { return nil }
        guard let lead = percentByte(in: scalars, at: position) else { return (scalars[position], position + 1) }
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0 else { return (scalars[position], position + 1) }
        var bytes = [lead]
        for index in 1..<length {
            guard let byte = percentByte(in: scalars, at: position + 3 * index) else { return (scalars[position], position + 1) }
            bytes.append(byte)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self)?.unicodeScalars, decoded.count == 1, let scalar = decoded.first else {
            return (scalars[position], position + 1)
        }
        return (scalar, position + 3 * length)
    }

    private static func percentByte(in scalars: [Unicode.Scalar], at position: Int) -> UInt8? {
        guard position + 2 < scalars.count, scalars[position] == "%", let high = scalars[position + 1].hexDigitValue, let low = scalars[position + 2].hexDigitValue else { return nil }
        return UInt8(high << 4 | low)
    }
}
