import SpecterJSON
import SpecterSpec

/// The form for one operation: its parameters by location and its request body, as editable fields.
///
/// Every edit re-validates the edited field and the fields that contain it (not the whole form), so a
/// keystroke costs one small validation. The body converts to and from JSON losslessly, so a user can
/// switch between the form and raw JSON editing at any time.
public struct RequestForm: Sendable {
    public private(set) var parameters: [ParameterLocation: [FormField]] = [:]
    public private(set) var body: FormField?
    public private(set) var bodyMediaType: String?
    /// The operation's parameters, in the order of each section's fields.
    public let operationParameters: [ParameterLocation: [APIParameter]]
    private let factory: FieldFactory

    /// A form for `operation`, with its own validator (tests; the front ends share one through their service).
    public init(operation: APIOperation, document: APIDocument, mediaType: String? = nil) {
        self.init(operation: operation, document: document, validator: SchemaValidator(document: document, options: ValidationOptions(direction: .request)),
                  mediaType: mediaType)
    }

    /// A form for `operation` checked by `validator` (compiled schemas shared with everything else);
    /// `mediaType` picks the body's media type (the description's preferred one by default).
    public init(operation: APIOperation, document: APIDocument, validator: SchemaValidator, mediaType: String? = nil) {
        factory = FieldFactory(documents: document.documents, validator: validator, direction: .request)
        var grouped: [ParameterLocation: [APIParameter]] = [:]
        for parameter in operation.parameters { grouped[parameter.location, default: []].append(parameter) }
        operationParameters = grouped
        for (location, list) in grouped {
            parameters[location] = list.map { parameter in
                let schema = parameter.schema ?? parameter.content.first?.schema ?? SchemaRef(value: .object(JSONObject()), address: parameter.address, isSynthesized: true)
                var field = factory.field(name: parameter.name, schema: schema.value, at: schema.address, required: parameter.required)
                if schema.isSynthesized {
                    field.schema = schema
                    field.compiled = validator.compile(schema)
                }
                field.description = parameter.description ?? field.description
                field.deprecated = parameter.deprecated || field.deprecated
                field.example = parameter.example ?? parameter.examples.first?.value ?? field.example
                return field
            }
        }
        if let requestBody = operation.requestBody {
            let media = requestBody.content.preferred(mediaType) ?? requestBody.content.preferred()
            bodyMediaType = media?.name
            if let schema = media?.schema {
                var field = factory.field(name: "body", schema: schema.value, at: schema.address, required: requestBody.required)
                if schema.isSynthesized {
                    field.schema = schema
                    field.compiled = validator.compile(schema)
                }
                field.isIncluded = requestBody.required
                body = field
            }
        }
        validateAll()
    }

    // MARK: - Reading

    public func field(_ id: FieldID) -> FormField? {
        guard var current = root(id) else { return nil }
        for key in id.path.dropFirst(rootDepth(id)) {
            guard let child = current.children.first(where: { $0.key == key }) else { return nil }
            current = child
        }
        return current
    }

    /// The id of each child of a field, in order.
    public func children(of id: FieldID) -> [FieldID] {
        field(id)?.children.map { id.child($0.key) } ?? []
    }

    /// The body as JSON (`nil` when there is none to send).
    public var bodyJSON: JSONValue? { body?.jsonValue }

    /// Each parameter with the value to send; parameters left empty are not listed.
    public var parameterValues: [(parameter: APIParameter, value: JSONValue)] {
        var result: [(APIParameter, JSONValue)] = []
        for location in ParameterLocation.allCases {
            for (index, field) in (parameters[location] ?? []).enumerated() {
                if let value = field.jsonValue, let parameter = operationParameters[location]?[index] { result.append((parameter, value)) }
            }
        }
        return result
    }

    /// Every field that has errors, with its id, in form order.
    public var invalidFields: [(id: FieldID, field: FormField)] {
        var found: [(FieldID, FormField)] = []
        func visit(_ field: FormField, _ id: FieldID) {
            if !field.errors.isEmpty { found.append((id, field)) }
            guard field.jsonValue != nil || field.required else { return }
            for child in field.children { visit(child, id.child(child.key)) }
        }
        for location in ParameterLocation.allCases {
            for field in parameters[location] ?? [] { visit(field, .parameter(field.name, in: location)) }
        }
        if let body { visit(body, .body) }
        return found
    }

