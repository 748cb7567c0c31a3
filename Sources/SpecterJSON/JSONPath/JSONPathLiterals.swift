/// The lexical parts of RFC 9535: string literals, integers (indexes and slice bounds), number
/// literals and member-name shorthands.
extension JSONPathScanner {
    /// The largest integer an index or slice bound may be: I-JSON's exact range, 2^53 − 1.
    static let maxExactInteger = 9_007_199_254_740_991

    // MARK: Strings

    /// A string in single or double quotes, with JSON's escapes (and `\'` in single quotes).
    mutating func parseStringLiteral() throws(JSONPathError) -> String {
        guard let quote = peek, quote == "'" || quote == "\"" else { throw unexpected(expected: "a string in quotes") }
        let start = index
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek else { throw error("the string is not closed: expected \(quote)", at: start) }
            if scalar == quote {
                advance()
                return String(text)
            }
            if scalar == "\\" {
                text.append(try parseEscape(quote: quote))
            } else {
                guard scalar.value >= 0x20 else { throw error("\(Self.describe(scalar)) must be escaped in a string") }
                text.append(scalar)
                advance()
            }
        }
    }

    private mutating func parseEscape(quote: Unicode.Scalar) throws(JSONPathError) -> Unicode.Scalar {
        let start = index
        advance()
        guard let letter = peek else { throw error("the escape is not complete", at: start) }
        advance()
        switch letter {
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "/", "\\": return letter
        case "u": return try parseUnicodeEscape(start: start)
        case quote: return quote
        default:
            let shown = Self.describe(letter)
            let message = shown.hasPrefix("'") ? "invalid escape '\\\(letter)'" : "invalid escape: '\\' before \(shown)"
            throw error(message + " in a string", at: start)
        }
    }

    /// `\uXXXX`, or a surrogate pair `\uD834\uDD1E`; a lone surrogate is an error.
    private mutating func parseUnicodeEscape(start: Int) throws(JSONPathError) -> Unicode.Scalar {
        let first = try parseHex4()
        switch first {
        case 0xDC00...0xDFFF:
            throw error("a low surrogate escape must follow a high surrogate escape", at: start)
        case 0xD800...0xDBFF:
            guard accept("\\u") else { throw error("a high surrogate escape must be followed by a low surrogate escape", at: start) }
            let second = try parseHex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("a high surrogate escape must be followed by a low surrogate escape", at: start)
            }
            return try scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), at: start)
        default:
            return try scalar(first, at: start)
        }
    }

    private func scalar(_ value: UInt32, at start: Int) throws(JSONPathError) -> Unicode.Scalar {
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid escape in a string", at: start) }
        return scalar
    }

    private mutating func parseHex4() throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = peek, let digit = scalar.hexDigitValue else {
                throw unexpected(expected: "four hexadecimal digits after \\u")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    // MARK: Integers and numbers

    /// An index or slice bound: `0`, `-1`, `42`; no leading zeros, no `-0`, within ±(2^53 − 1).
    mutating func parseInteger() throws(JSONPathError) -> Int {
        let start = index
        let isNegative = accept("-")
        let digitsStart = index
        guard Self.isDigit(peek) else { throw unexpected(expected: "a digit") }
        var value = 0
        while let scalar = peek, Self.isDigit(scalar) {
            if value <= Self.maxExactInteger { value = value * 10 + Int(scalar.value - 0x30) }
            advance()
        }
        if scalars[digitsStart] == "0" {
            guard index == digitsStart + 1 else { throw error("an integer cannot start with 0", at: start) }
            guard !isNegative else { throw error("-0 is not a valid integer here", at: start) }
        }
        guard value <= Self.maxExactInteger else {
            throw error("\(text(from: start, to: index)) is out of range: integers must be within ±\(Self.maxExactInteger)", at: start)
        }
        return isNegative ? -value : value
    }

    /// A number literal in a filter, as JSON writes numbers (`-0` and exponents allowed).
    mutating func parseNumberLiteral() throws(JSONPathError) -> JSONValue {
        let start = index
        _ = accept("-")
        let digitsStart = index
        try skipDigits(after: "")
        if scalars[digitsStart] == "0", index > digitsStart + 1 { throw error("a number cannot start with 0", at: start) }
        var isInteger = true
        if accept(".") {
            isInteger = false
            try skipDigits(after: " after '.'")
        }
        if peek == "e" || peek == "E" {
            isInteger = false
            advance()
            if !accept("+") { _ = accept("-") }
            try skipDigits(after: " in the exponent")
        }
        let literal = text(from: start, to: index)
        let digits = String(String.UnicodeScalarView(scalars[start..<index]))
        if isInteger, let integer = Int(digits) { return .int(integer) }
        guard let number = Double(digits), number.isFinite else { throw error("the number \(literal) is out of range", at: start) }
        return .double(number)
    }

    private mutating func skipDigits(after context: String) throws(JSONPathError) {
        guard Self.isDigit(peek) else { throw unexpected(expected: "a digit" + context) }
        while Self.isDigit(peek) { advance() }
    }

    // MARK: Names

    /// A member name after `.` or `..`: a letter, `_` or any non-ASCII character, then also digits.
    mutating func parseMemberName() -> String? {
        guard let first = peek, Self.isNameFirst(first) else { return nil }
        var name = String.UnicodeScalarView()
        while let scalar = peek, Self.isNameFirst(scalar) || Self.isDigit(scalar) {
            name.append(scalar)
            advance()
        }
        return String(name)
    }

    /// A function name or a keyword (`true`, `false`, `null`): a lowercase letter, then lowercase
    /// letters, digits and `_`.
    mutating func parseLowercaseWord() -> String {
        var word = String.UnicodeScalarView()
        while let scalar = peek, ("a"..."z").contains(scalar) || (!word.isEmpty && (scalar == "_" || Self.isDigit(scalar))) {
            word.append(scalar)
            advance()
        }
        return String(word)
    }

    private static func isNameFirst(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "_": return true
        default: return scalar.value >= 0x80
        }
    }
}
