/// The tokens of the small part of JavaScript a response handler is read in: names, numbers,
/// strings (their value), and punctuation. Comments and white space are left out.
struct JavaScriptToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case name, number, string, punctuation }

    var kind: Kind
    /// The text as written; a string's value without quotes or escapes.
    var text: String

    /// The tokens of a script, or nil when it holds something this reader does not know (a template string).
    static func tokens(of script: String) -> [JavaScriptToken]? {
        var tokens: [JavaScriptToken] = []
        let characters = Array(script)
        var index = 0
        while index < characters.count {  // every branch moves index forward
            let character = characters[index]
            if character.isWhitespace || character.isNewline {
                index += 1
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                while index < characters.count, !characters[index].isNewline { index += 1 }
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index += 2
            } else if character.isLetter || character == "_" || character == "$" {
                let start = index
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "$" { index += 1 }
                tokens.append(JavaScriptToken(kind: .name, text: String(characters[start..<index])))
            } else if character.isASCIIDigit {
                let start = index
                while index < characters.count, characters[index].isASCIIDigit || characters[index] == "." { index += 1 }
                tokens.append(JavaScriptToken(kind: .number, text: String(characters[start..<index])))
            } else if character == "\"" || character == "'" {
                guard let string = readString(characters, from: &index) else { return nil }
                tokens.append(JavaScriptToken(kind: .string, text: string))
            } else if let operatorText = ["===", "!==", "==", "!=", "<=", ">=", "=>"].first(where: { matches($0, characters, at: index) }) {
                tokens.append(JavaScriptToken(kind: .punctuation, text: operatorText))
                index += operatorText.count
            } else if "().,;{}[]<>-!=/".contains(character) {
                tokens.append(JavaScriptToken(kind: .punctuation, text: String(character)))
                index += 1
            } else {
                return nil
            }
        }
        return tokens
    }

    private static func matches(_ text: String, _ characters: [Character], at index: Int) -> Bool {
        let wanted = Array(text)
        return index + wanted.count <= characters.count && Array(characters[index..<index + wanted.count]) == wanted
    }

    /// A quoted string's value; nil when it is not closed on its line.
    private static func readString(_ characters: [Character], from index: inout Int) -> String? {
        let quote = characters[index]
        var value = ""
        index += 1
        while index < characters.count, characters[index] != quote, !characters[index].isNewline {
            if characters[index] == "\\", index + 1 < characters.count {
                index += 1
                switch characters[index] {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "u", "x": return nil  // code escapes: rare in handlers, not worth reading
                default: value.append(characters[index])
                }
            } else {
                value.append(characters[index])
            }
            index += 1
        }
        guard index < characters.count, characters[index] == quote else { return nil }
        index += 1
        return value
    }
}
