import SpecterJSON

extension JSONValue {
    /// A scalar as the text its tool meant: Postman and HAR files write some values (a port, a
    /// variable's value) as numbers or booleans where a text is expected.
    var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return JSONWriter.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// Whether a Postman or HAR member is switched off: `disabled: true` (v2.1) or `enabled: false` (v2.0).
    var isSwitchedOff: Bool {
        self["disabled"]?.boolValue == true || self["enabled"]?.boolValue == false
    }
}
