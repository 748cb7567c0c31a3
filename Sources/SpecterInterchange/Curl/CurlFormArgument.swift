/// One `-F name=content` argument as curl's form parser reads it: `@file` (a file part), `<file`
/// (a text part read from a file) or text, each optionally `"quoted"`, followed by `;type=`,
/// `;filename=`, `;headers=` or `;encoder=` parameters.
struct CurlFormArgument: Equatable {
    enum Source: Equatable {
        case text(String)
        case attachedFile(String)
        case textFromFile(String)
    }

    var name: String
    var source: Source
    var mediaType: String?
    var filename: String?
    /// What was written that the part does not carry (extra headers, an encoder, a file list).
    var ignored: [String] = []

    /// Nil when the argument has no `name=`.
    init?(_ text: String, isLiteral: Bool) {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        name = String(text[..<equals])
        let content = Array(text.utf8)[(text.utf8.distance(from: text.utf8.startIndex, to: equals) + 1)...]
        if isLiteral {
            source = .text(String(decoding: content, as: UTF8.self))
            return
        }
        var scanner = FormScanner(bytes: Array(content))
        switch scanner.bytes.first {
        case UInt8(ascii: "@"):
            scanner.index = 1
            source = .attachedFile(scanner.word(stoppingAtComma: true))
        case Ascii.less:
            scanner.index = 1
            source = .textFromFile(scanner.word(stoppingAtComma: false))
        default:
            source = .text(scanner.word(stoppingAtComma: false))
        }
        readParameters(&scanner, isFile: isAttachedFile)
    }

    var isAttachedFile: Bool {
        if case .attachedFile = source { true } else { false }
    }

    private mutating func readParameters(_ scanner: inout FormScanner, isFile: Bool) {
        while scanner.index < scanner.bytes.count {
            if scanner.bytes[scanner.index] == UInt8(ascii: ",") {
                ignored.append("more than one file in one field (sent by curl as multipart/mixed); only the first is kept")
                return
            }
            scanner.index += 1
            scanner.skipSpaces()
            let rest = scanner.rest
            if rest.hasPrefix("type=") {
                scanner.index += 5
                mediaType = scanner.mediaType(stoppingAtComma: isFile)
            } else if rest.hasPrefix("filename=") {
                scanner.index += 9
                filename = scanner.word(stoppingAtComma: isFile)
            } else if !rest.isEmpty {
                let parameter = scanner.word(stoppingAtComma: isFile)
                ignored.append("form parameter \(parameter) is not carried over")
            }
        }
    }
}

/// Reads the words of a form argument: a `"quoted"` word (`\\` and `\"` escaped) or the text up
/// to the next `;` (or `,` in a file list).
private struct FormScanner {
    let bytes: [UInt8]
    var index = 0

    var rest: String { String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self) }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == Ascii.space || bytes[index] == Ascii.tab {
            index += 1
        }
    }

    mutating func word(stoppingAtComma: Bool) -> String {
        if index < bytes.count, bytes[index] == Ascii.doubleQuote, let quoted = quotedWord() {
            skipToSeparator(stoppingAtComma: stoppingAtComma)
            return quoted
        }
        let start = index
        skipToSeparator(stoppingAtComma: stoppingAtComma)
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A media type with its own `; parameter=value` pairs, up to a `;` that starts a form parameter.
    mutating func mediaType(stoppingAtComma: Bool) -> String {
        let start = index
        skipToSeparator(stoppingAtComma: stoppingAtComma)
        while index < bytes.count, bytes[index] == Ascii.semicolon, !startsFormParameter(after: index) {
            index += 1
            skipToSeparator(stoppingAtComma: stoppingAtComma)
        }
        return String(decoding: bytes[start..<index], as: UTF8.self).trimmed(of: " \t")
    }

    private func startsFormParameter(after semicolon: Int) -> Bool {
        var probe = semicolon + 1
        while probe < bytes.count, bytes[probe] == Ascii.space || bytes[probe] == Ascii.tab {
            probe += 1
        }
        let rest = String(decoding: bytes[probe...], as: UTF8.self)
        return ["type=", "filename=", "headers=", "encoder="].contains { rest.hasPrefix($0) }
    }

    private mutating func skipToSeparator(stoppingAtComma: Bool) {
        while index < bytes.count, bytes[index] != Ascii.semicolon, !(stoppingAtComma && bytes[index] == UInt8(ascii: ",")) {
            index += 1
        }
    }

    /// The quoted word from the `"` at `index`; nil (nothing consumed) when it is never closed.
    private mutating func quotedWord() -> String? {
        var probe = index + 1
        var word: [UInt8] = []
        while probe < bytes.count {
            let byte = bytes[probe]
            if byte == Ascii.doubleQuote {
                index = probe + 1
                return String(decoding: word, as: UTF8.self)
            }
            if byte == Ascii.backslash, probe + 1 < bytes.count, bytes[probe + 1] == Ascii.backslash || bytes[probe + 1] == Ascii.doubleQuote {
                probe += 1
            }
            word.append(bytes[probe])
            probe += 1
        }
        return nil
    }
}
