/// One line of a `.http` file with its 1-based number, its line terminator removed.
struct HTTPLine: Sendable, Equatable {
    let number: Int
    let text: String

    /// The lines of a text, split at LF, CR and CR LF (the three terminators the JetBrains format
    /// allows); a leading byte order mark is not part of the first line.
    static func split(_ text: String) -> [HTTPLine] {
        var lines: [HTTPLine] = []
        var current = String.UnicodeScalarView()
        var previousWasReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(HTTPLine(number: lines.count + 1, text: String(current)))
                current = String.UnicodeScalarView()
            } else if !(scalar == "\u{FEFF}" && lines.isEmpty && current.isEmpty) {
                current.append(scalar)
            }
        }
        lines.append(HTTPLine(number: lines.count + 1, text: String(current)))
        return lines
    }

    var isBlank: Bool { text.allSatisfy(\.isHTTPWhitespace) }
    var trimmed: String { text.trimmingHTTPWhitespace() }
    var isIndented: Bool { text.first?.isHTTPWhitespace ?? false }
    /// Where the first character that is not white space stands (1-based), for error places.
    var firstColumn: Int { (text.firstIndex { !$0.isHTTPWhitespace }.map { text.distance(from: text.startIndex, to: $0) } ?? 0) + 1 }

    /// `###` at the start of the line: the end of one request and the start of the next.
    var isSeparator: Bool { text.hasPrefix("###") }
    /// A `#` or `//` line comment (the separator aside).
    var isComment: Bool {
        let rest = trimmed
        return !isSeparator && (rest.hasPrefix("#") || rest.hasPrefix("//"))
    }

    /// `# @name value`, `// @no-redirect`: a comment that asks something of the tool.
    var directive: (name: String, argument: String)? {
        guard isComment else { return nil }
        var rest = Substring(trimmed)
        rest = rest.hasPrefix("#") ? rest.dropFirst() : rest.dropFirst(2)
        rest = rest.drop { $0.isHTTPWhitespace }
        guard rest.first == "@" else { return nil }
        let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        guard !name.isEmpty else { return nil }
        var argument = rest.dropFirst(1 + name.count).drop { $0.isHTTPWhitespace }
        if argument.first == "=" { argument = argument.dropFirst() }
        return (String(name), String(argument).trimmingHTTPWhitespace())
    }

    /// `@name = value`: a file variable (REST Client, httpyac, kulala, JetBrains in-place variables).
    var variableDefinition: (name: String, value: String)? {
        guard text.hasPrefix("@"), let equals = text.firstIndex(of: "=") else { return nil }
        var name = text[text.index(after: text.startIndex)..<equals].trimmingHTTPWhitespace()
        if name.hasSuffix(":") { name.removeLast() }  // httpyac's lazy `@name:=value`: Specter fills placeholders when sending anyway
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_.-$".contains($0) }) else { return nil }
        return (name, text[text.index(after: equals)...].trimmingHTTPWhitespace())
    }

    /// `> {% … %}` or `> ./script.js`: the start of a response handler.
    var isResponseHandler: Bool {
        guard text.hasPrefix(">"), !text.hasPrefix(">>") else { return false }
        let rest = text.dropFirst()
        return rest.drop { $0.isHTTPWhitespace }.hasPrefix("{%") || (rest.first?.isHTTPWhitespace == true && !rest.allSatisfy(\.isHTTPWhitespace))
    }
    /// `<> ./previous.json` (a response reference) or `>> file` / `>>! file` (the response saved to a file).
    var isResponseFileLine: Bool { text.hasPrefix("<>") || text.hasPrefix(">>") }
    /// A status line (`HTTP/1.1 200 OK`): httpyac and REST Client keep example responses after the request.
    var isStatusLine: Bool {
        let words = trimmed.split(whereSeparator: \.isHTTPWhitespace)
        return words.count >= 2 && HTTPRequestLine.isVersion(words[0]) && words[1].count == 3 && words[1].allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    /// SP, HT and FF: the white space of the JetBrains format.
    var isHTTPWhitespace: Bool { self == " " || self == "\t" || self == "\u{0C}" }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    func trimmingHTTPWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isHTTPWhitespace }), let last = lastIndex(where: { !$0.isHTTPWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
