/// A capture's or an assertion's parts, as Hurl names them: a query, filters, and (for an
/// assertion) a predicate.
struct HurlCheck {
    struct Query {
        var name: String
        var argument: HurlToken?
    }

    struct Filter {
        var name: String
        var arguments: [HurlToken]
    }

    struct Predicate {
        var negated: Bool
        /// Canonical: `==` for `equals`, `>` for `greaterThan`, …
        var name: String
        var value: HurlToken?
    }

    var query: Query
    var filters: [Filter]
    var predicate: Predicate?
    /// `redact` after a capture.
    var redacted: Bool
}

/// Splits a statement's tokens into a `HurlCheck`; the message of an error says what Hurl expected.
enum HurlCheckReader {
    static let queryArity: [String: Int] = [
        "status": 0, "url": 0, "body": 0, "bytes": 0, "duration": 0, "sha256": 0, "md5": 0, "version": 0, "ip": 0, "redirects": 0,
        "header": 1, "cookie": 1, "xpath": 1, "jsonpath": 1, "regex": 1, "variable": 1, "certificate": 1,
    ]

    static let filterArity: [String: Int] = [
        "count": 0, "daysAfterNow": 0, "daysBeforeNow": 0, "first": 0, "last": 0, "htmlEscape": 0, "htmlUnescape": 0,
        "toFloat": 0, "toInt": 0, "toString": 0, "toHex": 0, "urlDecode": 0, "urlEncode": 0, "location": 0,
        "base64Decode": 0, "base64Encode": 0, "base64UrlSafeDecode": 0, "base64UrlSafeEncode": 0, "utf8Decode": 0, "utf8Encode": 0,
        "decode": 1, "format": 1, "dateFormat": 1, "jsonpath": 1, "nth": 1, "regex": 1, "split": 1, "toDate": 1, "xpath": 1,
        "urlQueryParam": 1, "replace": 2, "replaceRegex": 2,
    ]

    /// Predicates and whether they take a value.
    static let predicates: [String: Bool] = [
        "==": true, "!=": true, ">": true, ">=": true, "<": true, "<=": true, "startsWith": true, "endsWith": true,
        "contains": true, "includes": true, "matches": true, "exists": false, "isEmpty": false, "isInteger": false,
        "isFloat": false, "isBoolean": false, "isString": false, "isCollection": false, "isDate": false, "isIsoDate": false,
        "isNumber": false, "isList": false, "isObject": false, "isIpv4": false, "isIpv6": false, "isUuid": false,
    ]

    static let aliases: [String: String] = [
        "equals": "==", "notEquals": "!=", "greaterThan": ">", "greaterThanOrEquals": ">=", "lessThan": "<", "lessThanOrEquals": "<=",
    ]

    struct Refusal: Error {
        var message: String
    }

    static func read(_ tokens: [HurlToken], isCapture: Bool) throws(Refusal) -> HurlCheck {
        var rest = tokens[...]
        guard let name = rest.popFirst()?.word, let arity = queryArity[name] else {
            throw Refusal(message: "expected a query (status, header \"…\", jsonpath \"…\", body, …)")
        }
        var check = HurlCheck(query: HurlCheck.Query(name: name, argument: nil), filters: [], predicate: nil, redacted: false)
        if arity == 1 {
            guard let argument = rest.popFirst() else { throw Refusal(message: "\(name) needs an argument: \(name) \"…\"") }
            check.query.argument = argument
        }
        while let word = rest.first?.word, let arity = filterArity[word] {
            rest.removeFirst()
            guard rest.count >= arity else { throw Refusal(message: "the \(word) filter needs \(arity) argument\(arity == 1 ? "" : "s")") }
            check.filters.append(HurlCheck.Filter(name: word, arguments: Array(rest.prefix(arity))))
            rest.removeFirst(arity)
        }
        if isCapture {
            check.redacted = rest.first?.word == "redact"
            if check.redacted { rest.removeFirst() }
        } else {
            check.predicate = try predicate(&rest)
        }
        guard rest.isEmpty else { throw Refusal(message: "unexpected text after the \(isCapture ? "query" : "predicate")") }
        return check
    }

    private static func predicate(_ rest: inout ArraySlice<HurlToken>) throws(Refusal) -> HurlCheck.Predicate {
        let negated = rest.first?.word == "not"
        if negated { rest.removeFirst() }
        guard let word = rest.popFirst()?.word, let name = aliases[word] ?? (predicates[word] != nil ? word : nil), let takesValue = predicates[name] else {
            throw Refusal(message: "expected a predicate (==, !=, >, contains, matches, exists, isInteger, …)")
        }
        var predicate = HurlCheck.Predicate(negated: negated, name: name, value: nil)
        if takesValue {
            guard let value = rest.popFirst() else { throw Refusal(message: "\(name) needs a value") }
            predicate.value = value
        }
        return predicate
    }
}
