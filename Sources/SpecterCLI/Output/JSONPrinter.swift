import SpecterJSON
import SpecterText

/// Pretty JSON for the terminal with syntax colours (only when colour is on), every string sanitised.
struct JSONPrinter {
    let style: TextStyle

    func pretty(_ value: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch value {
        case .null: return style.apply(.jsonLiteral, "null")
        case .bool(let flag): return style.apply(.jsonLiteral, flag ? "true" : "false")
        case .int, .double: return style.apply(.jsonNumber, value.description)
        case .string: return style.apply(.jsonString, TextStyle.safe(JSONWriter.compact.string(value)))
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + pretty($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let object):
            guard !object.isEmpty else { return "{}" }
            return "{\n" + object.members.map { member in
                inner + style.apply(.jsonKey, TextStyle.safe(JSONWriter.compact.string(.string(member.key)))) + ": " + pretty(member.value, indent: indent + 1)
            }.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }
}
