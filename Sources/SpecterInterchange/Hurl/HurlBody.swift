/// A request or response body as a Hurl file writes it, before it is mapped.
enum HurlBody: Equatable {
    /// JSON written as is (templates kept): sent as written, `application/json` unless a header says otherwise.
    case json(String)
    /// An XML document written as is: `application/xml` unless a header says otherwise.
    case xml(String)
    /// A multiline string (its language hint, if any) or a backtick string (no hint).
    case text(String, language: String?)
    /// `base64,…;`, `hex,…;` or a ```` ```base64 ```` block, decoded.
    case bytes([UInt8])
    case file(String)
}

/// Finds where a body starts and ends: JSON and XML are read to the end of their value, strings
/// to their closing fence or backtick.
enum HurlBodyReader {
    /// Whether a body starts at `offset` (the first non-space of a line).
    static func startsBody(in source: HurlSource, at offset: Int, lineEnd: Int) -> Bool {
        guard offset < lineEnd else { return false }
        switch source.scalars[offset] {
        case "{", "[", "\"", "<", "`", "-", "0"..."9": return true
        default: break
        }
        for prefix in ["base64,", "hex,", "file,"] where source.hasPrefix(prefix, at: offset) { return true }
        for literal in ["true", "false", "null"] where source.hasPrefix(literal, at: offset) {
            return source.isRestBlank(from: offset + literal.unicodeScalars.count, to: lineEnd)
        }
        return false
    }

    /// The body at `offset` and the 0-based line it ends on (nothing but a comment may follow it there).
    static func read(in source: HurlSource, at offset: Int) throws(HurlSyntaxError) -> (body: HurlBody, endLine: Int) {
        let lineEnd = source.contentEnd(ofLine: source.line(containing: offset))
        let (body, next) = try body(in: source, at: offset, lineEnd: lineEnd)
        let endLine = source.line(containing: max(next - 1, offset))
        guard source.isRestBlank(from: next, to: source.contentEnd(ofLine: endLine)) else {
            throw source.error("unexpected text after the body", at: next)
        }
        return (body, endLine)
    }

    private static func body(in source: HurlSource, at offset: Int, lineEnd: Int) throws(HurlSyntaxError) -> (HurlBody, Int) {
        if source.hasPrefix("```", at: offset) {
            let string = try HurlMultiline.read(in: source, at: offset)
            return (try multiline(string, in: source, at: offset), string.next)
        }
        switch source.scalars[offset] {
        case "`":
            let (text, next) = try HurlStrings.read(.backtick, in: source, from: offset + 1, to: lineEnd)
            return (.text(text, language: nil), next + 1)
        case "<":
            let end = try HurlXMLExtent.end(in: source, from: offset)
            return (.xml(source.string(offset..<end)), end)
        default:
            break
        }
        if let (token, next) = try HurlBytes.read(in: source, at: offset, to: lineEnd) {
            if case .file(let name) = token { return (.file(name), next) }
            if case .bytes(let bytes) = token { return (.bytes(bytes), next) }
        }
        let end = try HurlJSONExtent.end(in: source, from: offset, lineEnd: lineEnd)
        return (.json(source.string(offset..<end)), end)
    }

    private static func multiline(_ string: HurlMultiline.Read, in source: HurlSource, at offset: Int) throws(HurlSyntaxError) -> HurlBody {
        switch string.language {
        case "base64", "hex":
            let compact = string.text.filter { !$0.isWhitespace }
            let bytes = string.language == "hex" ? HurlBytes.hexBytes(compact) : HurlBytes.base64Bytes(compact)
            guard let bytes else { throw source.error("this ```\(string.language ?? "") block does not hold \(string.language ?? "")", at: offset) }
            return .bytes(bytes)
        default:
            return .text(string.text, language: string.language)
        }
    }
}

/// The end of a JSON value written as a body: brackets are matched outside strings (templates
/// such as `{{age}}` balance themselves), a scalar ends with its line's word.
enum HurlJSONExtent {
    static func end(in source: HurlSource, from offset: Int, lineEnd: Int) throws(HurlSyntaxError) -> Int {
        let first = source.scalars[offset]
        if first == "\"" { return try stringEnd(in: source, from: offset, lineEnd: lineEnd) }
        guard first == "{" || first == "[" else {
            var index = offset
            while index < lineEnd, !" \t#".unicodeScalars.contains(source.scalars[index]) { index += 1 }
            return index
        }
        var depth = 0
        var index = offset
        while index < source.scalars.count {
            switch source.scalars[index] {
            case "\"": index = try stringEnd(in: source, from: index, lineEnd: source.contentEnd(ofLine: source.line(containing: index)))
                continue
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        throw source.error("this JSON body is not closed", at: offset)
    }

    /// Just after the closing quote of the string starting at `offset`.
    private static func stringEnd(in source: HurlSource, from offset: Int, lineEnd: Int) throws(HurlSyntaxError) -> Int {
        var index = offset + 1
        while index < lineEnd {
            switch source.scalars[index] {
            case "\\": index += 2
            case "\"": return index + 1
            default: index += 1
            }
        }
        throw source.error("this JSON string is not closed on its line", at: offset)
    }
}

/// The end of an XML document written as a body: its prolog, then its root element to the tag
/// that closes it.
enum HurlXMLExtent {
    private enum Markup { case open, close, selfClosing, other }

    static func end(in source: HurlSource, from offset: Int) throws(HurlSyntaxError) -> Int {
        var depth = 0
        var index = offset
        while index < source.scalars.count {
            guard source.scalars[index] == "<" else {
                index += 1
                continue
            }
            let (next, markup) = try markup(in: source, at: index)
            index = next
            switch markup {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth <= 0 { return next }
            case .selfClosing where depth == 0: return next
            case .selfClosing, .other: break
            }
        }
        throw source.error("this XML body is not closed", at: offset)
    }

    /// Just after the markup at `offset`, and what it is.
    private static func markup(in source: HurlSource, at offset: Int) throws(HurlSyntaxError) -> (Int, Markup) {
        for (open, close) in [("<?", "?>"), ("<!--", "-->"), ("<![CDATA[", "]]>"), ("<!", ">")] where source.hasPrefix(open, at: offset) {
            return (try find(close, in: source, from: offset + open.unicodeScalars.count, markup: offset), .other)
        }
        var quote: Unicode.Scalar?
        var index = offset + 1
        while index < source.scalars.count {
            let scalar = source.scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                if source.scalars[offset + 1] == "/" { return (index + 1, .close) }
                return (index + 1, source.scalars[index - 1] == "/" ? .selfClosing : .open)
            }
            index += 1
        }
        throw source.error("this XML tag is not closed with >", at: offset)
    }

    private static func find(_ close: String, in source: HurlSource, from offset: Int, markup: Int) throws(HurlSyntaxError) -> Int {
        var index = offset
        while index < source.scalars.count {
            if source.hasPrefix(close, at: index) { return index + close.unicodeScalars.count }
            index += 1
        }
        throw source.error("this XML markup is not closed with \(close)", at: markup)
    }
}
