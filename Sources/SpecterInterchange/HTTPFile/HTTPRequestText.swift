/// Every text of a request a placeholder may stand in: URL, headers, body, credentials.
enum HTTPRequestText {
    static func rewrite(_ request: ForeignRequest, _ transform: (String) -> String) -> ForeignRequest {
        var request = request
        request.url = transform(request.url)
        request.headers = request.headers.map { ForeignHeader(name: transform($0.name), value: transform($0.value)) }
        request.body = request.body.map { rewrite($0, transform) }
        request.auth = request.auth.map { rewrite($0, transform) }
        return request
    }

    private static func rewrite(_ body: ForeignBody, _ transform: (String) -> String) -> ForeignBody {
        switch body {
        case .text(let text, let mediaType): return .text(transform(text), mediaType: mediaType)
        case .form(let fields): return .form(fields.map { FormField(name: transform($0.name), value: transform($0.value)) })
        case .file(let path, let mediaType): return .file(path: transform(path), mediaType: mediaType)
        case .multipart(let parts):
            return .multipart(parts.map { part in
                var part = part
                part.name = transform(part.name)
                switch part.content {
                case .text(let text): part.content = .text(transform(text))
                case .file(let path, let filename): part.content = .file(path: transform(path), filename: filename.map(transform))
                }
                return part
            })
        }
    }

    private static func rewrite(_ auth: ForeignAuth, _ transform: (String) -> String) -> ForeignAuth {
        switch auth {
        case .basic(let user, let password): return .basic(user: transform(user), password: transform(password))
        case .digest(let user, let password): return .digest(user: transform(user), password: transform(password))
        case .bearer(let token): return .bearer(token: transform(token))
        case .apiKey(let name, let value, let inQuery): return .apiKey(name: transform(name), value: transform(value), inQuery: inQuery)
        }
    }
}
