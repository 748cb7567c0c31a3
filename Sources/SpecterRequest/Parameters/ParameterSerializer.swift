import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// A parameter written out for its place in the request, already percent-encoded where that place needs it.
public enum SerializedParameter: Sendable, Equatable {
    /// Replaces `{name}` in the path template.
    case path(String)
    /// `name=value` pairs (encoded) for the query string, in order.
    case query([String])
    case header(String)
    /// `name=value` cookie pairs.
    case cookie([String])
    /// The whole query string (a `querystring` parameter), encoded, without the `?`.
    case queryString(String)
}

/// Why a value cannot be written for its parameter.
public struct SerializationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var parameter: String
    public var reason: String

    public var description: String { "parameter \"\(parameter)\": \(reason)" }
}

/// Writes parameter values exactly as OpenAPI defines: every `style` × `explode` for path (`simple`,
/// `label`, `matrix`), query (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`), header
/// (`simple`) and cookie (`form`), for primitives, arrays and objects; `allowReserved`; parameters
/// described by `content` (JSON); and Swagger 2.0's `tsv` collection format. A 3.2 `querystring`
/// parameter is the whole query string: a form from an object, or JSON or text encoded as one piece.
public enum ParameterSerializer {
    public static func serialize(_ parameter: APIParameter, value: JSONValue) throws(SerializationError) -> SerializedParameter {
        if parameter.location == .querystring, Self.isForm(parameter.content.first) {
            return try formQueryString(parameter, value)
        }
        if let media = parameter.content.first {
            let text = MediaType.isJSON(media.name) || media.name.isEmpty ? JSONWriter.compact.string(value) : Self.text(value)
            return try serializePrimitive(parameter, text)
        }
        if parameter.location == .query, parameter.style == .deepObject, value.arrayValue != nil || value.objectValue != nil {
            return .query(DeepObject.encoded(parameter.name, value, component: URLEncoding.queryComponent))
        }
        switch value {
        case .array(let items):
            return try serialize(parameter, array: items.map(Self.text))
        case .object(let object):
            return try serialize(parameter, object: object.members.map { ($0.key, Self.text($0.value)) })
        default:
            return try serializePrimitive(parameter, Self.text(value))
        }
    }

    /// A `querystring` parameter without a media type is a form, as it almost always is.
    private static func isForm(_ media: APIMediaType?) -> Bool {
        media.map { MediaType.essence(of: $0.name) == "application/x-www-form-urlencoded" } ?? true
    }

    /// The whole query string as a form, following the media type's encoding object like a form body.
    private static func formQueryString(_ parameter: APIParameter, _ value: JSONValue) throws(SerializationError) -> SerializedParameter {
        do throws(BodyError) {
            return .queryString(try BodyEncoder.formURLEncoded(value, encoding: parameter.content.first?.encoding ?? []))
        } catch {
            throw SerializationError(parameter: parameter.name, reason: "the whole query string is a form: give an object of fields")
        }
    }

