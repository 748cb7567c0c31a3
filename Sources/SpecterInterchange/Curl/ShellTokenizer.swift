import SpecterJSON

/// Splits a shell text into simple commands as a POSIX shell reads it (with bash's `$'…'`):
/// quotes, escapes, line continuations, comments, separators, here-documents and redirections,
/// without running anything. What only running could give (a `$(…)`, a pipe) is kept as written
/// and remarked, so a pasted command imports as far as it can be read.
struct ShellTokenizer {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var column = 1
    var commands: [ShellCommand] = []
    var current: ShellCommand
    var pendingHereDocuments: [PendingHereDocument] = []
    /// The last comment alone on its line, and that line.
    var lastComment: (text: String, line: Int)?

    struct PendingHereDocument {
        var delimiter: [UInt8]
        var stripsTabs: Bool
        var expands: Bool
        var commandIndex: Int
        var position: TextPosition
    }

    /// A word as read: its bytes once quotes are removed, and whether any part was quoted (an
    /// empty `''` is still a word; a quoted `2` is not a file descriptor).
    struct RawWord {
        var bytes: [UInt8] = []
        var quoted = false
        var position: TextPosition
    }

    /// The simple commands of `text` in order, skipping empty ones.
    static func commands(in text: String, file: String) throws(CurlImportError) -> [ShellCommand] {
        var tokenizer = ShellTokenizer(bytes: Array(text.utf8), file: file)
        try tokenizer.run()
        return tokenizer.commands.filter { !$0.words.isEmpty }
    }

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        self.current = ShellCommand(position: TextPosition(line: 1, column: 1))
    }

    var position: TextPosition { TextPosition(line: line, column: column) }

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == Ascii.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }

    func error(_ reason: CurlImportError.Reason, at position: TextPosition) -> CurlImportError {
        CurlImportError(file: file, position: position, reason: reason)
    }

    mutating func remark(_ message: String, at position: TextPosition) {
        current.remarks.append(ShellRemark(position: position, message: message))
    }

    mutating func endCommand() {
        commands.append(current)
        // A comment names one command at most (not the second of `curl a; curl b`).
        if !current.words.isEmpty { lastComment = nil }
        current = ShellCommand(position: position)
        // A comment alone on the line just ended stays with the command on the next (Specter's export names each request there).
        if let comment = lastComment, comment.line == line - 1 { current.commentAbove = comment.text }
    }

    private mutating func run() throws(CurlImportError) {
        while let byte = peek() {
            switch byte {
            case Ascii.space, Ascii.tab:
                advance()
            case Ascii.carriageReturn where peek(1) == Ascii.newline:
                advance()
            case Ascii.newline:
                advance()
                endCommand()
                readHereDocuments()
            case Ascii.semicolon:
                advance()
                endCommand()
            case Ascii.ampersand, Ascii.pipe:
                try readControlOperator()
            case Ascii.hash:
                skipComment()
            case Ascii.less, Ascii.greater:
                try readRedirection(descriptor: nil)
            default:
                try readWordOrDescriptor()
            }
        }
        endCommand()
    }

    private mutating func readControlOperator() throws(CurlImportError) {
        let start = position
        let first = bytes[index]
        advance()
        if first == Ascii.ampersand, peek() == Ascii.greater {
            try readRedirection(descriptor: [Ascii.ampersand])
            return
        }
        if peek() == first {
            advance()
        } else if first == Ascii.pipe {
            remark("its output is piped to another command; the pipe is not followed", at: start)
        }
        if current.words.isEmpty, current.input == nil, first == Ascii.ampersand {
            return
        }
        endCommand()
    }

    private mutating func skipComment() {
        let start = index
        while let byte = peek(), byte != Ascii.newline {
            advance()
        }
        var end = index
        if end > start + 1, bytes[end - 1] == Ascii.carriageReturn { end -= 1 }
        lastComment = current.words.isEmpty ? (String(decoding: bytes[(start + 1)..<end], as: UTF8.self), line) : nil
    }

    private mutating func readWordOrDescriptor() throws(CurlImportError) {
        let word = try readWord()
        if !word.quoted, !word.bytes.isEmpty, word.bytes.allSatisfy(Ascii.isDigit), let next = peek(), next == Ascii.less || next == Ascii.greater {
            try readRedirection(descriptor: word.bytes)
            return
        }
        guard word.quoted || !word.bytes.isEmpty else { return }
        if current.words.isEmpty { current.position = word.position }
        current.words.append(ShellWord(text: String(decoding: word.bytes, as: UTF8.self), position: word.position))
    }

    /// Reads one word up to an unquoted blank or operator, removing quotes and escapes.
    mutating func readWord() throws(CurlImportError) -> RawWord {
        var word = RawWord(position: position)
        while let byte = peek(), !Ascii.endsWord(byte, next: peek(1)) {
            switch byte {
            case Ascii.backslash: readEscape(into: &word)
            case Ascii.singleQuote: try readSingleQuoted(into: &word)
            case Ascii.doubleQuote: try readDoubleQuoted(into: &word)
            case Ascii.dollar: try readDollar(into: &word, inDoubleQuotes: false)
            case Ascii.backtick: try readBackticks(into: &word)
            default:
                word.bytes.append(byte)
                advance()
            }
        }
        return word
    }

    private mutating func readEscape(into word: inout RawWord) {
        if peek(1) == Ascii.newline {
            advance(2)
        } else if peek(1) == Ascii.carriageReturn, peek(2) == Ascii.newline {
            advance(3)
        } else if let escaped = peek(1) {
            word.bytes.append(escaped)
            word.quoted = true
            advance(2)
        } else {
            word.bytes.append(Ascii.backslash)
            advance()
        }
    }

    private mutating func readSingleQuoted(into word: inout RawWord) throws(CurlImportError) {
        let start = position
        advance()
        word.quoted = true
        while let byte = peek() {
            advance()
            if byte == Ascii.singleQuote { return }
            word.bytes.append(byte)
        }
        throw error(.unterminatedQuote("'"), at: start)
    }

    mutating func readDoubleQuoted(into word: inout RawWord) throws(CurlImportError) {
        let start = position
        advance()
        word.quoted = true
        while let byte = peek() {
            switch byte {
            case Ascii.doubleQuote:
                advance()
                return
            case Ascii.backslash:
                readEscapeInDoubleQuotes(into: &word)
            case Ascii.dollar:
                try readDollar(into: &word, inDoubleQuotes: true)
            case Ascii.backtick:
                try readBackticks(into: &word)
            default:
                word.bytes.append(byte)
                advance()
            }
        }
        throw error(.unterminatedQuote("\""), at: start)
    }

    private mutating func readEscapeInDoubleQuotes(into word: inout RawWord) {
        switch peek(1) {
        case Ascii.dollar, Ascii.backtick, Ascii.doubleQuote, Ascii.backslash:
            word.bytes.append(bytes[index + 1])
            advance(2)
        case Ascii.newline:
            advance(2)
        case Ascii.carriageReturn where peek(2) == Ascii.newline:
            advance(3)
        default:
            word.bytes.append(Ascii.backslash)
            advance()
        }
    }
}
