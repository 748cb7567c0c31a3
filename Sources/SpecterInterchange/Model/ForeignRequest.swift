/// One request as another tool wrote it (a curl command line, an `.http` entry, a Postman item, a
/// HAR entry, a Hurl entry), in terms every importer shares. Matching it to the description's
/// operation is a separate step; until then it is exactly what the file said.
///
/// Values keep their `{{variable}}` placeholders: `.http`, Postman and Hurl write variables the way
/// Specter does, so they stay variables.
public struct ForeignRequest: Sendable, Equatable {
    /// The name the file gave it (a Postman item's, an `.http` `### title`), if any.
    public var name: String?
    /// The folders it sits in, outermost first (a Postman collection's folders); empty for most formats.
    public var folder: [String] = []
    /// Upper case, as sent (`GET`, `POST`, a custom method as written).
    public var method: String
    /// The whole URL, query string included, as the file wrote it (placeholders kept).
    public var url: String
    /// In the order written; names as written.
    public var headers: [ForeignHeader]
    public var body: ForeignBody?
    public var auth: ForeignAuth?
    /// Variables the request takes from its response, as Specter capture queries (`$.id`, `header Location`).
    public var captures: [ForeignCapture]
    /// Checks on the response, as Specter assertion lines (`status == 201`).
    public var asserts: [String]
    /// Where it was read.
    public var place: SourcePlace
    /// What the file said that this request does not carry.
    public var notes: [ImportNote]
    /// Placeholders of `url`, after its first `serverLength` characters (the server's own URL, whose
    /// placeholders are filled as they are), where Specter percent-encodes the value it fills in (a path
    /// or query parameter's), as an export knows them: a format that fills them itself (a curl script) must too.
    public var encodedVariables: Set<String> = []
    public var serverLength = 0

    public init(name: String? = nil, method: String, url: String, headers: [ForeignHeader] = [], body: ForeignBody? = nil, auth: ForeignAuth? = nil,
                captures: [ForeignCapture] = [], asserts: [String] = [], place: SourcePlace, notes: [ImportNote] = []) {
        self.name = name
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.auth = auth
        self.captures = captures
        self.asserts = asserts
        self.place = place
        self.notes = notes
    }

    /// The value of the first header of that name (names compare without case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value (URL, headers, body, credentials, assertions) with each `{{NAME}}` that `renamed`
    /// holds written `{{renamed[NAME]}}`: what an export wrote in the format's terms, back in Specter's.
    func renamingPlaceholders(_ renamed: [String: String]) -> ForeignRequest {
        guard !renamed.isEmpty else { return self }
        func restored(_ text: String) -> String {
            renamed.reduce(text) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: "{{\($1.value)}}") }
        }
        var request = self
        request.url = restored(url)
        request.headers = headers.map { ForeignHeader(name: $0.name, value: restored($0.value)) }
        request.body = body.map { $0.mappingTexts(restored) }
        request.auth = auth.map { $0.mappingTexts(restored) }
        request.asserts = asserts.map(restored)
        return request
    }
}

public struct ForeignHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request body as the file gave it.
public enum ForeignBody: Sendable, Equatable {
    /// Bytes sent as they are (text; `mediaType` from the file's Content-Type or format, if it said).
    case text(String, mediaType: String?)
    /// `application/x-www-form-urlencoded` fields, decoded, in order.
    case form([FormField])
    /// `multipart/form-data` parts, in order.
    case multipart([MultipartPart])
    /// The contents of a file, read when the request is sent (`< ./body.json`, `@file`).
    case file(path: String, mediaType: String?)

    /// The same body with `transform` applied to every text it sends (not to names, paths or media types).
    func mappingTexts(_ transform: (String) -> String) -> ForeignBody {
        switch self {
        case .text(let text, let mediaType): return .text(transform(text), mediaType: mediaType)
        case .form(let fields): return .form(fields.map { FormField(name: $0.name, value: transform($0.value)) })
        case .multipart(let parts):
            return .multipart(parts.map { part in
                guard case .text(let text) = part.content else { return part }
                return MultipartPart(name: part.name, content: .text(transform(text)), mediaType: part.mediaType)
            })
        case .file: return self
        }
    }
}

public struct FormField: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct MultipartPart: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case text(String)
        /// A file sent as the part's content; `filename` overrides the name the part announces.
        case file(path: String, filename: String?)
    }

    public var name: String
    public var content: Content
    public var mediaType: String?

    public init(name: String, content: Content, mediaType: String? = nil) {
        self.name = name
        self.content = content
        self.mediaType = mediaType
    }
}

/// Credentials the file set apart from its headers (curl `-u`, a Postman auth block, `.http` `Authorization: Basic user pass`).
/// Values may be placeholders; a literal secret is turned into a reference when it is saved.
public enum ForeignAuth: Sendable, Equatable {
    case basic(user: String, password: String)
    case digest(user: String, password: String)
    case bearer(token: String)
    /// A key sent as a header or a query parameter.
    case apiKey(name: String, value: String, inQuery: Bool)

    /// The same credentials with `transform` applied to every value (not to a key's name).
    func mappingTexts(_ transform: (String) -> String) -> ForeignAuth {
        switch self {
        case .basic(let user, let password): return .basic(user: transform(user), password: transform(password))
        case .digest(let user, let password): return .digest(user: transform(user), password: transform(password))
        case .bearer(let token): return .bearer(token: transform(token))
        case .apiKey(let name, let value, let inQuery): return .apiKey(name: name, value: transform(value), inQuery: inQuery)
        }
    }
}

public struct ForeignCapture: Sendable, Equatable {
    public var variable: String
    /// A Specter capture query (`$.token`, `header Location`, `cookie session`, `status`, `body`, with an optional `regex "…"`).
    public var query: String

    public init(variable: String, query: String) {
        self.variable = variable
        self.query = query
    }
}

/// A place in an imported file: its path and, when known, the line (1-based).
public struct SourcePlace: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// Something an importer read but could not carry over (a script, an auth type Specter lacks, an
/// option curl has and Specter does not), or a choice it made that the user should know about.
public struct ImportNote: Sendable, Equatable, CustomStringConvertible {
    public var place: SourcePlace
    public var message: String

    public init(place: SourcePlace, _ message: String) {
        self.place = place
        self.message = message
    }

    public var description: String { place.file.isEmpty ? message : "\(place): \(message)" }
}
