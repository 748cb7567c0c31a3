import Foundation
import SpecterJSON

/// The value an assertion compares with, read from its text: JSON when it is JSON (`3`, `"Rex"`,
/// `[200, 201]`, `null`), a status class (`2xx`), otherwise the text itself (`application/json`).
struct ExpectedValue {
    var text: String
    var json: JSONValue?
    /// `2` for `2xx`.
    var statusClass: Int?

    init(_ text: String) {
        self.text = text
        json = try? JSONParser.parse(Array(text.utf8))
        if json == nil, let quoted = Self.unquoted(text) {
            // A quoted value JSON would refuse (`"^issued-\d+$"`): quoted as `regex "…"` is, only `\"` and `\\` escaped.
            json = .string(quoted)
        }
        if json == nil, text.count == 3, text.lowercased().hasSuffix("xx"), let digit = text.first?.wholeNumberValue, (1...5).contains(digit) {
            statusClass = digit
        }
        if case .string(let unquoted)? = json { self.text = unquoted }
    }

    /// The text inside double quotes, with `\"` and `\\` read as `"` and `\`.
    private static func unquoted(_ text: String) -> String? {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
        var scanner = ReplayScanner(text)
        guard let value = try? scanner.quoted(for: "the value"), scanner.isAtEnd else { return nil }
        return value
    }

    init(json: JSONValue) {
        self.init(JSONWriter.compact.string(json))
    }

    func shown(_ masking: Redactor) -> String {
        if let statusClass { return "\(statusClass)xx" }
        return json?.shown(masking) ?? masking.excerpt(text, limit: 80).quotedForMessage
    }

    /// JSON equality; a text from a header or a regex equals the value it spells (`"3"` and `3`).
    func equals(_ actual: JSONValue) -> Bool {
        if let statusClass, let status = actual.intValue { return status / 100 == statusClass }
        guard let json else { return actual == .string(text) }
        if json == actual { return true }
        if case .string(let written) = actual, json.stringValue == nil { return written == JSONWriter.compact.string(json) }
        return false
    }

    /// How the actual value orders against this one: numbers by value (a header's text spelling a
    /// number counts as one), texts by their characters; nil, so the assertion fails, across kinds.
    func compare(_ actual: JSONValue) -> ComparisonResult? {
        if let expected = json?.doubleValue {
            guard let value = actual.doubleValue ?? actual.stringValue.flatMap(Double.init) else { return nil }
            return value < expected ? .orderedAscending : value > expected ? .orderedDescending : .orderedSame
        }
        guard case .string(let value) = actual else { return nil }
        return value < text ? .orderedAscending : value > text ? .orderedDescending : .orderedSame
    }

    /// A text in a text, an item in an array, a key in an object.
    func isContained(in actual: JSONValue) -> Bool {
        switch actual {
        case .string(let value): return value.contains(json?.stringValue ?? json.map { JSONWriter.compact.string($0) } ?? text)
        case .array(let items): return items.contains { equals($0) }
        case .object(let object): return object[json?.stringValue ?? text] != nil
        default: return false
        }
    }
}
