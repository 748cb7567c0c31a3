import SpecterJSON
import SpecterSpec

/// What no longer fits between a collection's saved requests and the description as it is now:
/// operations gone, parameters removed or newly required, body properties added, removed or of
/// another type. Values holding `{{placeholders}}` are not judged (they are filled when sent).
public enum CollectionDrift {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The saved request's file, relative to the collection.
        public var request: String
        public var message: String

        public var description: String { request + ": " + message }
    }

    public static func check(_ collection: Collection, service: DescriptionService) -> [Finding] {
        collection.ordered.flatMap { item in findings(for: item, service: service) }
    }

    static func findings(for item: Collection.Item, service: DescriptionService) -> [Finding] {
        let draft = item.request.draft
        if draft.operation.isUnlisted { return [] }
        guard let operation = service.operation(draft.operation) else {
            return [Finding(request: item.path, message: "the description has no operation \(draft.operation)")]
        }
        var messages: [String] = []
        for parameter in draft.parameters where !operation.parameters.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) {
            messages.append("the \(parameter.location.rawValue) parameter \(parameter.name) is no longer in the description")
        }
        for parameter in operation.parameters where parameter.required && !draft.parameters.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) {
            messages.append("the \(parameter.location.rawValue) parameter \(parameter.name) is now required")
        }
        let input = RequestInput(parameters: draft.parameters.map { ParameterValue(name: $0.name, location: $0.location, value: $0.value) },
                                 body: draft.body.flatMap { body in if case .json(let value) = body.content { return .value(value) } else { return nil } },
                                 mediaType: draft.body?.mediaType)
        for problem in service.problems(in: input, for: operation) where !holdsPlaceholder(problem, in: draft) {
            // A missing required parameter is already said above.
            if case .parameter = problem.place, problem.message == "required", problem.path.isEmpty { continue }
            messages.append(problem.description)
        }
        return messages.map { Finding(request: item.path, message: $0) }
    }

    /// A saved request brought up to the description: required parameters and required body
    /// properties it lacks are added with their defaults (or examples). Nothing it has is changed: not
    /// a value, a credential reference, a capture or an assertion. Returns what was added.
    public static func synced(_ request: SavedRequest, service: DescriptionService) -> (request: SavedRequest, added: [String]) {
        guard let operation = service.operation(request.draft.operation) else { return (request, []) }
        var request = request
        var added: [String] = []
        for parameter in operation.parameters where parameter.required && request.draft.parameter(parameter.name, in: parameter.location) == nil {
            guard let value = parameter.schema.flatMap({ $0.value["default"] ?? $0.value["example"] }) ?? parameter.example else { continue }
            request.draft.setParameter(parameter.name, in: parameter.location, to: value)
            added.append("the \(parameter.location.rawValue) parameter \(parameter.name) (\(JSONWriter.compact.string(value)))")
        }
        guard case .json(.object(var body))? = request.draft.body?.content else { return (request, added) }
        // The form knows the body's properties with references followed and `allOf` merged.
        let properties = service.form(for: operation, mediaType: request.draft.body?.mediaType).body?.children ?? []
        for property in properties where property.required && body[property.name] == nil {
            guard let value = property.defaultValue ?? property.example ?? service.examples(.request).example(for: property.schema).value else { continue }
            body[property.name] = value
            added.append("the body property \(property.name) (\(JSONWriter.compact.string(value)))")
        }
        request.draft.body?.content = .json(.object(body))
        return (request, added)
    }

    /// Whether the value a problem is about is (or holds) a `{{placeholder}}`.
    private static func holdsPlaceholder(_ problem: InputProblem, in draft: RequestDraft) -> Bool {
        var value: JSONValue?
        switch problem.place {
        case .parameter(let location, let name): value = draft.parameter(name, in: location)
        case .body: if case .json(let json)? = draft.body?.content { value = json }
        }
        for component in problem.path {
            switch component {
            case .key(let key): value = value?[key]
            case .index(let index): value = value?[index]
            }
        }
        // Only text holds a placeholder; a problem with an object (a missing property) is about its shape.
        guard case .string(let text)? = value else { return false }
        return text.contains("{{")
    }
}

extension DescriptionService {
    /// Tells whether the description changed since a collection was synced with it: the fingerprint
    /// of its root document's content (not its formatting).
    public var fingerprint: String {
        ContentFingerprint.hex(JSONWriter.compact.string(document.documents.root?.value ?? .null).utf8)
    }
}

extension CollectionManifest {
    /// Records the description as it is now: what the next check measures drift from.
    public mutating func anchor(to service: DescriptionService) {
        syncedFingerprint = service.fingerprint
        syncedVersion = service.document.info.version
    }
}
