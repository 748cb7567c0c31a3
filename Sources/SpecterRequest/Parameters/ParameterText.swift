import SpecterJSON
import SpecterSpec

/// Text given for a parameter (typed on the command line, or filled into a `{{placeholder}}`), read
/// as the JSON value its schema declares: strings stay strings; other types are read as JSON when
/// the text parses (`7` an integer, `true` a boolean); repeated values make an array.
public enum ParameterText {
    /// The JSON type a parameter's schema declares, following references (`nil` when it says none).
    public static func schemaType(of parameter: APIParameter, in documents: DocumentSet) -> String? {
        guard let schema = parameter.schema, let value = try? documents.dereference(schema.value, at: schema.address).value else { return nil }
        switch value["type"] {
        case .string(let type)?: return type
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" }
        default: return value["enum"] != nil ? "string" : nil
        }
    }

    public static func value(_ values: [String], type: String?) -> JSONValue {
        func single(_ text: String, as type: String?) -> JSONValue {
            if type == "string" { return .string(text) }
            if let parsed = try? JSONParser.parse(text) { return parsed }
            return .string(text)
        }
        if type == "array" {
            if values.count == 1, values[0].hasPrefix("["), let parsed = try? JSONParser.parse(values[0]) { return parsed }
            return .array(values.map { single($0, as: nil) })
        }
        if values.count > 1 { return .array(values.map { single($0, as: type) }) }
        return single(values.first ?? "", as: type)
    }
}
