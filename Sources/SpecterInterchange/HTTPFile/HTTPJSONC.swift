/// JSON with comments, as VS Code writes `settings.json`.
enum HTTPJSONC {
    /// The text with `//` and `/* */` comments and trailing commas replaced by spaces (line breaks
    /// kept), so a JSON parser reads it and its line and column numbers still point into the file.
    static func blankingComments(_ text: String) -> String {
        var characters = Array(text)
        var index = 0
        var inString = false
        var lastSignificant: Int?
        while index < characters.count {  // every branch moves index forward
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if inString {
                if character == "\\" { index += 1 } else if character == "\"" { inString = false }
                index += 1
            } else if character == "/" && next == "/" {
                while index < characters.count, !characters[index].isNewline { characters[index] = " "; index += 1 }
            } else if character == "/" && next == "*" {
                while index < characters.count, !(characters[index] == "*" && index + 1 < characters.count && characters[index + 1] == "/") {
                    if !characters[index].isNewline { characters[index] = " " }
                    index += 1
                }
                for end in index..<min(index + 2, characters.count) { characters[end] = " " }
                index += 2
            } else {
                if (character == "}" || character == "]"), let comma = lastSignificant, characters[comma] == "," { characters[comma] = " " }
                if character == "\"" { inString = true }
                if !character.isWhitespace { lastSignificant = index }
                index += 1
            }
        }
        return String(characters)
    }
}
