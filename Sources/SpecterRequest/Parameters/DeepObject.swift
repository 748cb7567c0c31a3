import SpecterJSON

/// The `deepObject` style at any depth, with the bracket convention Rails, PHP and Node's `qs` read:
/// `metadata[order_id]=42`, `preferred_locales[0]=en`, `tax_id_data[0][type]=eu_vat`. OpenAPI defines
/// the style for one level of object only; APIs such as Stripe declare it for arrays and nested objects.
enum DeepObject {
    /// The name of each primitive inside `value`, with its text.
    static func pairs(_ name: String, _ value: JSONValue) -> [(name: String, value: String)] {
        switch value {
        case .object(let object):
            return object.members.flatMap { pairs(name + "[" + $0.key + "]", $0.value) }
        case .array(let items):
            return items.enumerated().flatMap { pairs(name + "[\($0.offset)]", $0.element) }
        default:
            return [(name, ParameterSerializer.text(value))]
        }
    }

    /// `name%5Bkey%5D=value` pieces, each part encoded by `component` (brackets included, as `qs` decodes them).
    static func encoded(_ name: String, _ value: JSONValue, component: (String) -> String) -> [String] {
        pairs(name, value).map { component($0.name) + "=" + component($0.value) }
    }
}
