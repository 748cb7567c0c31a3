import Foundation
import SpecterJSON

/// One line of a saved request's `asserts:`: a query, an operator and, for most operators, a value.
///
/// ```yaml
/// asserts:
///   - status == 201                 # also: status == 2xx, status in [200, 201]
///   - header Content-Type contains json
///   - $.items[*].price > 0          # every selected value must pass
///   - $.items count == 3
///   - $.name matches "^R"
///   - $.id == {{pet_id}}            # placeholders are filled before the check
///   - $.deleted_at not exists
///   - body contains "Rex"
///   - duration < 500
/// ```
public struct ReplayAssertion: Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case equals = "==", notEquals = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case contains, notContains = "not contains", matches, exists, notExists = "not exists", oneOf = "in"

        var needsValue: Bool { self != .exists && self != .notExists }
    }

    /// As written.
    public let text: String
    public let query: ResponseQuery
    public let `operator`: Operator
    /// The expected value as written; placeholders are filled when the response is checked.
    public let expected: String

    /// The check as Specter reads it, so two spellings of one compare equal (`contains json` and
    /// `contains "json"`) and two checks do not (`== 1` and `== "1"`): what an import weighs against
    /// the checks a collection holds.
    public var reading: String {
        let value = ExpectedValue(expected)
        let typed = value.json.map(JSONWriter.compact.string) ?? (value.statusClass != nil ? value.text : JSONWriter.compact.string(.string(value.text)))
        return "\(query.description) \(`operator`.rawValue) \(typed)"
    }

    /// A line's reading, or the line as written when it does not read as a check (so two lines that
    /// do not read still compare by their text).
    public static func reading(of line: String) -> String {
        (try? ReplayAssertion(parsing: line))?.reading ?? line
    }

    public init(parsing text: String) throws(ReplaySyntaxError) {
        self.text = text
        var scanner = ReplayScanner(text)
        query = try ResponseQuery(scanning: &scanner)
        let word = scanner.word()
        let found: Operator?
        if word == "not" {
            let next = scanner.word()
            found = Operator(rawValue: "not " + next)
        } else {
            found = Operator(rawValue: word)
        }
        guard let found else {
            let shown = word.isEmpty ? "nothing" : "\"\(word.abbreviated(to: 20))\""
            throw ReplaySyntaxError("expected an operator after \(query.description), found \(shown) (use "
                + Operator.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        `operator` = found
        expected = scanner.remainder()
        if found.needsValue, expected.isEmpty { throw ReplaySyntaxError("\(found.rawValue) needs a value after it") }
        if !found.needsValue, !expected.isEmpty { throw ReplaySyntaxError("\(found.rawValue) takes no value (found \"\(expected.abbreviated(to: 20))\")") }
        // Without placeholders the value is known now: a pattern that does not compile or an `in`
        // without a list is refused before anything is sent.
        guard !expected.contains("{{") else {
            if Placeholders.problem(in: expected) == .unclosed { throw ReplaySyntaxError("a {{ in \"\(expected.abbreviated(to: 30))\" is not closed with }}") }
            return
        }
        let value = ExpectedValue(expected)
        if found == .matches { pattern = try ReplayRegex(value.text) }
        if found == .oneOf, value.json?.arrayValue == nil { throw ReplaySyntaxError("in takes a list: in [200, 201]") }
        known = value
    }

    /// The pattern of `matches`, compiled once when the value has no placeholders.
    private var pattern: ReplayRegex?
    /// The expected value, read once when it has no placeholders (a check per response otherwise).
    private var known: ExpectedValue?
}

/// How one assertion went: a failure says where, what was expected and what came.
public struct AssertionResult: Sendable, Equatable {
    public var text: String
    public var passed: Bool
    /// `$.items[2].price: expected > 0, got -1`
    public var message: String?
}

extension ReplayAssertion {
    /// Checks the response; `fill` turns placeholders in the expected value into text, `masking`
    /// hides the run's secrets in the message, and the check stops after `timeLimit`, saying so.
    public func check(_ facts: ResponseFacts, masking: Redactor = Redactor(secrets: []), timeLimit: Duration = .seconds(2),
                      fill: (String) throws -> String) -> AssertionResult {
        let value: ExpectedValue
        if let known {
            value = known
        } else {
            do {
                value = ExpectedValue(try fill(expected))
            } catch {
                return AssertionResult(text: text, passed: false, message: "the expected value \(expected): \(error)")
            }
        }
        let selection = query.select(in: facts, masking: masking)
        let failure = evaluate(selection, expected: value, masking: masking, timeLimit: timeLimit)
        return AssertionResult(text: text, passed: failure == nil, message: failure)
    }

    /// The failure message, or nil when the assertion holds.
    private func evaluate(_ selection: QuerySelection, expected: ExpectedValue, masking: Redactor, timeLimit: Duration) -> String? {
        switch `operator` {
        case .exists:
            return selection.found.isEmpty ? "\(query): expected to exist, but \(selection.absence ?? "nothing was found")" : nil
        case .notExists:
            guard let first = selection.found.first else { return nil }
            return "\(first.location): expected not to exist, got \(first.value.shown(masking))"
        default:
            break
        }
        guard !selection.found.isEmpty else { return "\(query): expected \(`operator`.rawValue) \(expected.shown(masking)), but \(selection.absence ?? "nothing was found")" }
        if `operator` == .contains || `operator` == .notContains, selection.found.count > 1 {
            let values = selection.found.map(\.value)
            let holds = values.contains { expected.equals($0) }
            if holds == (`operator` == .contains) { return nil }
            return "\(query): expected the values to \(`operator` == .contains ? "include" : "leave out") \(expected.shown(masking)), got \(JSONValue.array(values).shown(masking))"
        }
        // A pattern may backtrack on every one of many values from a hostile server: the check as a
        // whole stops after its time limit, saying so, rather than holding the replay up.
        let start = ContinuousClock.now
        for (checked, found) in selection.found.enumerated() {
            if checked > 0, ContinuousClock.now - start > timeLimit {
                return "\(query): not checked to the end: \(checked) of \(selection.found.count) values took more than \(timeLimit)"
            }
            if !holds(found.value, expected) {
                return "\(found.location): expected \(`operator`.rawValue) \(expected.shown(masking))\(query.unit), got \(found.value.shown(masking))\(query.unit)"
            }
        }
        return nil
    }

    private func holds(_ actual: JSONValue, _ expected: ExpectedValue) -> Bool {
        switch `operator` {
        case .equals: return expected.equals(actual)
        case .notEquals: return !expected.equals(actual)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = expected.compare(actual) else { return false }
            switch `operator` {
            case .less: return order == .orderedAscending
            case .lessOrEqual: return order != .orderedDescending
            case .greater: return order == .orderedDescending
            default: return order != .orderedAscending
            }
        case .contains: return expected.isContained(in: actual)
        case .notContains: return !expected.isContained(in: actual)
        case .matches:
            guard let regex = pattern ?? (try? ReplayRegex(expected.text)) else { return false }
            return regex.matches(actual.plainText)
        case .oneOf:
            guard case .array(let options)? = expected.json else { return false }
            return options.contains { ExpectedValue(json: $0).equals(actual) }
        case .exists, .notExists:
            return true
        }
    }
}

extension JSONValue {
    /// A value in a message: compact JSON with every secret masked, then cut when long (masking
    /// first, so no part of a secret survives the cut).
    func shown(_ masking: Redactor) -> String { masking.excerpt(JSONWriter.compact.string(self), limit: 80) }

    /// A value already masked (a recording's) in a message.
    var shownAsIs: String { JSONWriter.compact.string(self).abbreviated(to: 80) }
}
