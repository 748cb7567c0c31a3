import SpecterJSON

/// What changed between two versions of a description, as a reloading explorer reports it:
/// operations added, removed and changed, and for a changed one the inputs that appeared or
/// became required (what a user filling in its form needs to know).
public struct DescriptionChanges: Sendable, Equatable {
    public var added: [OperationKey] = []
    public var removed: [OperationKey] = []
    public var changed: [OperationChange] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// No change (a first version has nothing to compare with).
    public init() {}

    /// Compares by fingerprints, which the caller may keep from the previous comparison
    /// (`old` fingerprints are computed when not given).
    public init(from old: APIDocument, to new: APIDocument, oldFingerprints: OperationFingerprints? = nil, newFingerprints: OperationFingerprints? = nil) {
        let before = (oldFingerprints ?? OperationFingerprints(old)).byOperation
        let after = (newFingerprints ?? OperationFingerprints(new)).byOperation
        added = after.keys.filter { before[$0] == nil }.sorted()
        removed = before.keys.filter { after[$0] == nil }.sorted()
        let changedKeys = after.keys.filter { key in before[key].map { $0 != after[key] } ?? false }.sorted()
        guard !changedKeys.isEmpty else { return }
        let oldOperations = Self.operations(in: old, keyed: Set(changedKeys))
        let newOperations = Self.operations(in: new, keyed: Set(changedKeys))
        changed = changedKeys.compactMap { key in
            guard let previous = oldOperations[key], let current = newOperations[key] else { return nil }
            return OperationChange(key: key, details: Self.details(from: previous, in: old, to: current, in: new))
        }
    }

    /// The operations (and webhooks) with these keys; the first of each, as the list shows it.
    private static func operations(in document: APIDocument, keyed wanted: Set<OperationKey>) -> [OperationKey: APIOperation] {
        var found: [OperationKey: APIOperation] = [:]
        for list in [document.operations, document.webhooks] {
            for operation in list {
                let key = OperationKey(operation)
                if wanted.contains(key), found[key] == nil { found[key] = operation }
            }
        }
        return found
    }

    private static func details(from old: APIOperation, in oldDocument: APIDocument, to new: APIOperation, in newDocument: APIDocument) -> [OperationChange.Detail] {
        var details: [OperationChange.Detail] = []
        let previous = Dictionary(old.parameters.map { (ParameterKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let current = Set(new.parameters.map(ParameterKey.init))
        for parameter in new.parameters {
            switch previous[ParameterKey(parameter)] {
            case nil: details.append(.parameterAdded(parameter.name, parameter.location, required: parameter.required))
            case let earlier? where parameter.required && !earlier.required: details.append(.parameterNowRequired(parameter.name, parameter.location))
            default: break
            }
        }
        for parameter in old.parameters where !current.contains(ParameterKey(parameter)) {
            details.append(.parameterRemoved(parameter.name, parameter.location))
        }
        let oldBody = BodyFields(old, in: oldDocument)
        let newBody = BodyFields(new, in: newDocument)
        for name in newBody.properties where !oldBody.properties.contains(name) {
            details.append(.bodyFieldAdded(name, required: newBody.required.contains(name)))
        }
        for name in newBody.properties where oldBody.properties.contains(name) && newBody.required.contains(name) && !oldBody.required.contains(name) {
            details.append(.bodyFieldNowRequired(name))
        }
        for name in oldBody.properties where !newBody.properties.contains(name) { details.append(.bodyFieldRemoved(name)) }
        return details
    }
}

/// One operation that is in both versions and differs.
public struct OperationChange: Sendable, Equatable {
    public enum Detail: Sendable, Equatable {
        case parameterAdded(String, ParameterLocation, required: Bool)
        case parameterNowRequired(String, ParameterLocation)
        case parameterRemoved(String, ParameterLocation)
        case bodyFieldAdded(String, required: Bool)
        case bodyFieldNowRequired(String)
        case bodyFieldRemoved(String)
    }

    public var key: OperationKey
    /// Empty when what changed is elsewhere (a response, a description, a nested schema).
    public var details: [Detail]
}

private struct ParameterKey: Hashable {
    var name: String
    var location: ParameterLocation

    init(_ parameter: APIParameter) {
        name = parameter.name
        location = parameter.location
    }
}

/// The top-level properties of an operation's request body schema (its first media type), in order.
private struct BodyFields {
    var properties: [String] = []
    var required: Set<String> = []

    init(_ operation: APIOperation, in document: APIDocument) {
        guard let schema = operation.requestBody?.content.first?.schema,
              let resolved = try? document.documents.dereference(schema.value, at: schema.address).value else { return }
        if case .object(let members)? = resolved["properties"] { properties = members.keys }
        if case .array(let names)? = resolved["required"] { required = Set(names.compactMap(\.stringValue)) }
    }
}
