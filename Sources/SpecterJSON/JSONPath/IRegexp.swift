import Foundation

/// RFC 9485 I-Regexp, the interoperable regular expressions of JSONPath's `match` and `search`:
/// checked against the I-Regexp grammar and translated to the ICU syntax `NSRegularExpression` reads.
///
/// The pattern is translated rather than passed on because ICU reads a much larger language and reads
/// some I-Regexp differently: ICU would accept `\d`, `(?i)`, backreferences, possessive `a*+` and set
/// operations `[a&&b]`, none of which are I-Regexp, and its `.` skips U+2028 and U+2029 where
/// I-Regexp's `.` skips only `\n` and `\r`. The translation writes every literal as `\x{…}`, every
/// group as `(?:…)` and `.` as `[^\n\r]`, so ICU sees nothing it could read another way.
///
/// `^` and `$` are anchors (start and end of the string), as in the ECMAScript mapping RFC 9485 §5.3
/// describes and the JSONPath Compliance Test Suite expects, although the I-Regexp grammar lists them
/// among ordinary characters.
enum IRegexp {
    /// Groups nested deeper than this make the pattern invalid (it is then matched by nothing).
    static let maxGroupDepth = 64

    /// The ICU pattern for an I-Regexp, or `nil` when the text is not an I-Regexp.
    static func translate(_ pattern: String) -> String? {
        var translator = IRegexpTranslator(pattern)
        return translator.translate()
    }
}

/// One pass over an I-Regexp: every grammar rule checks its part and appends its ICU form.
/// Each rule returns `false` when the text does not follow the I-Regexp grammar.
private struct IRegexpTranslator {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0
    private var output = ""

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func next() -> Unicode.Scalar? {
        defer { index += 1 }
        return peek
    }

    private mutating func accept(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        index += 1
        return true
    }

    mutating func translate() -> String? {
        guard regexp(), index == scalars.count else { return nil }
        return output
    }

    /// `branch *( "|" branch )`
    private mutating func regexp() -> Bool {
        guard branch() else { return false }
        while accept("|") {
            output += "|"
            guard branch() else { return false }
        }
        return true
    }

    /// `*piece`, up to `|`, `)` or the end.
    private mutating func branch() -> Bool {
        while let scalar = peek, scalar != "|", scalar != ")" {
            guard atom(), quantifier() else { return false }
        }
        return true
    }

    private mutating func atom() -> Bool {
        guard let scalar = next() else { return false }
        switch scalar {
        case "(": return group()
        case ".": output += "[^\\n\\r]"
        case "[": return characterClass()
        case "\\": return escape()
        case "^": output += "^"
        case "$": output += "\\z"
        case "*", "+", "?", "{", "}", "]": return false
        default: output += Self.literal(scalar)
        }
        return true
    }

