/// Variables inside the strings of a JSON body, in a curl script: Specter escapes a value it puts
/// there (`"`, `\`, line breaks), so the script does too. It makes `NAME_json=$(json_text "$NAME")`
/// once for each such variable and uses `${NAME_json}` inside the JSON strings; the plain `${NAME}`
/// stays everywhere else. `CurlImport` reads both lines back, so `{{NAME}}` returns to the body.
struct CurlJSONText {
    /// The shell function that escapes a value for a JSON string: `\` and `"` escaped, tabs, carriage
    /// returns and line breaks written as `\t`, `\r` and `\n` (POSIX `sed` and `awk` only).
    static let function = #"json_text() { printf '%s\n' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$(printf '\t')/\\\\t/g" "#
        + #"-e "s/$(printf '\r')/\\\\r/g" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'; }"#

    /// The escaped variable's name for each placeholder written inside a JSON string (`pet_name` →
    /// `pet_name_json`; `$env TOKEN` → `TOKEN_json`), and the shell expansion it escapes.
    private(set) var escaped: [(placeholder: String, identifier: String, source: String)] = []

    /// `body` with every `{{name}}` inside a JSON string (a key's or a value's) replaced by
    /// `{{NAME_json}}`; built-ins that make a value (`$uuid`, `$timestamp` …) stay, as nothing in
    /// them needs escaping. `taken` holds the script's other shell names, which an escaped one avoids.
    mutating func rewriting(_ body: String, avoiding taken: Set<String>) -> String {
        var result = ""
        var inString = false
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if inString, body[index...].hasPrefix("{{"), let close = body[index...].range(of: "}}"),
               let identifier = identifier(for: String(body[body.index(index, offsetBy: 2)..<close.lowerBound]), avoiding: taken) {
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

    /// The lines that make the escaped variables, after the ones that give the plain ones their values.
    var assignments: String {
        escaped.map { "\($0.identifier)=$(json_text \"\($0.source)\")\n" }.joined()
    }

    private mutating func identifier(for placeholder: String, avoiding taken: Set<String>) -> String? {
        let name = placeholder.trimmingCharacters(in: .whitespaces)
        if let known = escaped.first(where: { $0.placeholder == name }) { return known.identifier }
        let words = name.split(separator: " ").map(String.init)
        let source: String
        switch words.first {
        case "$env"? where words.count == 2: source = "${" + CurlScript.shellName(words[1]) + "}"
        case let first? where first.hasPrefix("$"): return nil
        default: source = "${" + CurlScript.shellName(name) + "}"
        }
        var identifier = String(source.dropFirst(2).dropLast()) + "_json"
        while taken.contains(identifier) || escaped.contains(where: { $0.identifier == identifier }) { identifier += "_" }
        escaped.append((name, identifier, source))
        return identifier
    }
}
