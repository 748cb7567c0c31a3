import Foundation

/// Postman's built-in `{{$name}}` variables in Specter's spelling; the ones Specter lacks are
/// collected so the request can say so.
struct PostmanDynamicVariables {
    /// Postman's `{{$randomInt}}` has no bounds (it gives 0 to 1000); Specter's needs them.
    static let randomIntBounds = "0 1000"

    private static let renamed: [String: String] = [
        "$guid": "$uuid",
        "$randomUUID": "$uuid",
        "$timestamp": "$timestamp",
        "$isoTimestamp": "$isoTimestamp",
        "$randomInt": "$randomInt \(randomIntBounds)",
    ]

    /// Names without a Specter equivalent, in the order met (each once).
    private(set) var unknown: [String] = []
    /// Whether a `{{$randomInt}}` was given bounds.
    private(set) var boundedRandomInt = false

    mutating func rewrite(_ text: String) -> String {
        guard text.contains("{{$") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{$") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let name = "$" + rest[open.upperBound..<close.lowerBound]
            output += rest[..<open.lowerBound]
            if let specter = Self.renamed[String(name)] {
                output += "{{\(specter)}}"
                if name == "$randomInt" { boundedRandomInt = true }
            } else {
                output += rest[open.lowerBound..<close.upperBound]
                if !unknown.contains(String(name)) { unknown.append(String(name)) }
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    mutating func rewrite(_ request: ForeignRequest) -> ForeignRequest {
        var copy = request
        copy.url = rewrite(request.url)
        copy.headers = request.headers.map { ForeignHeader(name: rewrite($0.name), value: rewrite($0.value)) }
        if let body = request.body { copy.body = rewrite(body) }
        if let auth = request.auth { copy.auth = rewrite(auth) }
        return copy
    }

    private mutating func rewrite(_ body: ForeignBody) -> ForeignBody {
        switch body {
        case .text(let text, let mediaType): return .text(rewrite(text), mediaType: mediaType)
        case .form(let fields): return .form(fields.map { FormField(name: rewrite($0.name), value: rewrite($0.value)) })
        case .multipart(let parts):
            return .multipart(parts.map { part in
                guard case .text(let text) = part.content else { return part }
                return MultipartPart(name: rewrite(part.name), content: .text(rewrite(text)), mediaType: part.mediaType)
            })
        case .file: return body
        }
    }

    private mutating func rewrite(_ auth: ForeignAuth) -> ForeignAuth {
        switch auth {
        case .basic(let user, let password): return .basic(user: rewrite(user), password: rewrite(password))
        case .digest(let user, let password): return .digest(user: rewrite(user), password: rewrite(password))
        case .bearer(let token): return .bearer(token: rewrite(token))
        case .apiKey(let name, let value, let inQuery): return .apiKey(name: rewrite(name), value: rewrite(value), inQuery: inQuery)
        }
    }
}
