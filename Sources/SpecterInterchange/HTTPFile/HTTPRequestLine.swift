/// `[METHOD] TARGET [HTTP/VERSION]`, the first line of a request. The method may be left out (GET),
/// and the target may hold placeholders with spaces in them (`{{$randomInt 1 10}}`).
struct HTTPRequestLine: Sendable, Equatable {
    var method: String
    var target: String
    var version: String?

    /// The methods of the JetBrains format, with its GRAPHQL and WEBSOCKET requests.
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "PATCH", "OPTIONS", "TRACE", "GRAPHQL", "WEBSOCKET"]

    /// The request line a text reads as, if any. `strict` accepts only a known method in upper case
    /// and a target that looks like a URL: it decides whether a line in a body starts a new request
    /// (files without `###`), so it must not take a body's text for one.
    static func parse(_ text: String, strict: Bool) -> HTTPRequestLine? {
        var words = HTTPWords.split(text)[...]
        guard let first = words.first else { return nil }
        var version: String?
        if words.count >= 2, let last = words.last, isVersion(last) {
            version = String(last)
            words.removeLast()
        }
        var method: String?
        if words.count == 2 {
            let upper = first.uppercased()
            let isMethod = strict ? knownMethods.contains(String(first)) : knownMethods.contains(upper) || first.allSatisfy { ("A"..."Z").contains($0) }
            guard isMethod else { return nil }
            method = upper
            words.removeFirst()
        }
        guard words.count == 1, let target = words.first, method != nil || !strict, looksLikeURL(target) else { return nil }
        return HTTPRequestLine(method: method ?? "GET", target: String(target), version: version)
    }

    static func isVersion(_ word: Substring) -> Bool {
        guard word.hasPrefix("HTTP/") else { return false }
        let number = word.dropFirst(5).split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(number.count) && number.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// A path, `*`, a placeholder, a URL with a scheme, or a host name with a dot or a port.
    static func looksLikeURL(_ target: Substring) -> Bool {
        if target.hasPrefix("/") || target == "*" || target.hasPrefix("{{") || target.contains("://") { return true }
        let host = target.prefix { !"/?#".contains($0) }
        let hostCharacters = host.allSatisfy { $0.isLetter || $0.isNumber || "-.:[]@_".contains($0) }
        return hostCharacters && (host.contains(".") || host.contains(":") || host == "localhost")
    }
}

/// Splitting at white space, except inside `{{ … }}` placeholders.
enum HTTPWords {
    static func split(_ text: String) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix("{{") {
                depth += 1
                start = start ?? index
                index = text.index(index, offsetBy: 2)
                continue
            }
            if rest.hasPrefix("}}"), depth > 0 {
                depth -= 1
                index = text.index(index, offsetBy: 2)
                continue
            }
            if text[index].isHTTPWhitespace && depth == 0 {
                if let begun = start { words.append(text[begun..<index]) }
                start = nil
            } else {
                start = start ?? index
            }
            index = text.index(after: index)
        }
        if let begun = start { words.append(text[begun...]) }
        return words
    }
}
