import SpecterJSON
import SpecterSpec

/// Converting fields to JSON and back, losslessly: what `form → JSON → form` and `JSON → form → JSON`
/// both preserve, including values that do not fit the schema (kept and flagged) and member order.
extension FormField {
    /// The JSON this field contributes, or `nil` when it is left out (empty and optional).
    public var jsonValue: JSONValue? {
        if isNull { return .null }
        if let mismatch { return mismatch }
        switch kind {
        case .text, .integer, .number, .boolean, .choice, .file, .json:
            return value
        case .array:
            guard isIncluded || required || hasUserContent else { return nil }
            return .array(children.compactMap(\.jsonValue))
        case .object, .map:
            guard isIncluded || required || hasUserContent else { return nil }
            var object = JSONObject()
            for child in children {
                if let value = child.jsonValue { object[child.name] = value }
            }
            if let order = memberOrder { object = Self.ordered(object, by: order) }
            return .object(object)
        case .variant:
            guard let chosen = children.first else { return nil }
            if let value = chosen.jsonValue { return value }
            // A variant that is sent sends its alternative, even with nothing typed in it yet.
            guard isIncluded || required else { return nil }
            var sent = chosen
            sent.isIncluded = true
            return sent.jsonValue
        }
    }

    /// Whether the user put anything in this field or below it (automatic values do not count).
    public var hasUserContent: Bool {
        if isNull || mismatch != nil || isIncluded { return true }
        if isLeaf { return value != nil && !isAutomatic }
        return children.contains { $0.hasUserContent }
    }

    private static func ordered(_ object: JSONObject, by order: [String]) -> JSONObject {
        var result = JSONObject()
        for key in order { if let value = object[key] { result[key] = value } }
        for member in object.members where result[member.key] == nil { result[member.key] = member.value }
        return result
    }

    /// Sets a leaf from typed text: parsed by the field's kind; text that does not parse is kept as a string.
    mutating func setText(_ newText: String) {
        text = newText
        isAutomatic = false
        isNull = false
        mismatch = nil
        guard !newText.isEmpty else {
            value = nil
            return
        }
        switch kind {
        case .integer:
            value = Int(newText.trimmingWhitespace).map(JSONValue.int) ?? Self.number(newText) ?? .string(newText)
        case .number:
            value = Self.number(newText) ?? .string(newText)
        case .boolean:
            switch newText.trimmingWhitespace.lowercased() {
            case "true": value = .bool(true)
            case "false": value = .bool(false)
            default: value = .string(newText)
            }
        case .choice(let options):
            value = options.first { Self.display($0) == newText } ?? .string(newText)
        case .json:
            value = (try? JSONParser.parse(newText)) ?? .string(newText)
        default:
            value = .string(newText)
        }
    }

    private static func number(_ text: String) -> JSONValue? {
        guard let parsed = try? JSONParser.parse(text.trimmingWhitespace), parsed.isNumber else { return nil }
        return parsed
    }

    /// How a value is shown as text in a field.
    public static func display(_ value: JSONValue) -> String {
        switch value {
        // An empty string is shown as `""`, so it is told apart from nothing entered.
        case .string(let text): return text.isEmpty ? "\"\"" : text
        case .int, .double, .bool: return value.description
        case .null: return "null"
        default: return JSONWriter.compact.string(value)
        }
    }

    /// Fills the field (and its children) from JSON. Values that do not fit are kept, never dropped.
    mutating func load(_ json: JSONValue?, factory: FieldFactory) {
        errors = []
        isAutomatic = false
        mismatch = nil
        isNull = false
        guard let json else {
            clear()
            return
        }
        if json.isNull && (nullable || !isLeaf) {
            isNull = true
            return
        }
        switch kind {
        case .text, .integer, .number, .boolean, .choice, .file:
            value = json
            text = Self.display(json)
        case .json:
            value = json
            text = JSONWriter.pretty.string(json)
        case .array:
            guard case .array(let items) = json else {
                mismatch = json
                return
            }
            isIncluded = true
            children = []
            for (index, item) in items.enumerated() {
                var element = factory.element(of: &self, name: "[\(index)]")
                element.load(item, factory: factory)
                children.append(element)
            }
            childrenPending = false
        case .object, .map:
            guard case .object(let object) = json else {
                mismatch = json
                return
            }
            isIncluded = true
            if childrenPending {
                children = factory.children(of: self, depth: 0, branch: [])
                childrenPending = false
            }
            for index in children.indices where !children[index].isExtra {
                children[index].load(object[children[index].name], factory: factory)
            }
            children.removeAll { $0.isExtra }
            for member in object.members where !children.contains(where: { $0.name == member.key }) {
                var entry = factory.element(of: &self, name: member.key)
                entry.isExtra = true
                entry.load(member.value, factory: factory)
                children.append(entry)
            }
            memberOrder = object.keys
        case .variant(let alternatives, _):
            let chosen = chooseAlternative(for: json, among: alternatives, factory: factory)
            kind = .variant(alternatives, selected: chosen)
            var child = factory.variantChild(alternatives[chosen], discriminator: schema.value["discriminator"]?["propertyName"]?.stringValue, depth: 0, branch: [])
            child.load(json, factory: factory)
            children = [child]
            childrenPending = false
        }
    }

    /// Back to empty.
    mutating func clear() {
        text = ""
        value = nil
        isNull = false
        mismatch = nil
        isIncluded = false
        memberOrder = nil
        isAutomatic = false
        switch kind {
        case .array, .map: children = []
        case .object, .variant: children = children.filter { !$0.isExtra }.map { var child = $0; child.clear(); return child }
        default: break
        }
    }

    /// The alternative a JSON value means: by discriminator, else the first it is valid against, else the closest.
    private func chooseAlternative(for json: JSONValue, among alternatives: [FormAlternative], factory: FieldFactory) -> Int {
        if let property = schema.value["discriminator"]?["propertyName"]?.stringValue, case .string(let tag)? = json[property],
           let index = alternatives.firstIndex(where: { $0.discriminatorValue == tag }) {
            return index
        }
        let scored = alternatives.enumerated().map { index, alternative in
            (index, factory.validator.validate(json, against: factory.validator.compile(alternative.schema)).count)
        }
        return scored.min { $0.1 < $1.1 }?.0 ?? 0
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
