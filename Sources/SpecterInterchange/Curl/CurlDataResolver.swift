import SpecterJSON

/// Turns the data options into the bytes curl sends: `@file` read (line ends removed for `-d`),
/// `--data-urlencode` encoded, the pieces joined with `&` (`--json` pieces follow one another).
extension CurlFileReader {
    mutating func joinedData(_ arguments: [CurlInvocation.DataArgument]) -> String {
        var joined = ""
        for (offset, data) in arguments.enumerated() {
            guard let piece = piece(data) else { continue }
            if offset > 0, data.kind != .json || arguments[offset - 1].kind != .json { joined += "&" }
            joined += piece
        }
        return joined
    }

    /// The file a data argument sends as it is (`--data-binary @file`, `--json @file`), to be read
    /// when the request is sent rather than now.
    static func fileSentAsIs(_ data: CurlInvocation.DataArgument) -> String? {
        guard data.kind == .binary || data.kind == .json, data.argument.text.hasPrefix("@"), data.argument.text != "@-" else { return nil }
        return String(data.argument.text.dropFirst())
    }

    private mutating func piece(_ data: CurlInvocation.DataArgument) -> String? {
        let text = data.argument.text
        let position = data.argument.position
        switch data.kind {
        case .raw:
            return text
        case .ascii:
            guard text.hasPrefix("@") else { return text }
            return self.text(of: String(text.dropFirst()), at: position).map { $0.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" } }
        case .binary, .json:
            return text.hasPrefix("@") ? self.text(of: String(text.dropFirst()), at: position) : text
        case .urlEncoded:
            return urlEncodedPiece(text, at: position)
        }
    }

    /// `content`, `=content`, `name=content`, `@file` or `name@file`, the content encoded and the
    /// name sent as written.
    mutating func urlEncodedPiece(_ text: String, at position: TextPosition) -> String? {
        if let equals = text.firstIndex(of: "=") {
            let name = text[..<equals]
            let content = CurlURLEncoding.encode(String(text[text.index(after: equals)...]))
            return name.isEmpty ? content : name + "=" + content
        }
        guard let at = text.firstIndex(of: "@") else { return CurlURLEncoding.encode(text) }
        let name = text[..<at]
        guard let content = self.text(of: String(text[text.index(after: at)...]), at: position) else { return nil }
        return name.isEmpty ? CurlURLEncoding.encode(content) : name + "=" + CurlURLEncoding.encode(content)
    }
}
