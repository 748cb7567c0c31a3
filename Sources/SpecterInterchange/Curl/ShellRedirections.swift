import SpecterJSON

/// Redirections: a here-document, here-string or `< file` becomes the command's standard input
/// (curl's `@-` reads it); other redirections are remarked and skipped with their target.
extension ShellTokenizer {
    mutating func readRedirection(descriptor: [UInt8]?) throws(CurlImportError) {
        let start = position
        var operatorBytes = descriptor ?? []
        while let byte = peek(), byte == Ascii.less || byte == Ascii.greater || byte == Ascii.ampersand || byte == Ascii.pipe || byte == Ascii.minus,
              operatorBytes.count < 4 {
            operatorBytes.append(byte)
            advance()
        }
        while let byte = peek(), byte == Ascii.space || byte == Ascii.tab {
            advance()
        }
        let target = try readWord()
        let targetText = String(decoding: target.bytes, as: UTF8.self)
        let written = String(decoding: operatorBytes, as: UTF8.self)
        switch written {
        case "<<", "<<-":
            pendingHereDocuments.append(PendingHereDocument(delimiter: target.bytes, stripsTabs: written == "<<-", expands: !target.quoted,
                                                            commandIndex: commands.count, position: start))
        case "<<<":
            current.input = .text(targetText + "\n")
        case "<", "0<":
            current.input = .file(targetText)
        default:
            remark("redirection \(written) \(targetText) is not carried out", at: start)
        }
    }

    /// The bodies of the here-documents opened on the line just ended, read line by line up to
    /// their delimiters (or the end of the text, as bash does with a warning).
    mutating func readHereDocuments() {
        let pending = pendingHereDocuments
        pendingHereDocuments = []
        for document in pending {
            var body: [UInt8] = []
            while index < bytes.count {
                var lineBytes = readLine()
                if document.stripsTabs { lineBytes = Array(lineBytes.drop { $0 == Ascii.tab }) }
                let bare = lineBytes.last == Ascii.carriageReturn ? Array(lineBytes.dropLast()) : lineBytes
                if bare == document.delimiter { break }
                body += lineBytes + [Ascii.newline]
            }
            guard document.commandIndex < commands.count else { continue }
            commands[document.commandIndex].input = .text(String(decoding: body, as: UTF8.self))
            if document.expands, body.contains(Ascii.dollar) || body.contains(Ascii.backtick) {
                commands[document.commandIndex].remarks.append(
                    ShellRemark(position: document.position, message: "expansions in the here-document are not carried out"))
            }
        }
    }

    /// The rest of the current line, without its newline, which is consumed.
    private mutating func readLine() -> [UInt8] {
        var lineBytes: [UInt8] = []
        while let byte = peek(), byte != Ascii.newline {
            lineBytes.append(byte)
            advance()
        }
        advance()
        return lineBytes
    }
}
