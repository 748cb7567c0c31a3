import SpecterJSON
import SpecterRequest

/// Writes Specter captures and assertions (docs/replay.md) as Hurl queries and predicates; what
/// Hurl cannot say the same way (a status class, `in`, a number type) is reported.
enum HurlCheckExport {
    static func capture(_ query: String) throws(HurlUnsupported) -> String {
        let parsed: ResponseQuery
        do {
            parsed = try ResponseQuery(parsing: query)
        } catch {
            throw HurlUnsupported(reason: "Specter refuses the capture \(query): \(error)")
        }
        return try hurlQuery(parsed, forCapture: true)
    }

    static func assertion(_ text: String) throws(HurlUnsupported) -> String {
        let assertion: ReplayAssertion
        do {
            assertion = try ReplayAssertion(parsing: text)
        } catch {
            throw HurlUnsupported(reason: "Specter refuses \(text): \(error)")
        }
        let query = try hurlQuery(assertion.query, forCapture: false)
        return query + " " + (try predicate(assertion))
    }

    /// `jsonpath "$.id"`, `header "Location" regex /…/`, `… count`. An assertion's `length` and
    /// `type` become its predicate (`isEmpty`, `isInteger`).
    private static func hurlQuery(_ query: ResponseQuery, forCapture: Bool) throws(HurlUnsupported) -> String {
        var text: String
        switch query.source {
        case .status: text = "status"
        case .duration: text = "duration"
        case .bodyText: text = "body"
        case .header(let name): text = "header " + HurlEscaping.quoted(name)
        case .cookie(let name): text = "cookie " + HurlEscaping.quoted(name)
        case .body(let path): text = "jsonpath " + HurlEscaping.quoted(path.text)
        }
        if let regex = query.regex { text += " regex " + HurlEscaping.regex(regex.pattern) }
        switch query.reduction {
        case .count?: text += " count"
        case let reduction? where forCapture: throw HurlUnsupported(reason: "Hurl captures no \(reduction.rawValue)")
        case .length?, .type?, nil: break
        }
        return text
    }

    private static func predicate(_ assertion: ReplayAssertion) throws(HurlUnsupported) -> String {
        switch assertion.query.reduction {
        case .length?: return try emptiness(assertion)
        case .type?: return try typePredicate(assertion)
        default: break
        }
        switch assertion.operator {
        case .equals, .notEquals, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return "\(assertion.operator.rawValue) \(try value(assertion.expected))"
        case .contains, .notContains:
            let written = try value(assertion.expected)
            let verb = written.hasPrefix("\"") ? "contains" : "includes"
            return (assertion.operator == .notContains ? "not " : "") + "\(verb) \(written)"
        case .matches:
            return "matches " + HurlEscaping.regex(text(assertion.expected))
        case .exists: return "exists"
        case .notExists: return "not exists"
        case .oneOf: throw HurlUnsupported(reason: "Hurl has no in predicate")
        }
    }

    /// `length == 0` is `isEmpty`.
    private static func emptiness(_ assertion: ReplayAssertion) throws(HurlUnsupported) -> String {
        guard assertion.expected == "0", assertion.operator == .equals || assertion.operator == .notEquals else {
            throw HurlUnsupported(reason: "Hurl has no length query")
        }
        return assertion.operator == .equals ? "isEmpty" : "not isEmpty"
    }

    private static let typePredicates: [String: String] = [
        "integer": "isInteger", "string": "isString", "boolean": "isBoolean", "array": "isList", "object": "isObject",
        "integer,number": "isNumber", "array,object": "isCollection",
    ]

    private static func typePredicate(_ assertion: ReplayAssertion) throws(HurlUnsupported) -> String {
        let names: [String]
        switch assertion.operator {
        case .equals, .notEquals: names = [text(assertion.expected)]
        case .oneOf: names = (try? JSONParser.parse(assertion.expected))?.arrayValue?.compactMap(\.stringValue).sorted() ?? []
        default: names = []
        }
        guard let predicate = typePredicates[names.joined(separator: ",")] else {
            throw HurlUnsupported(reason: "Hurl has no predicate for type \(assertion.operator.rawValue) \(assertion.expected)")
        }
        return (assertion.operator == .notEquals ? "not " : "") + predicate
    }

    /// A Specter value as a Hurl predicate value: JSON scalars as they are, texts quoted, a lone placeholder as a template.
    static func value(_ expected: String) throws(HurlUnsupported) -> String {
        if let json = try? JSONParser.parse(expected) {
            switch json {
            case .string(let string): return HurlEscaping.quoted(string)
            case .array, .object: throw HurlUnsupported(reason: "Hurl compares no lists or objects: \(expected)")
            default: return expected
            }
        }
        if expected.hasPrefix("{{"), expected.hasSuffix("}}"), expected.dropFirst(2).range(of: "{{") == nil {
            return expected
        }
        if expected.count == 3, expected.lowercased().hasSuffix("xx"), expected.first?.isNumber == true {
            throw HurlUnsupported(reason: "Hurl has no status class (\(expected))")
        }
        return HurlEscaping.quoted(text(expected))
    }

    /// The text a Specter value stands for: a JSON string's content, a quoted text's (only `\"` and `\\` escaped), or the text itself.
    static func text(_ expected: String) -> String {
        if case .string(let string)? = try? JSONParser.parse(expected) { return string }
        guard expected.count >= 2, expected.hasPrefix("\""), expected.hasSuffix("\"") else { return expected }
        var output = ""
        var characters = expected.dropFirst().dropLast().makeIterator()
        while let character = characters.next() {
            if character == "\\", let next = characters.next() {
                if next != "\"" && next != "\\" { output.append(character) }
                output.append(next)
            } else {
                output.append(character)
            }
        }
        return output
    }
}
