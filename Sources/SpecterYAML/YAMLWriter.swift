import SpecterJSON

/// Writes JSON values as YAML people commit: block style, two-space indents, keys in the order the
/// value holds them, and quotes only where a plain scalar would read back as something else (in
/// YAML 1.2, and in the YAML 1.1 readers still around: `yes`, `on`, `2024-01-01`). The same value
/// always gives the same bytes, so an unchanged file saves unchanged and a changed field is a
/// one-line diff. Strings with line breaks are literal blocks (`|`).
public enum YAMLWriter {
    public static func string(_ value: JSONValue) -> String {
        var output = ""
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMapping(object, indent: 0, into: &output)
        case .array(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, into: &output)
        default:
            // A literal block at the top still needs its lines indented.
            output += inline(value, indent: 2) + "\n"
        }
        return output
    }

    private static func writeMapping(_ object: JSONObject, indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for member in object.members {
            output += pad + key(member.key) + ":"
            writeValue(member.value, indent: indent, into: &output)
        }
    }

    private static func writeSequence(_ items: [JSONValue], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            output += pad + "-"
            switch item {
            case .object(let object) where !object.isEmpty:
                // The first member on the dash's line, the others under it.
                var first = ""
                writeMapping(object, indent: indent + 2, into: &first)
                output += " " + first.dropFirst(indent + 2)
            case .array(let nested) where !nested.isEmpty:
                output += "\n"
                writeSequence(nested, indent: indent + 2, into: &output)
            default:
                output += " " + inline(item, indent: indent + 2) + "\n"
            }
        }
    }

    /// A value after `key:` — on the same line when it is a scalar, below it (indented) otherwise.
    private static func writeValue(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let object) where !object.isEmpty:
            output += "\n"
            writeMapping(object, indent: indent + 2, into: &output)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            writeSequence(items, indent: indent + 2, into: &output)
        default:
            output += " " + inline(value, indent: indent + 2) + "\n"
        }
    }

    /// A scalar (or an empty collection) as it stands on one line, or a literal block.
    private static func inline(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return JSONWriter.format(number)
        case .string(let text): return scalar(text, indent: indent)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    private static func key(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    private static func scalar(_ text: String, indent: Int) -> String {
        if isPlainSafe(text) { return text }
        if let block = literalBlock(text, indent: indent) { return block }
        return quoted(text)
    }

    /// `|` (or `|-` without a final line break) with the lines indented, when the text is lines of
    /// printable characters; `nil` when a block could not hold it exactly.
    private static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n"), !text.hasSuffix("\n\n"), !text.hasPrefix(" "), !text.hasPrefix("\n") else { return nil }
        guard text.unicodeScalars.allSatisfy({ $0 == "\n" || isPrintable($0) }) else { return nil }
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.allSatisfy({ !$0.hasSuffix(" ") }) else { return nil }
        let pad = String(repeating: " ", count: indent)
        return (text.hasSuffix("\n") ? "|" : "|-") + lines.map { $0.isEmpty ? "\n" : "\n" + pad + $0 }.joined()
    }

    /// Single quotes when the text is printable on one line; double quotes with escapes otherwise.
    private static func quoted(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isPrintable) { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += scalar.value <= 0xFFFF ? "\\u" + hex(scalar.value, 4) : "\\U" + hex(scalar.value, 8)
                }
            }
        }
        return output + "\""
    }

    private static func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Characters a YAML file may hold as they are (and that cannot turn a terminal or a reader).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            // Bidirectional overrides and isolates, line and paragraph separators, the BOM: escaped.
            return !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value)
                && scalar.value != 0x2028 && scalar.value != 0x2029 && scalar.value != 0xFEFF
        default:
            return false
        }
    }

    /// Whether a string can be written plain and read back as the same string, by any YAML reader.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first != " ", last != " ", !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) else { return false }
        guard text.unicodeScalars.allSatisfy(isPrintable), !text.contains(": "), !text.contains(" #"), !text.hasSuffix(":") else { return false }
        guard case .string = YAMLScalarResolver.resolve(text) else { return false }
        // What YAML 1.1 readers (and people) would take for something else.
        let lowered = text.lowercased()
        if ["yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"].contains(lowered) { return false }
        // A merge key to readers that merge (Specter's loader among them).
        if text == "<<" { return false }
        // Numbers, times and dates to YAML 1.1 readers: `.5`, `+1`, `1_000`, `0x1F`, `1:20`, `2001-12-14 21:59`.
        let numeric = text.unicodeScalars.allSatisfy { "0123456789abcdefABCDEFxXoO._:+-eE ".unicodeScalars.contains($0) }
        return !(numeric && (("0"..."9").contains(first) || first == "." || first == "+"))
    }
}
