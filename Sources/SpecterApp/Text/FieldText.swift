import SpecterRequest
import SpecterSchema
import SpecterSpec

/// What the form says about a field besides its value: its type with every constraint (never cut:
/// a bound that does not fit goes on the line below), and the placeholder of an empty one.
enum FieldText {
    /// `integer? 1–200000 · int32`: the type, `?` when it may be null, then every hint.
    static func typeLabel(_ field: FormField) -> String {
        var label: String
        switch field.kind {
        case .text: label = "string"
        case .integer: label = "integer"
        case .number: label = "number"
        case .boolean: label = "boolean"
        case .choice: label = "one of"
        case .file: label = "file (@path)"
        case .array: label = "list"
        case .object: label = "object"
        case .map: label = "map"
        case .variant: label = "one of"
        case .json: label = "JSON"
        }
        if field.nullable { label += "?" }
        let hints = field.hints.filter { $0 != "binary" }
        return hints.isEmpty ? label : label + " " + hints.joined(separator: " · ")
    }

    /// What a value holding `{{placeholders}}` will send, from the variables in use: `= 1`, or the
    /// names defined nowhere (`defined` false), or that a built-in is filled when sent.
    static func resolution(of text: String, variables: [String: String]) -> (text: String, defined: Bool) {
        if case .unclosed? = (Placeholders.problem(in: text)) { return ("a {{ is not closed with }}", false) }
        let undefined = Placeholders.names(in: text).filter { variables[$0] == nil }
        if !undefined.isEmpty { return (undefined.map { "{{\($0)}}" }.joined(separator: ", ") + " not defined (F2, the environment, or the collection)", false) }
        if text.contains("{{$") { return ("filled when sent", true) }
        guard let filled = try? Placeholders.fill(text, from: VariableScope(values: variables)) else { return ("filled when sent", true) }
        return ("= " + filled, true)
    }

    static func placeholder(_ field: FormField) -> String {
        if let value = field.defaultValue { return "default " + FormField.display(value) + " · Ctrl-D" }
        if let example = field.example { return "e.g. " + FormField.display(example) + " · Ctrl-D" }
        if case .choice(let values) = field.kind { return values.prefix(4).map(FormField.display).joined(separator: " | ") + (values.count > 4 ? " …" : "") }
        if case .boolean = field.kind { return "true | false · Space" }
        if case .file = field.kind { return "a file to send: @path or path" }
        return field.required ? "required" : "optional"
    }
}