    public var invalidCount: Int { invalidFields.count }

    // MARK: - Editing

    public mutating func setText(_ id: FieldID, _ text: String) {
        edit(id) { field in
            guard field.isLeaf else { return }
            field.setText(text)
        }
    }

    /// Sends (or stops sending) an explicit `null`.
    public mutating func setNull(_ id: FieldID, _ isNull: Bool) {
        edit(id) { field in
            guard field.nullable || !isNull else { return }
            field.isNull = isNull
        }
    }

    /// Includes an optional object or array in the request (building its fields if needed), or leaves it out.
    public mutating func setIncluded(_ id: FieldID, _ included: Bool) {
        let factory = self.factory
        edit(id) { field in
            if included, field.childrenPending {
                field.children = factory.children(of: field, depth: 0, branch: [])
                field.childrenPending = false
            }
            if included {
                field.isIncluded = true
            } else {
                field.clear()
            }
        }
    }

    /// Adds an item at the end of an array; returns its id.
    @discardableResult
    public mutating func addItem(_ id: FieldID) -> FieldID? {
        let factory = self.factory
        var added: FieldKey?
        edit(id) { field in
            guard case .array = field.kind else { return }
            let item = factory.element(of: &field, name: "[\(field.children.count)]")
            added = item.key
            field.children.append(item)
            field.isIncluded = true
        }
        return added.map(id.child)
    }

    /// Adds a member to a map or a free-form object.
    public mutating func addEntry(_ id: FieldID, key: String) {
        let factory = self.factory
        edit(id) { field in
            guard !field.children.contains(where: { $0.name == key }) else { return }
            switch field.kind {
            case .map, .object(allowsExtra: true):
                var entry = factory.element(of: &field, name: key)
                entry.isExtra = { if case .object = field.kind { return true } else { return false } }()
                field.children.append(entry)
                field.isIncluded = true
            default:
                return
            }
        }
    }

    /// Removes an array item or a map entry (or a member the schema does not describe).
    public mutating func remove(_ id: FieldID) {
        guard let parent = id.parent, let key = id.path.last else { return }
        edit(parent) { field in
            guard let index = field.children.firstIndex(where: { $0.key == key }) else { return }
            // Only what the user added can go: a list item, a map entry, a member the schema does not describe.
            switch field.kind {
            case .array, .map: break
            case .object where field.children[index].isExtra: break
            default: return
            }
            field.children.remove(at: index)
            if case .array = field.kind { Self.renumber(&field) }
        }
    }

    /// Moves an array item by `offset` places (it keeps its id); false when it cannot go there.
    @discardableResult
    public mutating func move(_ id: FieldID, by offset: Int) -> Bool {
        guard let parent = id.parent, let key = id.path.last else { return false }
        var moved = false
        edit(parent) { field in
            guard case .array = field.kind, let index = field.children.firstIndex(where: { $0.key == key }),
                  field.children.indices.contains(index + offset) else { return }
            let item = field.children.remove(at: index)
            field.children.insert(item, at: index + offset)
            Self.renumber(&field)
            moved = true
        }
        return moved
    }

    /// Chooses a `oneOf`/`anyOf` alternative; what was entered carries over where the new one has the same fields.
    public mutating func selectAlternative(_ id: FieldID, _ index: Int) {
        let factory = self.factory
        edit(id) { field in
            guard case .variant(let alternatives, _) = field.kind, alternatives.indices.contains(index) else { return }
            let previous = field.children.first?.jsonValue
            field.kind = .variant(alternatives, selected: index)
            var child = factory.variantChild(alternatives[index], discriminator: field.schema.value["discriminator"]?["propertyName"]?.stringValue, depth: 0, branch: [])
            if case .object(let old)? = previous, case .object = child.kind {
                for position in child.children.indices where old[child.children[position].name] != nil && child.children[position].jsonValue == nil {
                    child.children[position].load(old[child.children[position].name], factory: factory)
                }
            }
            field.children = [child]
        }
    }

