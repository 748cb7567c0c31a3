/// Which rules a schema is read by.
///
/// OpenAPI 3.0 and Swagger 2.0 schemas are draft-4 JSON Schema with OpenAPI's additions;
/// OpenAPI 3.1 schemas are JSON Schema 2020-12. The dialect follows the document's version,
/// and an explicit `$schema` in a schema wins.
public enum SchemaDialect: Sendable, Equatable {
    /// JSON Schema draft 4, as written.
    case draft4
    /// JSON Schema 2020-12, as written.
    case draft2020_12
    /// Swagger 2.0 / OpenAPI 3.0: draft 4 plus `nullable`, `x-nullable`, `discriminator`, `readOnly`/`writeOnly`;
    /// `id` is not an identifier there.
    case openAPI30
    /// OpenAPI 3.1: 2020-12, also honouring the 3.0 `nullable` that converted documents still carry.
    case openAPI31

    /// The dialect a document's schemas are written in.
    public static func of(_ version: String) -> SchemaDialect {
        version.hasPrefix("3.1") || version.hasPrefix("3.2") ? .openAPI31 : .openAPI30
    }

    var isModern: Bool { self == .draft2020_12 || self == .openAPI31 }
    var honoursNullable: Bool { self == .openAPI30 || self == .openAPI31 }
    var identifierKeyword: String? {
        switch self {
        case .draft4: return "id"
        case .openAPI30: return nil
        case .draft2020_12, .openAPI31: return "$id"
        }
    }

    /// The dialect a `$schema` URI names, if it names one Specter knows.
    static func named(_ uri: String) -> SchemaDialect? {
        let trimmed = uri.hasSuffix("#") ? String(uri.dropLast()) : uri
        switch trimmed {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": return .draft4
        case "https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft/2020-12/schema": return .draft2020_12
        case "https://spec.openapis.org/oas/3.1/dialect/base", "https://spec.openapis.org/oas/3.1/dialect/2024-10-25": return .openAPI31
        default: return nil
        }
    }
}

/// Which way data travels: `readOnly` properties must not be sent, `writeOnly` ones are not returned.
public enum ValidationDirection: Sendable, Equatable {
    case request, response, neutral
}

/// The 2020-12 vocabularies; a metaschema's `$vocabulary` decides which apply.
struct Vocabularies: OptionSet, Sendable {
    let rawValue: Int

    static let core = Vocabularies(rawValue: 1)
    static let applicator = Vocabularies(rawValue: 2)
    static let unevaluated = Vocabularies(rawValue: 4)
    static let validation = Vocabularies(rawValue: 8)
    static let metaData = Vocabularies(rawValue: 16)
    static let formatAnnotation = Vocabularies(rawValue: 32)
    static let formatAssertion = Vocabularies(rawValue: 64)
    static let content = Vocabularies(rawValue: 128)

    static let standard: Vocabularies = [.core, .applicator, .unevaluated, .validation, .metaData, .formatAnnotation, .content]

    static func named(_ uri: String) -> Vocabularies? {
        let prefix = "https://json-schema.org/draft/2020-12/vocab/"
        guard uri.hasPrefix(prefix) else { return nil }
        switch uri.dropFirst(prefix.count) {
        case "core": return .core
        case "applicator": return .applicator
        case "unevaluated": return .unevaluated
        case "validation": return .validation
        case "meta-data": return .metaData
        case "format-annotation": return .formatAnnotation
        case "format-assertion": return .formatAssertion
        case "content": return .content
        default: return nil
        }
    }
}
