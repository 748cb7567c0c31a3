import SpecterJSON
import SpecterRequest

/// Why a Hurl capture or assertion has no exact Specter equivalent: becomes an `ImportNote`.
struct HurlUnsupported: Error {
    var reason: String
}

/// Turns Hurl captures and assertions into Specter's replay language (docs/replay.md), exactly or
/// not at all: a check Specter would run differently is reported, never approximated.
enum HurlCheckTranslation {
    /// A Specter query and what its reductions and predicates need to know about it.
    struct SpecterQuery {
        var text: String
        /// It names one place (`status`, a header, a singular JSONPath), so `length` applies to it.
        var isSingular = true
        /// It reads JSON, whose type (`isInteger`, `isCollection`) Specter can test.
        var isJSON = false
        var isCounted = false
        var hasRegex = false
    }

    static func capture(_ check: HurlCheck) throws(HurlUnsupported) -> String {
        let query = try specterQuery(check).text
        do {
            _ = try ResponseQuery(parsing: query)
        } catch {
            throw HurlUnsupported(reason: "Specter refuses the capture \(query): \(error)")
        }
        return query
    }

    static func assertion(_ check: HurlCheck) throws(HurlUnsupported) -> String {
        let query = try specterQuery(check)
        guard let predicate = check.predicate else { throw HurlUnsupported(reason: "an assertion needs a predicate") }
        let text = try assertion(query, predicate)
        do {
            _ = try ReplayAssertion(parsing: text)
        } catch {
            throw HurlUnsupported(reason: "Specter refuses \(text): \(error)")
        }
        return text
    }

    // MARK: Queries

    static func specterQuery(_ check: HurlCheck) throws(HurlUnsupported) -> SpecterQuery {
        var query = try baseQuery(check.query)
        for filter in check.filters {
            switch filter.name {
            case "regex" where !query.hasRegex && !query.isCounted:
                query.text += " regex " + quotedPattern(try pattern(filter.arguments.first, for: "the regex filter"))
                query.hasRegex = true
            case "count" where !query.isCounted:
                query.text += " count"
                query.isCounted = true
            default:
                throw HurlUnsupported(reason: "the \(filter.name) filter has no Specter equivalent here")
            }
        }
        return query
    }

