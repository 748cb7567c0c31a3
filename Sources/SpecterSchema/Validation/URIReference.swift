/// RFC 3986 URI references, parsed and resolved as strings.
///
/// Schema identifiers include forms Foundation's `URL` handles poorly (`urn:uuid:…` bases,
/// `tag:` URIs, fragments with arbitrary text), and resolution must follow RFC 3986 §5.2 exactly.
struct URIReference: Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(_ text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           let first = rest.first, first.isLetter {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    var text: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// The reference without its fragment: the resource it names.
    var withoutFragment: String {
        var copy = self
        copy.fragment = nil
        return copy.text
    }

    /// `reference` resolved against `base` (RFC 3986 §5.2.2).
    static func resolve(_ reference: String, against base: String) -> URIReference {
        let relative = URIReference(reference)
        let base = URIReference(base)
        var target = URIReference("")
        if relative.scheme != nil {
            target = relative
            target.path = removeDotSegments(relative.path)
            return target
        }
        target.scheme = base.scheme
        if relative.authority != nil {
            target.authority = relative.authority
            target.path = removeDotSegments(relative.path)
            target.query = relative.query
        } else {
            target.authority = base.authority
            if relative.path.isEmpty {
                target.path = base.path
                target.query = relative.query ?? base.query
            } else {
                if relative.path.hasPrefix("/") {
                    target.path = removeDotSegments(relative.path)
                } else {
                    target.path = removeDotSegments(merge(base: base, relativePath: relative.path))
                }
                target.query = relative.query
            }
        }
        target.fragment = relative.fragment
        return target
    }

    private static func merge(base: URIReference, relativePath: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + relativePath }
        guard let slash = base.path.lastIndex(of: "/") else { return relativePath }
        return String(base.path[...slash]) + relativePath
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if path.hasPrefix("/") && !result.hasPrefix("/") { result = "/" + result }
        return result
    }
}