    private mutating func group() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= IRegexp.maxGroupDepth else { return false }
        output += "(?:"
        guard regexp(), accept(")") else { return false }
        output += ")"
        return true
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}` with n ≤ m; at most one per atom.
    private mutating func quantifier() -> Bool {
        guard let scalar = peek else { return true }
        switch scalar {
        case "*", "+", "?":
            index += 1
            output.unicodeScalars.append(scalar)
            return true
        case "{":
            index += 1
            return rangeQuantifier()
        default:
            return true
        }
    }

    private mutating func rangeQuantifier() -> Bool {
        guard let low = number() else { return false }
        var high: Int? = low
        if accept(",") {
            if peek == "}" {
                high = nil
            } else {
                guard let bound = number() else { return false }
                high = bound
            }
        }
        guard accept("}") else { return false }
        if let high {
            guard high >= low else { return false }
            output += high == low ? "{\(low)}" : "{\(low),\(high)}"
        } else {
            output += "{\(low),}"
        }
        return true
    }

    private mutating func number() -> Int? {
        var value = 0, digits = 0
        while let scalar = peek, ("0"..."9").contains(scalar) {
            value = min(value * 10 + Int(scalar.value - 0x30), 1_000_000_000)
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }
}

// MARK: - Escapes and classes

extension IRegexpTranslator {
    /// After `\`: a single-character escape, or a category `\p{…}` / `\P{…}`.
    private mutating func escape() -> Bool {
        guard let scalar = next() else { return false }
        if scalar == "p" || scalar == "P" { return category(negated: scalar == "P") }
        guard let literal = Self.singleCharacterEscape(scalar) else { return false }
        output += Self.literal(literal)
        return true
    }

    /// The character a single-character escape stands for: `\n`, `\r`, `\t`, or a metacharacter.
    private static func singleCharacterEscape(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}": return scalar
        default: return nil
        }
    }

    /// `{Lu}` after `\p`: a Unicode general category or category group (no blocks, no scripts).
    private mutating func category(negated: Bool) -> Bool {
        guard accept("{"), let group = next(), let allowed = Self.categories[group] else { return false }
        var name = String(group)
        if let scalar = peek, scalar != "}" {
            guard allowed.unicodeScalars.contains(scalar) else { return false }
            name.unicodeScalars.append(scalar)
            index += 1
        }
        guard accept("}") else { return false }
        output += (negated ? "\\P{" : "\\p{") + name + "}"
        return true
    }

    private static let categories: [Unicode.Scalar: String] = [
        "L": "lmotu", "M": "cen", "N": "dlo", "P": "cdefios", "Z": "lps", "S": "ckmo", "C": "cfno",
    ]

    /// After `[`: `[^…]`, items that are characters, ranges `a-z` or categories, and `-` only first or last.
    private mutating func characterClass() -> Bool {
        output += accept("^") ? "[^" : "["
        var isEmpty = true
        if accept("-") {
            output += Self.literal("-")
            isEmpty = false
        }
        while let scalar = peek, scalar != "]" {
            if scalar == "-" {
                index += 1
                guard peek == "]" else { return false }
                output += Self.literal("-")
            } else {
                guard classItem() else { return false }
            }
            isEmpty = false
        }
        guard !isEmpty, accept("]") else { return false }
        output += "]"
        return true
    }

    /// A character, a range of characters, or a category escape.
    private mutating func classItem() -> Bool {
        if peek == "\\", index + 1 < scalars.count, scalars[index + 1] == "p" || scalars[index + 1] == "P" {
            index += 1
            return escape()
        }
        guard let low = classCharacter() else { return false }
        guard peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" else {
            output += Self.literal(low)
            return true
        }
        index += 1
        guard let high = classCharacter(), low.value <= high.value else { return false }
        output += Self.literal(low) + "-" + Self.literal(high)
        return true
    }

    /// One character in a class: anything but `-`, `[`, `\` and `]`, or a single-character escape.
    private mutating func classCharacter() -> Unicode.Scalar? {
        guard let scalar = next() else { return nil }
        switch scalar {
        case "\\":
            guard let escaped = next() else { return nil }
            return Self.singleCharacterEscape(escaped)
        case "-", "[", "]": return nil
        default: return scalar
        }
    }

    /// A literal character in ICU syntax: ASCII letters and digits as they are, the rest as `\x{…}`.
    private static func literal(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return String(scalar)
        default: return "\\x{" + String(scalar.value, radix: 16) + "}"
        }
    }
}

// MARK: - Matching

/// Compiled I-Regexps for one evaluation, so `match(@, 'a.*')` over ten thousand nodes compiles once.
/// Patterns that are not I-Regexps are remembered too (as `nil`). Bounded: it starts over when full.
final class IRegexpCache {
    static let capacity = 256

    private struct Key: Hashable {
        /// The pattern's UTF-8 bytes: Swift string equality would equate canonically equivalent patterns.
        var bytes: [UInt8]
        var wholeString: Bool
    }

    private var compiled: [Key: NSRegularExpression?] = [:]

    /// The compiled pattern (`nil` if it is not an I-Regexp), and whether it was compiled just now.
    func regex(for pattern: String, wholeString: Bool) -> (regex: NSRegularExpression?, isNew: Bool) {
        let key = Key(bytes: Array(pattern.utf8), wholeString: wholeString)
        if let known = compiled[key] { return (known, false) }
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        let regex = Self.compile(pattern, wholeString: wholeString)
        compiled[key] = regex
        return (regex, true)
    }

    static func compile(_ pattern: String, wholeString: Bool) -> NSRegularExpression? {
        guard let body = IRegexp.translate(pattern) else { return nil }
        return try? NSRegularExpression(pattern: wholeString ? "\\A(?:" + body + ")\\z" : "(?:" + body + ")")
    }

    /// Whether `regex` matches in `text`. ICU reports progress while it works, once per start position
    /// it tries and once per about ten thousand backtracking steps; `progress` sees each report and
    /// returns `false` to end the match early (there is then no match).
    static func matches(_ regex: NSRegularExpression, _ text: String, progress: () -> Bool) -> Bool {
        var found = false
        let range = NSRange(location: 0, length: text.utf16.count)
        // The enumeration is synchronous; Linux Foundation merely declares its block escaping.
        withoutActuallyEscaping(progress) { progress in
            regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { result, _, stop in
                if result != nil {
                    found = true
                    stop.pointee = true
                } else if !progress() {
                    stop.pointee = true
                }
            }
        }
        return found
    }
}
