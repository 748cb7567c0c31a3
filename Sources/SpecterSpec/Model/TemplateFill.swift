/// `{name}` in a path or server URL template replaced by its value, in one pass: a value that holds
/// `{other}` itself is not filled again, and a name without a value stays as written.
public enum TemplateFill {
    public static func fill(_ template: String, with values: [String: String]) -> String {
        guard !values.isEmpty else { return template }
        var filled = ""
        var rest = Substring(template)
        while var open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
              let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            // A name holds no brace: in `{{id}}` or `{a{id}` the name is `id`.
            if let inner = rest.utf8[..<close].lastIndex(of: UInt8(ascii: "{")) { open = inner }
            filled += rest[..<open]
            let name = rest[rest.utf8.index(after: open)..<close]
            let afterClose = rest.utf8.index(after: close)
            if let value = values[String(name)] {
                filled += value
            } else {
                filled += rest[open..<afterClose]
            }
            rest = rest[afterClose...]
        }
        filled += rest
        return filled
    }
}
