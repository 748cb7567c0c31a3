import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// An error a server reported about one input, and which input it names.
public struct ServerFieldError: Sendable, Equatable, CustomStringConvertible {
    public enum Target: Sendable, Equatable {
        case parameter(ParameterLocation, name: String)
        /// A place in the body, as path components from its root.
        case body([String])
        /// The request as a whole.
        case request
    }

    public var target: Target
    public var message: String

    public init(target: Target, message: String) {
        self.target = target
        self.message = message
    }

    public var description: String {
        switch target {
        case .parameter(let location, let name): return "\(location.rawValue) parameter \(name): \(message)"
        case .body(let path): return "body" + (path.isEmpty ? "" : "." + path.joined(separator: ".")) + ": " + message
        case .request: return message
        }
    }
}

/// Reads the error formats servers use to point at inputs: FastAPI/Pydantic's `detail[].loc` (422)
/// and RFC 9457 problem details (with an `errors` list of pointers, a common extension).
public enum ServerFieldErrors {
    public static func parse(_ response: HTTPResponse, body: ResponseBody) -> [ServerFieldError] {
        guard response.status >= 400, let json = body.json else { return [] }
        if case .array(let details)? = json["detail"] {
            return details.compactMap(pydantic)
        }
        if body.mediaType == "application/problem+json" || (json["title"] != nil && json["status"] != nil) {
            return problem(json)
        }
        return []
    }

    /// `{"loc": ["body", "pet", "age"], "msg": "…"}`; FastAPI puts the whole body under `body`.
    private static func pydantic(_ detail: JSONValue) -> ServerFieldError? {
        guard let location = detail["loc"]?.arrayValue, let message = detail["msg"]?.stringValue else { return nil }
        let path = location.map { $0.stringValue ?? $0.description }
        guard let first = path.first else { return ServerFieldError(target: .request, message: message) }
        switch first {
        case "body": return ServerFieldError(target: .body(Array(path.dropFirst())), message: message)
        case "query", "path", "header", "cookie":
            guard path.count > 1, let place = ParameterLocation(rawValue: first) else { return ServerFieldError(target: .request, message: message) }
            return ServerFieldError(target: .parameter(place, name: path[1]), message: message)
        default:
            return ServerFieldError(target: .body(path), message: message)
        }
    }

    private static func problem(_ json: JSONValue) -> [ServerFieldError] {
        var errors: [ServerFieldError] = []
        for item in json["errors"]?.arrayValue ?? json["invalid-params"]?.arrayValue ?? [] {
            let message = item["detail"]?.stringValue ?? item["reason"]?.stringValue ?? item["message"]?.stringValue ?? "invalid"
            if let pointer = item["pointer"]?.stringValue ?? item["field"]?.stringValue ?? item["name"]?.stringValue {
                let trimmed = pointer.hasPrefix("#") ? String(pointer.dropFirst()) : pointer
                let tokens = JSONPointer(trimmed)?.tokens ?? trimmed.split(separator: ".").map(String.init)
                errors.append(ServerFieldError(target: .body(tokens), message: message))
            } else {
                errors.append(ServerFieldError(target: .request, message: message))
            }
        }
        if errors.isEmpty {
            let title = json["title"]?.stringValue ?? "error"
            errors.append(ServerFieldError(target: .request, message: json["detail"]?.stringValue.map { "\(title): \($0)" } ?? title))
        }
        return errors
    }
}
