/// The built-in placeholders of the `.http` tools in Specter's spelling and back. Specter has
/// `{{$uuid}}`, `{{$timestamp}}`, `{{$isoTimestamp}}`, `{{$randomInt MIN MAX}}` (both ends included)
/// and `{{$env NAME}}`; a tool's built-in that means exactly one of these is rewritten, any other is
/// kept as written and named in a note.
enum HTTPDynamicVariables {
    /// The text in Specter's spelling, and the placeholders that have no Specter equivalent.
    static func toSpecter(_ text: String) -> (text: String, unsupported: [String]) {
        var unsupported: [String] = []
        let rewritten = rewritePlaceholders(in: text) { inner in
            if let specter = specterSpelling(of: inner) { return specter == inner ? nil : specter }
            if inner.hasPrefix("$") { unsupported.append("{{\(inner)}}") }
            return nil
        }
        return (rewritten, unsupported)
    }

    /// The text in the JetBrains spelling (`{{$random.integer(1, 11)}}` for `{{$randomInt 1 10}}`;
    /// `{{$processEnv NAME}}`, which REST Client, httpyac and kulala read, for `{{$env NAME}}`).
    static func toJetBrains(_ text: String) -> String {
        rewritePlaceholders(in: text) { inner in
            let words = inner.split(separator: " ")
            if words.count == 3, words[0] == "$randomInt", let low = Int(words[1]), let high = Int(words[2]), low <= high, high < Int.max { return "$random.integer(\(low), \(high + 1))" }
            if words.count == 2, words[0] == "$env" { return "$processEnv \(words[1])" }
            return nil
        }
    }

    /// Specter's spelling of a tool's built-in (itself when it is Specter's already), when one means exactly the same.
    private static func specterSpelling(of inner: String) -> String? {
        let words = inner.split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case ("$uuid"?, 1), ("$timestamp"?, 1), ("$isoTimestamp"?, 1): return inner
        case ("$env"?, 2): return inner
        case ("$guid"?, 1), ("$random.uuid"?, 1): return "$uuid"
        case ("$datetime"?, 2) where words[1] == "iso8601": return "$isoTimestamp"
        case ("$processEnv"?, 2) where !words[1].hasPrefix("%"): return "$env \(words[1])"
        case ("$randomInt"?, 3):  // REST Client: the upper bound is excluded
            guard let low = Int(words[1]), let high = Int(words[2]), low < high else { return nil }
            return "$randomInt \(low) \(high - 1)"
        default:
            return jetBrainsRandomInteger(inner) ?? processEnvironment(inner)
        }
    }

    /// JetBrains `$random.integer(from, to)`, `to` excluded.
    private static func jetBrainsRandomInteger(_ inner: String) -> String? {
        guard inner.hasPrefix("$random.integer("), inner.hasSuffix(")") else { return nil }
        let bounds = inner.dropFirst("$random.integer(".count).dropLast().split(separator: ",").map { Int($0.trimmingHTTPWhitespace()) }
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low < high else { return nil }
        return "$randomInt \(low) \(high - 1)"
    }

    /// httpyac's JavaScript `{{process.env.NAME}}`.
    private static func processEnvironment(_ inner: String) -> String? {
        guard inner.hasPrefix("process.env.") else { return nil }
        let name = inner.dropFirst("process.env.".count)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return "$env \(name)"
    }

    /// Each `{{inner}}` passed to `rewrite` (trimmed); a new inner text replaces it, nil keeps it as written.
    static func rewritePlaceholders(in text: String, _ rewrite: (String) -> String?) -> String {
        replacePlaceholders(in: text) { inner in rewrite(inner).map { "{{\($0)}}" } }
    }

    /// Each `{{inner}}` passed to `replace` (trimmed); the text it returns stands for the whole placeholder, nil keeps it.
    static func replacePlaceholders(in text: String, _ replace: (String) -> String?) -> String {
        guard text.contains("{{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            result += replace(rest[open.upperBound..<close.lowerBound].trimmingHTTPWhitespace()) ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
