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
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, level: 0, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func write(_ value: JSONValue, level: Int, into output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .int(let number): output += String(number).utf8
        case .double(let number): output += Self.format(number).utf8
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1, into: &output)
                write(item, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1, into: &output)
                Self.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if case .pretty = layout { output.append(UInt8(ascii: " ")) }
                write(member.value, level: level + 1, into: &output)
            }
            newline(level, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ level: Int, into output: inout [UInt8]) {
        guard case .pretty(let indent) = layout else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    /// A double as the shortest JSON number that reads back to the same value.
    public static func format(_ number: Double) -> String {
        if number.rounded() == number && abs(number) < 1e16 {
            return String(Int(number)) + ".0"
        }
        return "\(number)"
    }

    /// Writes `text` as a JSON string literal with the escapes JSON requires, and `\u` escapes for
    /// the characters that can attack whoever reads the output: C1 controls (U+0080–U+009F, which
    /// some terminals obey), bidirectional overrides and isolates, and line/paragraph separators.
    public static func writeString(_ text: String, into output: inout String) {
        var bytes: [UInt8] = []
        writeString(text, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: output += "\\\"".utf8
            case 0x5C: output += "\\\\".utf8
            case 0x0A: output += "\\n".utf8
            case 0x0D: output += "\\r".utf8
            case 0x09: output += "\\t".utf8
            case 0x08: output += "\\b".utf8
            case 0x0C: output += "\\f".utf8
            case 0x20..<0x7F: output.append(UInt8(value))
            case _ where value < 0x20 || scalar.canDisguiseText:
                output += "\\u".utf8
                for shift in stride(from: 12, through: 0, by: -4) { output.append(hexDigit(UInt8((value >> UInt32(shift)) & 0x0F))) }
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
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
