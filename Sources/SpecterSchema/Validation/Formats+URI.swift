/// `uri`, `uri-reference`, `iri` and `iri-reference` (RFC 3986 / 3987), judged on the UTF-8 bytes in
/// one pass: these run on every link of every response, so they parse nothing into strings.
extension Formats {
    static func isURI(_ text: String, requireScheme: Bool, international: Bool) -> Bool {
        utf8(text) { bytes in
            guard let nonASCII = charactersAllowed(bytes, international: international) else { return false }
            if nonASCII, text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return false }
            return hasValidParts(bytes, requireScheme: requireScheme)
        }
    }

    /// Whether every byte may appear in a URI (or, internationally, is part of a non-ASCII scalar) and
    /// every `%` starts an escape; and whether any byte was non-ASCII. `nil` when one may not.
    private static func charactersAllowed(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> Bool? {
        var nonASCII = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return nil }
                index += 3
                continue
            }
            if byte >= 0x80 {
                guard international else { return nil }
                nonASCII = true
            } else if !URICharacters.allowed(byte) {
                return nil
            }
            index += 1
        }
        return nonASCII
    }

    /// Scheme, authority, path and fragment as RFC 3986 splits them.
    private static func hasValidParts(_ bytes: UnsafeBufferPointer<UInt8>, requireScheme: Bool) -> Bool {
        let fragmentStart = bytes.firstIndex(of: UInt8(ascii: "#"))
        let beforeFragment = fragmentStart ?? bytes.count
        if let fragmentStart, bytes[(fragmentStart + 1)...].contains(UInt8(ascii: "#")) { return false }
        let end = bytes[..<beforeFragment].firstIndex(of: UInt8(ascii: "?")) ?? beforeFragment
        var start = 0
        if let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")) {
            if isScheme(bytes[..<colon]) {
                start = colon + 1
            } else if !bytes[..<colon].contains(where: { $0 == UInt8(ascii: "/") }) {
                // `a b:c` or `1:x`: a colon in the first segment of a reference without a scheme.
                return false
            }
        }
        if start == 0 && requireScheme { return false }
        var pathStart = start
        if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            let authorityStart = start + 2
            pathStart = bytes[authorityStart..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            guard isAuthority(bytes[authorityStart..<pathStart]) else { return false }
        }
        return !bytes[pathStart..<end].contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }
    }

    /// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    private static func isScheme(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = bytes.first, URICharacters.isLetter(first) else { return false }
        return bytes.allSatisfy { URICharacters.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// `[userinfo@]host[:port]`, where an IP literal in brackets must be a valid IPv6 (or IPvFuture) address.
    private static func isAuthority(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var hostStart = bytes.startIndex
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            let userinfo = bytes[..<at]
            guard !bytes[(at + 1)...].contains(UInt8(ascii: "@")),
                  !userinfo.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return false }
            hostStart = at + 1
        }
        let host = bytes[hostStart...]
        var port = host[host.endIndex...]
        if host.first == UInt8(ascii: "[") {
            guard let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = String(decoding: host[(hostStart + 1)..<close], as: UTF8.self)
            let isFuture = literal.lowercased().hasPrefix("v") && literal.contains(".")
            guard isFuture || isIPv6(literal) else { return false }
            let after = host[(close + 1)...]
            guard after.isEmpty || after.first == UInt8(ascii: ":") else { return false }
            port = after.dropFirst()
        } else {
            guard !host.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return false }
            if let colon = host.firstIndex(of: UInt8(ascii: ":")) {
                port = host[(colon + 1)...]
                guard !port.contains(UInt8(ascii: ":")) else { return false }
            }
        }
        return port.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// The ASCII characters a URI may contain, as a bitmap.
private enum URICharacters {
    static let bits: (UInt64, UInt64) = {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        return (low, high)
    }()

    static func allowed(_ byte: UInt8) -> Bool {
        byte < 64 ? bits.0 & (1 << UInt64(byte)) != 0 : bits.1 & (1 << UInt64(byte - 64)) != 0
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
