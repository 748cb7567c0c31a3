import SpecterJSON

/// Reads curl's arguments the way curl does: long options, clusters of short ones (`-sSL`,
/// `-XPOST`, `-HX:y`), `--` ending the options, anything else a URL. Options not known are
/// noted by name and read as taking no argument.
struct CurlArgumentParser {
    private let words: [ShellWord]
    private let file: String
    private var index = 0
    var invocation = CurlInvocation()
    private var endedOptions = false

    /// The invocation the words (those after `curl`) describe.
    static func parse(_ words: [ShellWord], file: String) throws(CurlImportError) -> CurlInvocation {
        var parser = CurlArgumentParser(words: words, file: file)
        try parser.run()
        return parser.invocation
    }

    private init(words: [ShellWord], file: String) {
        self.words = words
        self.file = file
    }

    private mutating func run() throws(CurlImportError) {
        while index < words.count {
            let word = words[index]
            index += 1
            let text = word.text
            if endedOptions || text == "-" || !text.hasPrefix("-") {
                invocation.urls.append(CurlInvocation.Argument(text: text, position: word.position))
            } else if text == "--" {
                endedOptions = true
            } else if text.hasPrefix("--") {
                if try !readLongOption(String(text.dropFirst(2)), word: word) { return }
            } else {
                if try !readShortOptions(String(text.dropFirst()), word: word) { return }
            }
        }
    }

    /// Returns false when the option ends what this command sends (`--next`).
    private mutating func readLongOption(_ name: String, word: ShellWord) throws(CurlImportError) -> Bool {
        if let option = CurlOption.byLongName[name] {
            let argument = option.takesArgument ? try nextArgument(for: word) : nil
            return apply(option, argument: argument, written: word)
        }
        if name.hasPrefix("no-"), let option = CurlOption.byLongName[String(name.dropFirst(3))], !option.takesArgument {
            return true
        }
        note("unknown curl option \(word.text); ignored (read as taking no argument)", at: word.position)
        return true
    }

    private mutating func readShortOptions(_ letters: String, word: ShellWord) throws(CurlImportError) -> Bool {
        var rest = Substring(letters)
        while let letter = rest.first {
            rest = rest.dropFirst()
            guard let option = CurlOption.byShortName[letter] else {
                note("unknown curl option -\(letter); ignored", at: word.position)
                continue
            }
            guard option.takesArgument else {
                if !apply(option, argument: nil, written: word) { return false }
                continue
            }
            let argument = rest.isEmpty ? try nextArgument(for: word) : CurlInvocation.Argument(text: String(rest), position: word.position)
            return apply(option, argument: argument, written: word)
        }
        return true
    }

    private mutating func nextArgument(for word: ShellWord) throws(CurlImportError) -> CurlInvocation.Argument {
        guard index < words.count else {
            throw CurlImportError(file: file, position: word.position, reason: .missingArgument(option: word.text))
        }
        index += 1
        return CurlInvocation.Argument(text: words[index - 1].text, position: words[index - 1].position)
    }

    mutating func note(_ message: String, at position: TextPosition) {
        invocation.notes.append(ShellRemark(position: position, message: message))
    }
}
