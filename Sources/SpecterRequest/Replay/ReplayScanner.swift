import Foundation

/// Reads the small language of captures and assertions word by word.
struct ReplayScanner {
    private(set) var rest: Substring

    init(_ text: String) {
        rest = Substring(text)
        skipSpaces()
    }

    var isAtEnd: Bool { rest.isEmpty }

    mutating func skipSpaces() {
        rest = rest.drop { $0 == " " || $0 == "\t" }
    }

    /// The next word (up to a space), without taking it.
    func peekWord() -> String {
        String(rest.prefix { $0 != " " && $0 != "\t" })
    }

    mutating func word() -> String {
        let word = peekWord()
        rest = rest.dropFirst(word.count)
        skipSpaces()
        return word
    }

    /// Takes `expected` when it is the next word.
    mutating func take(_ expected: String) -> Bool {
        guard peekWord() == expected else { return false }
        _ = word()
        return true
    }

    /// A double-quoted text with `\"` and `\\` escapes.
    mutating func quoted(for purpose: String) throws(ReplaySyntaxError) -> String {
        guard rest.first == "\"" else { throw ReplaySyntaxError("\(purpose) takes a quoted pattern: \(purpose) \"…\"") }
        var text = ""
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex {
            let character = rest[index]
            if character == "\"" {
                rest = rest[rest.index(after: index)...]
                skipSpaces()
                return text
            }
            if character == "\\", rest.index(after: index) < rest.endIndex {
                let next = rest[rest.index(after: index)]
                if next == "\"" || next == "\\" {
                    text.append(next)
                    index = rest.index(index, offsetBy: 2)
                    continue
                }
            }
            text.append(character)
            index = rest.index(after: index)
        }
        throw ReplaySyntaxError("the quoted pattern after \(purpose) is not closed")
    }

    /// A JSONPath query: up to the first space outside brackets, parentheses and quotes.
    mutating func jsonPath() -> String {
        var depth = 0
        var quote: Character?
        var escaped = false
        var end = rest.startIndex
        while end < rest.endIndex {
            let character = rest[end]
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "[" || character == "(" {
                depth += 1
            } else if character == "]" || character == ")" {
                depth -= 1
            } else if (character == " " || character == "\t") && depth <= 0 {
                break
            }
            end = rest.index(after: end)
        }
        let path = String(rest[..<end])
        rest = rest[end...]
        skipSpaces()
        return path
    }

    /// Everything left, trimmed.
    mutating func remainder() -> String {
        let text = String(rest).trimmingCharacters(in: .whitespaces)
        rest = rest[rest.endIndex...]
        return text
    }
}
