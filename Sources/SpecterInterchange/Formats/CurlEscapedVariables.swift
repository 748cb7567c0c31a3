/// Variables a curl script must escape or check before it uses them, because Specter does with the
/// value it fills in there: inside a string of a JSON body (`"`, `\`, control characters escaped), in a
/// path or query parameter's value (percent-encoding all but unreserved characters), and in a header
/// (a line break refused: it would start another header). The script makes
/// `NAME_json=$(json_text "${NAME}")` (or `url_text`, `header_text`) once for each and uses that in
/// those places; the plain `${NAME}` stays everywhere else. `CurlImport` reads these lines back, so
/// `{{NAME}}` returns to the request.
struct CurlEscapedVariables {
    enum Kind: String, CaseIterable {
        case json, url, header

        /// The shell function (POSIX `awk` and `od` only) that escapes a value as Specter does.
        var function: String {
            switch self {
            case .json:
                // `\` and `"` escaped; backspace, tab, form feed, carriage return and line break as `\b`,
                // `\t`, `\f`, `\r`, `\n`; other control characters `\u00xx`; the rest as it is.
                return #"json_text() { printf '%s\n' "$1" | awk 'BEGIN { for (i = 1; i < 32; i++) e[sprintf("%c", i)] = sprintf("\\u%04x", i); "#
                    + #"e["\b"] = "\\b"; e["\t"] = "\\t"; e["\f"] = "\\f"; e["\r"] = "\\r"; e["\\"] = "\\\\"; e["\""] = "\\\"" } "#
                    + #"{ o = ""; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); o = o ((c in e) ? e[c] : c) } printf "%s%s", (NR > 1 ? "\\n" : ""), o }'; }"#
            case .url:
                // Every byte but the unreserved `A-Z a-z 0-9 - . _ ~` as `%XX`.
                return #"url_text() { printf '%s' "$1" | od -An -v -tx1 | awk '{ for (i = 1; i <= NF; i++) { h = $i; "#
                    + #"n = index("0123456789abcdef", substr(h, 1, 1)) * 16 + index("0123456789abcdef", substr(h, 2, 1)) - 17; "#
                    + #"if ((n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || n == 45 || n == 46 || n == 95 || n == 126) printf "%c", n; "#
                    + #"else printf "%%%s", toupper(h) } }'; }"#
            case .header:
                // The value as it is, or, holding a line break, nothing and a failure (`set -e` stops the script).
                return #"header_text() { specter_nl=$(printf '\n.'); specter_nl=${specter_nl%.}; "#
                    + #"case $1 in *"$specter_nl"*|*"$(printf '\r')"*) echo "a header value cannot contain a line break" >&2; return 1;; esac; printf '%s' "$1"; }"#
            }
        }
    }

    struct Escaped {
        var placeholder: String
        var kind: Kind
        var identifier: String
        /// The shell expansion it escapes (`${pet_name}`).
        var source: String
    }

    private(set) var escaped: [Escaped] = []
    /// The shell names of the script's variables, which an escaped one keeps clear of.
    let names: CurlShellNames
    /// The environment variables the script reads (`{{$env NAME}}`), by their shell names.
    let environment: Set<String>

    /// `body` with every `{{name}}` inside a JSON string (a key's or a value's) replaced by `{{NAME_json}}`;
    /// built-ins that make a value (`$uuid`, `$timestamp` …) stay, as nothing in them needs escaping.
    mutating func rewritingJSON(_ body: String) -> String {
        var result = ""
        var inString = false
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if inString, body[index...].hasPrefix("{{"), let close = body[index...].range(of: "}}"),
               let identifier = identifier(for: String(body[body.index(index, offsetBy: 2)..<close.lowerBound]), kind: .json) {
                result += "{{" + identifier + "}}"
                index = close.upperBound
                continue
            }
            result.append(character)
            if inString, character == "\\", body.index(after: index) < body.endIndex {
                index = body.index(after: index)
                result.append(body[index])
            } else if character == "\"" {
                inString.toggle()
            }
            index = body.index(after: index)
        }
        return result
    }

    /// `url` with each of `encoded` (the placeholders Specter percent-encodes there) after its first
    /// `serverLength` characters replaced by `{{NAME_url}}`; the server's own placeholders stay.
    mutating func rewritingURL(_ url: String, encoded: Set<String>, serverLength: Int) -> String {
        let split = url.index(url.startIndex, offsetBy: min(max(0, serverLength), url.count))
        var rest = String(url[split...])
        for placeholder in encoded.sorted() {
            guard let identifier = identifier(for: placeholder, kind: .url) else { continue }
            rest = rest.replacingOccurrences(of: "{{" + placeholder + "}}", with: "{{" + identifier + "}}")
        }
        return url[..<split] + rest
    }

    /// A header's `value` with each variable replaced by `{{NAME_header}}`.
    mutating func rewritingHeader(_ value: String) -> String {
        HTTPDynamicVariables.rewritePlaceholders(in: value) { identifier(for: $0, kind: .header) }
    }

    /// The functions used and the lines that make the escaped variables, after the ones that give the
    /// plain ones their values.
    var definitions: String {
        Kind.allCases.filter { kind in escaped.contains { $0.kind == kind } }.map { $0.function + "\n" }.joined()
            + escaped.map { "\($0.identifier)=$(\($0.kind.rawValue)_text \"\($0.source)\")\n" }.joined()
    }

    private mutating func identifier(for placeholder: String, kind: Kind) -> String? {
        let name = placeholder.trimmingCharacters(in: .whitespaces)
        if let known = escaped.first(where: { $0.placeholder == name && $0.kind == kind }) { return known.identifier }
        let words = name.split(separator: " ").map(String.init)
        let source: String
        switch words.first {
        case "$env"? where words.count == 2: source = "${" + CurlScript.shellName(words[1]) + "}"
        case let first? where first.hasPrefix("$"): return nil
        default: source = "${" + names.identifier(for: name) + "}"
        }
        var identifier = String(source.dropFirst(2).dropLast()) + "_" + kind.rawValue
        while names.taken.contains(identifier) || environment.contains(identifier) || escaped.contains(where: { $0.identifier == identifier }) { identifier += "_" }
        escaped.append(Escaped(placeholder: name, kind: kind, identifier: identifier, source: source))
        return identifier
    }
}
