/// One `-H` argument as curl reads it.
enum CurlHeaderArgument: Equatable {
    /// `Name: value`, or `Name;` for a header sent empty.
    case header(ForeignHeader)
    /// `Name:` with nothing after: curl's own header of that name is not sent.
    case removal(String)
    /// `@file`: one header per line of the file.
    case file(String)
    /// Neither a header nor a removal (no colon).
    case invalid

    init(_ text: String) {
        if text.hasPrefix("@") {
            self = .file(String(text.dropFirst()))
        } else if let colon = text.firstIndex(of: ":") {
            let name = text[..<colon].trimmed(of: " \t")
            let value = text[text.index(after: colon)...].trimmed(of: " \t")
            self = value.isEmpty ? .removal(name) : .header(ForeignHeader(name: name, value: value))
        } else if text.hasSuffix(";") {
            let name = text.dropLast().trimmed(of: " \t")
            self = name.isEmpty ? .invalid : .header(ForeignHeader(name: name, value: ""))
        } else {
            self = .invalid
        }
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimmed(of characters: String) -> String {
        let set = Set(characters)
        return String(self.drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
