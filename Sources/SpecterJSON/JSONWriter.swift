/// Serialises `JSONValue`s back to JSON text, in member order.
///
/// Pretty output uses two-space indentation like `jq` and HTTPie; `/` is never escaped and
/// non-ASCII text is written as is, so what users see matches what they would type.
public struct JSONWriter: Sendable {
    public enum Layout: Sendable {
        case compact
        case pretty(indent: Int)
    }

    public var layout: Layout

    public init(layout: Layout = .compact) {
        self.layout = layout
    }

    public static let compact = JSONWriter(layout: .compact)
    public static let pretty = JSONWriter(layout: .pretty(indent: 2))

    public func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, level: 0, into: &output)
        return output
    }

    private func write(_ value: JSONValue, level: Int, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += Self.format(number)
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                newline(level + 1, into: &output)
                write(item, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (position, member) in object.members.enumerated() {
                if position > 0 { output += "," }
                newline(level + 1, into: &output)
                Self.writeString(member.key, into: &output)
                output += separator
                write(member.value, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output += "}"
        }
    }

    private var separator: String {
        if case .pretty = layout { return ": " }
        return ":"
    }

    private func newline(_ level: Int, into output: inout String) {
        guard case .pretty(let indent) = layout else { return }
        output += "\n"
        output += String(repeating: " ", count: indent * level)
    }

    /// A double as the shortest JSON number that reads back to the same value.
    public static func format(_ number: Double) -> String {
        if number.rounded() == number && abs(number) < 1e16 {
            return String(Int(number)) + ".0"
        }
        return "\(number)"
    }

    /// Writes `text` as a JSON string literal with the escapes JSON requires.
    public static func writeString(_ text: String, into output: inout String) {
        output += "\""
        var pending = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = pending
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "\u{08}": escape = "\\b"
            case "\u{0C}": escape = "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escape = nil
                }
            }
            if let escape {
                output.unicodeScalars.append(contentsOf: scalars[pending..<index])
                output += escape
                pending = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        output.unicodeScalars.append(contentsOf: scalars[pending..<scalars.endIndex])
        output += "\""
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter.compact.string(self) }
}

extension Double {
    /// A number as people write it in messages: `10`, `1.5`, `1e+20` (never a crash on huge values).
    public var shortDescription: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
    }
}
