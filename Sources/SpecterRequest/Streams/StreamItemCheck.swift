import SpecterHTTP
import SpecterJSON
import SpecterSchema
import SpecterSpec

/// Checks each item of a stream against the description, with the description's compiled schemas.
///
/// The schema is the media type's `itemSchema` (OpenAPI 3.2) or, without one, the schema given for
/// the stream (`schema`; its `items` when it describes an array), which descriptions written before
/// 3.2 use for each item. For `text/event-stream` an `itemSchema` describes the event as an object
/// (`data`, `event`, `id`, `retry`, as the 3.2 specification models Server-Sent Events); `data` is a
/// string there, and when it holds JSON the parsed value is tried too (so `data: {$ref: Pet}` works),
/// and a `contentSchema` on `data` is checked against the parsed value. A schema given for the stream
/// applies to each event's data.
public struct StreamItemCheck: Sendable {
    public enum Source: String, Sendable, Equatable {
        case itemSchema
        case streamSchema = "schema"
    }

    public let format: StreamFormat
    public let source: Source
    /// The documented response and media type the schema is from (`200 text/event-stream`).
    public let place: String
    private let validator: SchemaValidator
    private let schema: SchemaValidator.Compiled
    private let dataSchema: SchemaValidator.Compiled?

    /// The check for a stream with this head, or `nil` when the description gives no schema for its items.
    public init?(service: DescriptionService, operation: APIOperation, head: HTTPResponse, format: StreamFormat) {
        guard service.lists(operation), let documented = operation.response(for: head.status),
              let media = documented.mediaType(matching: head.headers["Content-Type"]) else { return nil }
        let chosen: (SchemaRef, Source)
        if let item = media.itemSchema {
            chosen = (item, .itemSchema)
        } else if let whole = media.schema {
            chosen = (Self.itemsOf(whole) ?? whole, .streamSchema)
        } else {
            return nil
        }
        self.format = format
        source = chosen.1
        place = "\(documented.status) \(media.name)"
        validator = service.responseValidator
        schema = validator.compile(chosen.0)
        if format == .serverSentEvents, source == .itemSchema, let content = chosen.0.value["properties"]?["data"]?["contentSchema"] {
            dataSchema = validator.compile(SchemaRef(value: content, address: chosen.0.address.appending("properties").appending("data").appending("contentSchema")))
        } else {
            dataSchema = nil
        }
    }

    /// Where the item does not match (nothing for a problem entry: it has no value to check).
    public func mismatches(_ item: StreamItem) -> [ValidationError] {
        guard item.problem == nil else { return [] }
        guard format == .serverSentEvents, source == .itemSchema else {
            return validator.validate(item.json ?? .string(item.data), against: schema)
        }
        var event = Self.eventObject(item, data: .string(item.data))
        let asText = validator.validate(.object(event), against: schema)
        guard let json = item.json else { return asText }
        guard asText.isEmpty else {
            event["data"] = json
            let asJSON = validator.validate(.object(event), against: schema)
            return asJSON.count < asText.count ? asJSON : asText
        }
        guard let dataSchema else { return [] }
        return validator.validate(json, against: dataSchema).map { ValidationError(path: [.key("data")] + $0.path, keyword: $0.keyword, message: $0.message) }
    }

    /// The event as the 3.2 specification models it: only the fields it had.
    private static func eventObject(_ item: StreamItem, data: JSONValue) -> JSONObject {
        var event: JSONObject = ["data": data]
        if let name = item.event { event["event"] = .string(name) }
        if let id = item.id { event["id"] = .string(id) }
        if let retry = item.retry { event["retry"] = .int(retry) }
        return event
    }

    /// An array schema's `items`, written in place (not through a reference).
    private static func itemsOf(_ schema: SchemaRef) -> SchemaRef? {
        guard schema.value["type"]?.stringValue == "array", let items = schema.value["items"], items.objectValue != nil else { return nil }
        return SchemaRef(value: items, address: schema.address.appending("items"))
    }
}
