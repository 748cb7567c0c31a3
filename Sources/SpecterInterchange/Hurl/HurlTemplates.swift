/// Specter's built-in placeholders in Hurl's terms and back. Hurl templates name variables made of
/// letters, digits and `_`, and two functions: `{{newUuid}}` and `{{newDate}}` (an RFC 3339 instant).
enum HurlTemplates {
    /// A written entry with each built-in made what Hurl reads: `{{$uuid}}` → `{{newUuid}}`,
    /// `{{$isoTimestamp}}` → `{{newDate}}`, `{{$env NAME}}` → `{{NAME}}` (Hurl takes it from `HURL_NAME`
    /// or `--variable`); what Hurl has no function for becomes a variable, with a note.
    static func exported(_ entry: String, notes: inout [String]) -> String {
        var result = ""
        var rest = Substring(entry)
        while let first = rest.range(of: "{{"), let close = rest[first.upperBound...].range(of: "}}") {
            // The `{{` nearest the `}}`: a stray one before it is text.
            let open = rest[..<close.lowerBound].range(of: "{{", options: .backwards) ?? first
            result += rest[..<open.lowerBound]
            let inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inside.hasPrefix("$") {
                result += "{{" + hurlName(inside.dropFirst().split(separator: " ").map(String.init), notes: &notes) + "}}"
            } else {
                result += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Hurl's functions as Specter's built-ins (`newUuid` → `$uuid`); any other name unchanged.
    static func imported(_ name: String) -> String {
        switch name {
        case "newUuid": return "$uuid"
        case "newDate": return "$isoTimestamp"
        default: return name
        }
    }

    private static func hurlName(_ words: [String], notes: inout [String]) -> String {
        switch words.first {
        case "uuid"?: return "newUuid"
        case "isoTimestamp"?: return "newDate"
        case "env"? where words.count == 2:
            let name = CurlScript.shellName(words[1])
            let note = "{{$env \(words[1])}} is written {{\(name)}}: give it to hurl with --variable \(name)=… (or HURL_VARIABLE_\(name) in its environment)"
            if !notes.contains(note) { notes.append(note) }
            return name
        default:
            let name = CurlScript.shellName(words.joined(separator: "_"))
            let note = "{{$\(words.joined(separator: " "))}} has no Hurl function: it is written {{\(name)}}, to be passed with --variable \(name)=…"
            if !notes.contains(note) { notes.append(note) }
            return name
        }
    }
}
