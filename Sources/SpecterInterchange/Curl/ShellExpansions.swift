import SpecterJSON

/// `$…` and backticks: bash's `$'…'` quoting is decoded; a `$NAME` becomes the Specter variable
/// `{{NAME}}` (the value the user meant, supplied by an environment); substitutions that would run
/// a command are kept as written. Every one of these is remarked.
extension ShellTokenizer {
    mutating func readDollar(into word: inout RawWord, inDoubleQuotes: Bool) throws(CurlImportError) {
        let start = position
        guard let next = peek(1) else {
            word.bytes.append(Ascii.dollar)
            advance()
            return
        }
        switch next {
        case Ascii.singleQuote where !inDoubleQuotes:
            try readAnsiCQuoted(into: &word)
        case Ascii.doubleQuote where !inDoubleQuotes:
            advance()
            try readDoubleQuoted(into: &word)
        case Ascii.openBrace:
            try readBracedParameter(into: &word, start: start)
        case Ascii.openParenthesis:
            let text = try readBalancedSubstitution()
            word.bytes += text
            remark("command substitution \(String(decoding: text, as: UTF8.self)) is not run; kept as written", at: start)
        case _ where Ascii.isNameStart(next):
            advance()
            var name: [UInt8] = []
            while let byte = peek(), Ascii.isNameCharacter(byte) {
                name.append(byte)
                advance()
            }
            appendVariable(name, to: &word, at: start)
        case _ where Ascii.isDigit(next) || "@*#?$!-".utf8.contains(next):
            word.bytes += [Ascii.dollar, next]
            advance(2)
            remark("shell parameter $\(String(decoding: [next], as: UTF8.self)) is not expanded; kept as written", at: start)
        default:
            word.bytes.append(Ascii.dollar)
            advance()
        }
    }

    private mutating func appendVariable(_ name: [UInt8], to word: inout RawWord, at start: TextPosition) {
        let text = String(decoding: name, as: UTF8.self)
        word.bytes += Array("{{\(text)}}".utf8)
        remark(Self.variableRemark(text), at: start)
    }

    /// What an import says of a shell variable it reads as a Specter variable.
    static func variableRemark(_ name: String) -> String {
        "shell variable $\(name) is imported as the variable {{\(name)}}"
    }

    private mutating func readBracedParameter(into word: inout RawWord, start: TextPosition) throws(CurlImportError) {
        advance(2)
        var content: [UInt8] = []
        while let byte = peek(), byte != Ascii.closeBrace {
            content.append(byte)
            advance()
        }
        guard peek() == Ascii.closeBrace else { throw error(.unterminatedSubstitution("${"), at: start) }
        advance()
        if let first = content.first, Ascii.isNameStart(first), content.allSatisfy(Ascii.isNameCharacter) {
            appendVariable(content, to: &word, at: start)
        } else {
            let text = "${" + String(decoding: content, as: UTF8.self) + "}"
            word.bytes += Array(text.utf8)
            remark("parameter expansion \(text) is not expanded; kept as written", at: start)
        }
    }

    /// `$(…)` (or `$((…))`) as written, nested parentheses and quotes included.
    private mutating func readBalancedSubstitution() throws(CurlImportError) -> [UInt8] {
        let start = position
        let first = index
        advance(2)
        var depth = 1
        while let byte = peek(), depth > 0 {
            switch byte {
            case Ascii.openParenthesis: depth += 1
            case Ascii.closeParenthesis: depth -= 1
            case Ascii.backslash: advance()
            case Ascii.singleQuote, Ascii.doubleQuote: skipQuotedRun(closing: byte)
            default: break
            }
            advance()
        }
        guard depth == 0 else { throw error(.unterminatedSubstitution("$("), at: start) }
        return Array(bytes[first..<index])
    }

    private mutating func skipQuotedRun(closing: UInt8) {
        advance()
        while let byte = peek(), byte != closing {
            if byte == Ascii.backslash, closing == Ascii.doubleQuote { advance() }
            advance()
        }
    }

    mutating func readBackticks(into word: inout RawWord) throws(CurlImportError) {
        let start = position
        let first = index
        advance()
        while let byte = peek(), byte != Ascii.backtick {
            advance(byte == Ascii.backslash ? 2 : 1)
        }
        guard peek() == Ascii.backtick else { throw error(.unterminatedSubstitution("`"), at: start) }
        advance()
        let text = Array(bytes[first..<index])
        word.bytes += text
        remark("command substitution \(String(decoding: text, as: UTF8.self)) is not run; kept as written", at: start)
    }

    /// bash's `$'…'`: backslash escapes as in C, `\xHH` giving a raw byte, `\uHHHH` a character.
    private mutating func readAnsiCQuoted(into word: inout RawWord) throws(CurlImportError) {
        let start = position
        advance(2)
        word.quoted = true
        while let byte = peek() {
            advance()
            if byte == Ascii.singleQuote { return }
            if byte == Ascii.backslash, peek() != nil {
                word.bytes += readAnsiCEscape()
            } else {
                word.bytes.append(byte)
            }
        }
        throw error(.unterminatedQuote("$'"), at: start)
    }

    private mutating func readAnsiCEscape() -> [UInt8] {
        let letter = bytes[index]
        advance()
        switch letter {
        case UInt8(ascii: "n"): return [Ascii.newline]
        case UInt8(ascii: "t"): return [Ascii.tab]
        case UInt8(ascii: "r"): return [Ascii.carriageReturn]
        case UInt8(ascii: "a"): return [0x07]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "e"), UInt8(ascii: "E"): return [0x1B]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "v"): return [0x0B]
        case Ascii.backslash, Ascii.singleQuote, Ascii.doubleQuote, UInt8(ascii: "?"): return [letter]
        case UInt8(ascii: "x"): return readNumber(radix: 16, maxDigits: 2).map { [UInt8($0)] } ?? [Ascii.backslash, letter]
        case UInt8(ascii: "u"): return readNumber(radix: 16, maxDigits: 4).map(Self.utf8) ?? [Ascii.backslash, letter]
        case UInt8(ascii: "U"): return readNumber(radix: 16, maxDigits: 8).map(Self.utf8) ?? [Ascii.backslash, letter]
        case UInt8(ascii: "c"): return readControlCharacter()
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            return [readOctal(startingWith: letter)]
        default: return [Ascii.backslash, letter]
        }
    }

    /// `\NNN`: one to three octal digits, the first already read.
    private mutating func readOctal(startingWith first: UInt8) -> UInt8 {
        var value = UInt32(first - UInt8(ascii: "0"))
        for _ in 0..<2 {
            guard let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { break }
            value = value * 8 + UInt32(byte - UInt8(ascii: "0"))
            advance()
        }
        return UInt8(truncatingIfNeeded: value)
    }

    private mutating func readControlCharacter() -> [UInt8] {
        guard let byte = peek() else { return [Ascii.backslash, UInt8(ascii: "c")] }
        advance()
        return [byte & 0x1F]
    }

    private mutating func readNumber(radix: UInt32, maxDigits: Int) -> UInt32? {
        var value: UInt32 = 0
        var digits = 0
        while digits < maxDigits, let byte = peek(), let digit = Ascii.hexValue(byte), digit < radix {
            value = value * radix + digit
            digits += 1
            advance()
        }
        return digits > 0 ? value : nil
    }

    private static func utf8(_ value: UInt32) -> [UInt8] {
        Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8)
    }
}