    private static func baseQuery(_ query: HurlCheck.Query) throws(HurlUnsupported) -> SpecterQuery {
        switch query.name {
        case "status", "duration", "body":
            return SpecterQuery(text: query.name)
        case "header", "cookie":
            let name = try text(query.argument, for: "the \(query.name) name")
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw HurlUnsupported(reason: "Specter's \(query.name) names have no spaces")
            }
            if query.name == "cookie", name.contains("[") {
                throw HurlUnsupported(reason: "cookie attributes (\(name)) have no Specter query")
            }
            return SpecterQuery(text: "\(query.name) \(name)")
        case "jsonpath":
            let path = try text(query.argument, for: "the JSONPath")
            do {
                let parsed = try JSONPathQuery(parsing: path)
                return SpecterQuery(text: path, isSingular: parsed.isSingular, isJSON: true)
            } catch {
                throw HurlUnsupported(reason: "Specter reads JSONPath as RFC 9535, which refuses \(path) (\(error.message))")
            }
        case "regex":
            let pattern = try pattern(query.argument, for: "the regex query")
            return SpecterQuery(text: "body regex " + quotedPattern(pattern), hasRegex: true)
        default:
            throw HurlUnsupported(reason: "the \(query.name) query has no Specter equivalent")
        }
    }

    // MARK: Predicates

    private static let typeNames: [String: [String]] = [
        "isInteger": ["integer"], "isString": ["string"], "isBoolean": ["boolean"], "isList": ["array"], "isObject": ["object"],
        "isNumber": ["integer", "number"], "isCollection": ["array", "object"],
    ]

    private static func assertion(_ query: SpecterQuery, _ predicate: HurlCheck.Predicate) throws(HurlUnsupported) -> String {
        let negated = predicate.negated
        switch predicate.name {
        case "==", "!=":
            let equal = (predicate.name == "==") != negated
            return "\(query.text) \(equal ? "==" : "!=") \(try value(predicate.value))"
        case ">", ">=", "<", "<=":
            guard !negated else { throw HurlUnsupported(reason: "not \(predicate.name) has no Specter operator") }
            return "\(query.text) \(predicate.name) \(try value(predicate.value))"
        case "contains", "includes":
            return "\(query.text) \(negated ? "not contains" : "contains") \(try value(predicate.value))"
        case "startsWith", "endsWith", "matches":
            guard !negated else { throw HurlUnsupported(reason: "not \(predicate.name) has no Specter operator") }
            return "\(query.text) matches \(jsonString(try matchPattern(predicate)))"
        case "exists":
            return "\(query.text) \(negated ? "not exists" : "exists")"
        case "isEmpty":
            guard !query.isCounted, query.isJSON || query.text == "body" else {
                throw HurlUnsupported(reason: "isEmpty has no Specter equivalent on this query")
            }
            return "\(query.text) \(query.isSingular ? "length" : "count") \(negated ? "!=" : "==") 0"
        default:
            return try typeAssertion(query, predicate)
        }
    }

    private static func typeAssertion(_ query: SpecterQuery, _ predicate: HurlCheck.Predicate) throws(HurlUnsupported) -> String {
        guard let names = typeNames[predicate.name], query.isJSON, !query.isCounted, !query.hasRegex else {
            throw HurlUnsupported(reason: "\(predicate.name) has no Specter equivalent\(typeNames[predicate.name] == nil ? "" : " on this query")")
        }
        if predicate.name == "isInteger", predicate.negated {
            throw HurlUnsupported(reason: "Specter counts a number such as 1.0 as an integer, Hurl does not")
        }
        if names.count == 1 { return "\(query.text) type \(predicate.negated ? "!=" : "==") \(names[0])" }
        guard !predicate.negated else { throw HurlUnsupported(reason: "not \(predicate.name) has no Specter operator") }
        return "\(query.text) type in [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]"
    }

    /// The pattern of `matches`, or the anchored, escaped text of `startsWith` / `endsWith`.
    private static func matchPattern(_ predicate: HurlCheck.Predicate) throws(HurlUnsupported) -> String {
        if predicate.name == "matches" { return try pattern(predicate.value, for: "matches") }
        let text = try text(predicate.value, for: predicate.name)
        guard !text.contains("{{") else { throw HurlUnsupported(reason: "\(predicate.name) with a template has no Specter equivalent") }
        return predicate.name == "startsWith" ? "^" + regexEscaped(text) : regexEscaped(text) + "$"
    }

    // MARK: Values

    /// A predicate value as Specter reads it: JSON (numbers, booleans, null, strings quoted as JSON) or a placeholder.
    static func value(_ token: HurlToken?) throws(HurlUnsupported) -> String {
        switch token {
        case .word(let word)?:
            guard (try? JSONParser.parse(Array(word.utf8))) != nil else { throw HurlUnsupported(reason: "\(word) is not a value Specter reads") }
            return word
        case .quoted(let text)?, .backtick(let text)?:
            return jsonString(text)
        case .multiline(let text, let language)?:
            return jsonString(language == "graphql" ? HurlGraphQL.requestJSON(text) : text)
        case .template(let template)?:
            return template
        default:
            throw HurlUnsupported(reason: "bytes (hex, base64, file) and regexes are not values Specter compares")
        }
    }

    private static func text(_ token: HurlToken?, for purpose: String) throws(HurlUnsupported) -> String {
        switch token {
        case .quoted(let text)?, .backtick(let text)?: return text
        default: throw HurlUnsupported(reason: "\(purpose) must be a quoted string")
        }
    }

    private static func pattern(_ token: HurlToken?, for purpose: String) throws(HurlUnsupported) -> String {
        if case .regex(let pattern)? = token { return pattern }
        return try text(token, for: purpose)
    }

    static func jsonString(_ text: String) -> String {
        var output = ""
        JSONWriter.writeString(text, into: &output)
        return output
    }

    /// `regex "…"` as Specter reads it: only `\"` and `\\` are escapes.
    static func quotedPattern(_ pattern: String) -> String {
        "\"" + pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func regexEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
