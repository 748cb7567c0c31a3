import Foundation

/// One word of a capture, an assertion or a predicate value, as Hurl reads it.
enum HurlToken: Equatable {
    /// A bare word: a query or filter name, an operator, a number, `true`, `null`.
    case word(String)
    case quoted(String)
    /// `/pattern/`, with `\/` read as `/`.
    case regex(String)
    case backtick(String)
    case multiline(String, language: String?)
    /// `{{name}}`.
    case template(String)
    /// `base64,…;` and `hex,…;`, their bytes decoded.
    case bytes([UInt8])
    case file(String)

    var word: String? {
        if case .word(let text) = self { return text }
        return nil
    }
}

/// Splits a capture or an assertion into tokens. Most end with their line; a multiline string
/// (```` ``` ````) carries the statement over the lines it holds.
enum HurlTokenizer {
    /// The tokens from `offset` to the end of the statement, the 0-based line it ends on and the
    /// offset just after its last token.
    static func tokens(in source: HurlSource, from offset: Int) throws(HurlSyntaxError) -> (tokens: [HurlToken], endLine: Int, end: Int) {
        var line = source.line(containing: offset)
        var end = source.contentEnd(ofLine: line)
        var index = offset
        var tokens: [HurlToken] = []
        var lastEnd = offset
        while true {
            index = source.skipSpaces(from: index, to: end)
            guard index < end, source.scalars[index] != "#" else { return (tokens, line, lastEnd) }
            let (token, next) = try token(in: source, at: index, to: end)
            tokens.append(token)
            index = next
            lastEnd = next
            if index > end {
                line = source.line(containing: index)
                end = source.contentEnd(ofLine: line)
            }
        }
    }

    private static func token(in source: HurlSource, at index: Int, to end: Int) throws(HurlSyntaxError) -> (HurlToken, Int) {
        let scalar = source.scalars[index]
        if scalar == "\"" {
            let (text, next) = try HurlStrings.read(.quoted, in: source, from: index + 1, to: end)
            return (.quoted(text), next + 1)
        }
        if source.hasPrefix("```", at: index) {
            let string = try HurlMultiline.read(in: source, at: index)
            return (.multiline(string.text, language: string.language), string.next)
        }
        if scalar == "`" {
            let (text, next) = try HurlStrings.read(.backtick, in: source, from: index + 1, to: end)
            return (.backtick(text), next + 1)
        }
        if scalar == "/" { return try regex(in: source, at: index, to: end) }
        if let (template, next) = HurlStrings.template(in: source, at: index, to: end) { return (.template(template), next) }
        if let (bytes, next) = try HurlBytes.read(in: source, at: index, to: end) { return (bytes, next) }
        var next = index
        while next < end, source.scalars[next] != " ", source.scalars[next] != "\t" { next += 1 }
        return (.word(source.string(index..<next)), next)
    }

    /// `/Hello (.*)!/`: backslashes are kept (they belong to the pattern) except before `/`.
    private static func regex(in source: HurlSource, at offset: Int, to end: Int) throws(HurlSyntaxError) -> (HurlToken, Int) {
        var pattern = String.UnicodeScalarView()
        var index = offset + 1
        while index < end {
            let scalar = source.scalars[index]
            if scalar == "/" { return (.regex(String(pattern)), index + 1) }
            if scalar == "\\", index + 1 < end {
                if source.scalars[index + 1] != "/" { pattern.append("\\") }
                pattern.append(source.scalars[index + 1])
                index += 2
                continue
            }
            pattern.append(scalar)
            index += 1
        }
        throw source.error("this regex is not closed with /", at: offset)
    }
}

/// `base64,…;`, `hex,…;` and `file,…;`: as bodies and as predicate values.
enum HurlBytes {
    /// The token at `offset` when it is one of these, and the offset after its `;`.
    static func read(in source: HurlSource, at offset: Int, to end: Int) throws(HurlSyntaxError) -> (HurlToken, Int)? {
        if source.hasPrefix("file,", at: offset) {
            let start = source.skipSpaces(from: offset + 5, to: end)
            let (name, next) = try HurlStrings.read(.filename, in: source, from: start, to: end)
            let close = source.skipSpaces(from: next, to: end)
            guard close < end, source.scalars[close] == ";" else { throw source.error("file,… must end with ;", at: offset) }
            return (.file(name), close + 1)
        }
        for prefix in ["base64,", "hex,"] where source.hasPrefix(prefix, at: offset) {
            let start = offset + prefix.unicodeScalars.count
            guard let close = (start..<end).first(where: { source.scalars[$0] == ";" }) else {
                throw source.error("\(prefix)… must end with ;", at: offset)
            }
            let text = source.string(start..<close).filter { !$0.isWhitespace }
            let decoded = prefix == "hex," ? hexBytes(text) : base64Bytes(text)
            guard let decoded else { throw source.error("\(prefix) is followed by something that is not \(prefix.dropLast())", at: start) }
            return (.bytes(decoded), close + 1)
        }
        return nil
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    static func base64Bytes(_ text: String) -> [UInt8]? {
        var padded = text
        while padded.utf8.count % 4 != 0 { padded += "=" }
        return Data(base64Encoded: padded).map { Array($0) }
    }
}

/// ```` ```json ```` … ```` ``` ````: the text between the fences, raw (Hurl resolves no escapes
/// there), and the language named after the opening fence. ```` ```text``` ```` on one line is the
/// text between.
enum HurlMultiline {
    struct Read {
        var text: String
        var language: String?
        /// Just after the closing fence.
        var next: Int
    }

    static func read(in source: HurlSource, at offset: Int) throws(HurlSyntaxError) -> Read {
        let line = source.line(containing: offset)
        let lineEnd = source.contentEnd(ofLine: line)
        var index = offset + 3
        while index < lineEnd, isLanguageCharacter(source.scalars[index]) { index += 1 }
        let language = index > offset + 3 ? source.string(offset + 3..<index) : nil
        let opensBlock = source.skipSpaces(from: index, to: lineEnd) == lineEnd
        let start = opensBlock ? (line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.scalars.count) : offset + 3
        let limit = opensBlock ? source.scalars.count : lineEnd
        var close = start
        while close < limit, !source.hasPrefix("```", at: close) { close += 1 }
        guard close < limit else { throw source.error("this ``` string is not closed with ```", at: offset) }
        return Read(text: source.string(start..<close), language: opensBlock ? language : nil, next: close + 3)
    }

    private static func isLanguageCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", "+": true
        default: false
        }
    }
}
