/// A position in a query's Unicode scalars, with the helpers every part of the parser shares:
/// looking ahead, RFC 9535 blank space, and errors that name the place and what was expected.
struct JSONPathScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    var isAtEnd: Bool { index >= scalars.count }

    var peek: Unicode.Scalar? { peek(at: 0) }

    func peek(at distance: Int) -> Unicode.Scalar? {
        let position = index + distance
        return position < scalars.count ? scalars[position] : nil
    }

    mutating func advance(_ count: Int = 1) {
        index = min(index + count, scalars.count)
    }

    /// Whether the text at the position starts with `literal`.
    func next(is literal: String) -> Bool {
        var distance = 0
        for scalar in literal.unicodeScalars {
            guard peek(at: distance) == scalar else { return false }
            distance += 1
        }
        return true
    }

    /// Consumes `literal` if the text at the position starts with it.
    mutating func accept(_ literal: String) -> Bool {
        guard next(is: literal) else { return false }
        advance(literal.unicodeScalars.count)
        return true
    }

    /// Skips RFC 9535 blank space (`S`): space, tab, line feed, carriage return.
    mutating func skipBlank() {
        while let scalar = peek, Self.isBlank(scalar) { advance() }
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    /// The query text between two offsets, shortened for a message.
    func text(from start: Int, to end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        return String(view).abbreviated(to: 40)
    }
}

// MARK: - Errors

extension JSONPathScanner {
    func error(_ message: String, at offset: Int? = nil, kind: JSONPathError.Kind = .syntax) -> JSONPathError {
        let place = min(offset ?? index, scalars.count)
        return JSONPathError(kind: kind, message: message, offset: place, position: position(of: place))
    }

    /// `unexpected ']', expected a selector`, about the scalar at the position.
    func unexpected(expected: String) -> JSONPathError {
        error("unexpected \(Self.describe(peek)), expected \(expected)")
    }

    func position(of offset: Int) -> TextPosition {
        var line = 1, lineStart = 0
        for position in 0..<offset where scalars[position] == "\n" {
            line += 1
            lineStart = position + 1
        }
        return TextPosition(line: line, column: offset - lineStart + 1)
    }

    /// A scalar as a message names it: `'x'`, `blank space`, `U+0007`, `end of the query`.
    static func describe(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "end of the query" }
        switch scalar {
        case " ": return "blank space"
        case "\t": return "tab"
        case "\n": return "line break"
        case "\r": return "carriage return"
        default: break
        }
        if isPrintable(scalar) { return "'\(scalar)'" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return false
        default: return !scalar.properties.isWhitespace
        }
    }
}
