import SpecterHTTP
import SpecterJSON

/// What a query found in a response: values, each with where it was (`$.items[2].price`,
/// `header Location`), or why there is nothing (`the body is not JSON`).
public struct QuerySelection: Sendable, Equatable {
    public struct Found: Sendable, Equatable {
        public var location: String
        public var value: JSONValue
    }

    public var found: [Found]
    /// Why nothing was found, with what the response held there.
    public var absence: String?

    static func nothing(_ why: String) -> QuerySelection { QuerySelection(found: [], absence: why) }
}

extension ResponseQuery {
    /// The query applied to a response; `masking` hides secrets in what the absence says.
    public func select(in facts: ResponseFacts, masking: Redactor = Redactor(secrets: [])) -> QuerySelection {
        var selection = sourceSelection(facts, masking: masking)
        if let regex {
            let texts = selection.found
            selection.found = texts.compactMap { found in
                regex.extract(from: found.value.plainText).map { QuerySelection.Found(location: found.location, value: .string($0)) }
            }
            if selection.found.isEmpty, selection.absence == nil {
                selection.absence = "regex \"\(regex.pattern.abbreviated(to: 40).escapedAsWritten)\" does not match " + (texts.first.map { masking.excerpt($0.value.plainText, limit: 80).quotedForMessage } ?? "anything")
            }
        }
        guard let reduction else { return selection }
        switch reduction {
        case .count:
            return QuerySelection(found: [.init(location: "count of \(sourceDescription)", value: .int(count(selection)))], absence: nil)
        case .length:
            selection.found = selection.found.map { .init(location: "length of \($0.location)", value: $0.value.length.map(JSONValue.int) ?? .null) }
        case .type:
            selection.found = selection.found.map { .init(location: "type of \($0.location)", value: .string($0.value.typeName)) }
        }
        return selection
    }

    /// How many values the query selected; for a query that can select only one value (`$.items`),
    /// the items of the array it selected, as Hurl counts.
    private func count(_ selection: QuerySelection) -> Int {
        if case .body(let query) = source, query.isSingular, regex == nil, selection.found.count == 1, case .array(let items) = selection.found[0].value {
            return items.count
        }
        return selection.found.count
    }

    private var sourceDescription: String {
        switch source {
        case .status: return "status"
        case .duration: return "duration"
        case .bodyText: return "body"
        case .header(let name): return "header \(name)"
        case .cookie(let name): return "cookie \(name)"
        case .body(let query): return query.description
        }
    }

    private func sourceSelection(_ facts: ResponseFacts, masking: Redactor) -> QuerySelection {
        switch source {
        case .status:
            return QuerySelection(found: [.init(location: "status", value: .int(facts.status))], absence: nil)
        case .duration:
            return QuerySelection(found: [.init(location: "duration", value: .int(Int(facts.duration.milliseconds)))], absence: nil)
        case .bodyText:
            guard let text = facts.bodyText else { return .nothing("the body is empty or not text") }
            return QuerySelection(found: [.init(location: "body", value: .string(text))], absence: nil)
        case .header(let name):
            let values = facts.headers.values(name)
            guard !values.isEmpty else {
                return .nothing("no header \(name) (the response has: \(facts.headers.map(\.name).joined(separator: ", ")))")
            }
            return QuerySelection(found: values.map { .init(location: "header \(name)", value: .string($0)) }, absence: nil)
        case .cookie(let name):
            guard let value = facts.cookie(name) else { return .nothing("no cookie \(name) is set") }
            return QuerySelection(found: [.init(location: "cookie \(name)", value: .string(value))], absence: nil)
        case .body(let query):
            guard let json = facts.bodyJSON else {
                return .nothing("the body is not JSON" + (facts.bodyText.map { ": " + masking.excerpt($0, limit: 80).quotedForMessage } ?? ""))
            }
            let nodes: [JSONPathNode]
            do {
                nodes = try query.select(in: json, budget: .interactive)
            } catch {
                return .nothing("\(query) was stopped: \(error)")
            }
            guard !nodes.isEmpty else { return .nothing("\(query) selects nothing in " + masking.excerpt(JSONWriter.compact.string(json), limit: 120)) }
            return QuerySelection(found: nodes.map { .init(location: $0.path.dotted, value: $0.value) }, absence: nil)
        }
    }
}

extension JSONValue {
    /// A string as it is, anything else as compact JSON: what a capture stores and a regex reads.
    var plainText: String {
        if case .string(let text) = self { return text }
        return JSONWriter.compact.string(self)
    }

    /// Characters of a text, items of an array, members of an object.
    var length: Int? {
        switch self {
        case .string(let text): return text.count
        case .array(let items): return items.count
        case .object(let object): return object.count
        default: return nil
        }
    }

}

extension String {
    /// The text in double quotes, for a message.
    var quotedForMessage: String { "\"" + self + "\"" }

    /// A pattern as a collection writes it inside `regex "…"`: `\` and `"` escaped.
    var escapedAsWritten: String { replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
}