    /// Puts the field's default (or, without one, its example) in.
    public mutating func useDefault(_ id: FieldID) {
        let factory = self.factory
        edit(id) { field in
            guard let value = field.defaultValue ?? field.example else { return }
            field.load(value, factory: factory)
        }
    }

    /// Replaces the body with JSON (from the raw editor); nothing in it is lost.
    public mutating func setBodyJSON(_ json: JSONValue?) {
        guard body != nil else { return }
        let factory = self.factory
        edit(.body) { $0.load(json, factory: factory) }
        validateAll()
    }

    /// Sets a parameter from a value (a saved request, a command line `-p`).
    public mutating func setParameter(_ name: String, in location: ParameterLocation, to value: JSONValue?) {
        let factory = self.factory
        edit(.parameter(name, in: location)) { $0.load(value, factory: factory) }
    }

    // MARK: - Validation

    public mutating func validateAll() {
        let validator = factory.validator
        for location in ParameterLocation.allCases {
            guard var fields = parameters[location] else { continue }
            for index in fields.indices { Self.validateTree(&fields[index], validator) }
            parameters[location] = fields
        }
        if var field = body {
            Self.validateTree(&field, validator)
            body = field
        }
    }

    private static func validateTree(_ field: inout FormField, _ validator: SchemaValidator) {
        for index in field.children.indices { validateTree(&field.children[index], validator) }
        validate(&field, validator)
    }

    /// This field's own errors: its value against its schema; for a composite, only the errors about
    /// itself (its children report their own).
    private static func validate(_ field: inout FormField, _ validator: SchemaValidator) {
        guard let value = field.jsonValue else {
            field.errors = field.required ? ["required"] : []
            return
        }
        guard let compiled = field.compiled, !field.holdsPlaceholder else {
            field.errors = []
            return
        }
        let errors = validator.validate(value, against: compiled)
        if field.isLeaf || field.mismatch != nil {
            field.errors = errors.map { $0.path.isEmpty ? $0.message : "\($0.readablePath): \($0.message)" }
        } else {
            let childNames = Set(field.children.map(\.name))
            field.errors = errors.filter { $0.path.isEmpty && !($0.keyword == "required" && childNames.contains(Self.quotedName($0.message))) }
                .map(\.message)
        }
    }

    private static func quotedName(_ message: String) -> String {
        guard let start = message.firstIndex(of: "\""), let end = message[message.index(after: start)...].firstIndex(of: "\"") else { return "" }
        return String(message[message.index(after: start)..<end])
    }

    private static func renumber(_ field: inout FormField) {
        for index in field.children.indices { field.children[index].name = "[\(index)]" }
    }

    // MARK: - Tree access

    private func rootDepth(_ id: FieldID) -> Int {
        if case .parameter = id.section { return 1 }
        return 0
    }

    private func root(_ id: FieldID) -> FormField? {
        switch id.section {
        case .body: return body
        case .parameter(let location):
            guard let first = id.path.first else { return nil }
            return parameters[location]?.first { $0.key == first }
        }
    }

    /// Applies `change` to the field at `id`, then re-validates it and every field that contains it.
    private mutating func edit(_ id: FieldID, _ change: (inout FormField) -> Void) {
        let validator = factory.validator
        func descend(_ field: inout FormField, _ path: ArraySlice<FieldKey>) {
            if let next = path.first {
                guard let index = field.children.firstIndex(where: { $0.key == next }) else { return }
                descend(&field.children[index], path.dropFirst())
            } else {
                change(&field)
                Self.validateTree(&field, validator)
                return
            }
            Self.validate(&field, validator)
        }
        switch id.section {
        case .body:
            guard var field = body else { return }
            descend(&field, id.path[...])
            body = field
        case .parameter(let location):
            guard let first = id.path.first, var fields = parameters[location], let index = fields.firstIndex(where: { $0.key == first }) else { return }
            descend(&fields[index], id.path.dropFirst())
            parameters[location] = fields
        }
    }
}