    /// A primitive value as text: strings as they are, numbers and booleans in JSON form, null as empty.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return ""
        case .int, .double, .bool: return value.description
        default: return JSONWriter.compact.string(value)
        }
    }

    private static func serializePrimitive(_ parameter: APIParameter, _ text: String) throws(SerializationError) -> SerializedParameter {
        let name = parameter.name
        switch parameter.location {
        case .path:
            let encoded = URLEncoding.pathValue(text)
            switch parameter.style {
            case .label: return .path("." + encoded)
            case .matrix: return .path(";" + URLEncoding.pathValue(name) + (text.isEmpty ? "" : "=" + encoded))
            default: return .path(encoded)
            }
        case .query:
            return .query([URLEncoding.queryComponent(name) + "=" + queryValue(text, parameter)])
        case .querystring:
            return .queryString(queryValue(text, parameter))
        case .header:
            return .header(try headerValue(text, parameter))
        case .cookie:
            return .cookie([name + "=" + URLEncoding.cookieValue(text)])
        }
    }

    private static func serialize(_ parameter: APIParameter, array items: [String]) throws(SerializationError) -> SerializedParameter {
        let name = parameter.name
        let explode = parameter.explode
        switch parameter.location {
        case .path:
            let encoded = items.map(URLEncoding.pathValue)
            switch parameter.style {
            case .label: return .path("." + encoded.joined(separator: explode ? "." : ","))
            case .matrix:
                let key = URLEncoding.pathValue(name)
                return .path(explode ? encoded.map { ";\(key)=\($0)" }.joined() : ";\(key)=" + encoded.joined(separator: ","))
            default: return .path(encoded.joined(separator: ","))
            }
        case .query, .querystring:
            let key = URLEncoding.queryComponent(name)
            let values = items.map { queryValue($0, parameter) }
            switch parameter.style {
            case .spaceDelimited where !explode: return .query(["\(key)=" + values.joined(separator: "%20")])
            case .pipeDelimited where !explode: return .query(["\(key)=" + values.joined(separator: "%7C")])
            case .tabDelimited where !explode: return .query(["\(key)=" + values.joined(separator: "%09")])
            default: return .query(explode ? values.map { "\(key)=\($0)" } : ["\(key)=" + values.joined(separator: ",")])
            }
        case .header:
            return .header(try headerValue(items.joined(separator: ","), parameter))
        case .cookie:
            let values = items.map(URLEncoding.cookieValue)
            return .cookie(explode ? values.map { "\(name)=\($0)" } : ["\(name)=" + values.joined(separator: ",")])
        }
    }

    private static func serialize(_ parameter: APIParameter, object members: [(String, String)]) throws(SerializationError) -> SerializedParameter {
        let name = parameter.name
        let explode = parameter.explode
        switch parameter.location {
        case .path:
            let pairs = members.map { (URLEncoding.pathValue($0.0), URLEncoding.pathValue($0.1)) }
            let flat = pairs.flatMap { [$0.0, $0.1] }
            switch parameter.style {
            case .label: return .path("." + (explode ? pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ".") : flat.joined(separator: ",")))
            case .matrix:
                return .path(explode ? pairs.map { ";\($0.0)=\($0.1)" }.joined() : ";\(URLEncoding.pathValue(name))=" + flat.joined(separator: ","))
            default: return .path(explode ? pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ",") : flat.joined(separator: ","))
            }
        case .query, .querystring:
            let key = URLEncoding.queryComponent(name)
            let pairs = members.map { (URLEncoding.queryComponent($0.0), queryValue($0.1, parameter)) }
            let flat = pairs.flatMap { [$0.0, $0.1] }
            switch parameter.style {
            case .spaceDelimited where !explode: return .query(["\(key)=" + flat.joined(separator: "%20")])
            case .pipeDelimited where !explode: return .query(["\(key)=" + flat.joined(separator: "%7C")])
            default: return .query(explode ? pairs.map { "\($0.0)=\($0.1)" } : ["\(key)=" + flat.joined(separator: ",")])
            }
        case .header:
            let text = explode ? members.map { "\($0.0)=\($0.1)" }.joined(separator: ",") : members.flatMap { [$0.0, $0.1] }.joined(separator: ",")
            return .header(try headerValue(text, parameter))
        case .cookie:
            let pairs = members.map { ($0.0, URLEncoding.cookieValue($0.1)) }
            return .cookie(explode ? pairs.map { "\($0.0)=\($0.1)" } : ["\(name)=" + pairs.flatMap { [$0.0, $0.1] }.joined(separator: ",")])
        }
    }

    private static func queryValue(_ text: String, _ parameter: APIParameter) -> String {
        parameter.allowReserved ? URLEncoding.queryComponentKeepingReserved(text) : URLEncoding.queryComponent(text)
    }

    /// Header values are sent as written; a line break would split the header, so it is refused.
    private static func headerValue(_ text: String, _ parameter: APIParameter) throws(SerializationError) -> String {
        guard !text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw SerializationError(parameter: parameter.name, reason: "a header value cannot contain a line break")
        }
        return text
    }
}
