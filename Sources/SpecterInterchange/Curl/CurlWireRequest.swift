import Foundation

/// The request curl sends for a `ForeignRequest`: method, request target, the headers the request
/// decides and the body bytes. What depends on the curl build or the connection (Host,
/// User-Agent, Accept, the multipart boundary) is left out, so an import can be checked against
/// curl's own records of what it sent, and a user can be shown what a request will send.
public struct CurlWireRequest: Sendable, Equatable {
    /// One part of a multipart body, compared part by part since boundaries differ between runs.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var content: [UInt8]

        public init(name: String, filename: String?, contentType: String?, content: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.content = content
        }
    }

    public enum Body: Sendable, Equatable {
        case bytes([UInt8])
        case multipart([Part])
    }

    public var method: String
    /// The URL with the scheme curl assumes when it has none.
    public var url: String
    /// The path and query as on the request line (`/a?b=1`), the fragment left out.
    public var target: String
    public var headers: [ForeignHeader]
    public var body: Body?

    public init(method: String, url: String, target: String, headers: [ForeignHeader], body: Body?) {
        self.method = method
        self.url = url
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The request as curl sends it; `readFile` gives the files the body sends.
    public static func render<Failure: Error>(_ request: ForeignRequest, readFile: (String) throws(Failure) -> [UInt8]) throws(Failure) -> CurlWireRequest {
        var url = CurlRequestBuilder.withScheme(request.url)
        if case .apiKey(let name, let value, true) = request.auth {
            url = CurlRequestBuilder.appendingQuery(CurlURLEncoding.encodeStrictly(name) + "=" + CurlURLEncoding.encodeStrictly(value), to: url)
        }
        var headers = authorizationHeaders(request.auth) + request.headers
        let body = try request.body.map { body throws(Failure) in try render(body, readFile: readFile) }
        let isSet = { (name: String) in headers.contains { $0.name.lowercased() == name.lowercased() } }
        if let contentType = contentType(of: request.body), !isSet("Content-Type") {
            headers.append(ForeignHeader(name: "Content-Type", value: contentType))
        }
        if case .bytes(let bytes) = body, !isSet("Content-Length") {
            headers.append(ForeignHeader(name: "Content-Length", value: String(bytes.count)))
        }
        return CurlWireRequest(method: request.method, url: url, target: target(of: url), headers: headers, body: body)
    }

    private static func authorizationHeaders(_ auth: ForeignAuth?) -> [ForeignHeader] {
        switch auth {
        case .basic(let user, let password):
            [ForeignHeader(name: "Authorization", value: "Basic " + Data((user + ":" + password).utf8).base64EncodedString())]
        case .bearer(let token):
            [ForeignHeader(name: "Authorization", value: "Bearer " + token)]
        case .apiKey(let name, let value, false):
            [ForeignHeader(name: name, value: value)]
        case .digest, .apiKey, nil:
            []
        }
    }

    private static func contentType(of body: ForeignBody?) -> String? {
        switch body {
        case .text(_, let mediaType), .file(_, let mediaType): mediaType
        case .form: "application/x-www-form-urlencoded"
        case .multipart: "multipart/form-data"
        case nil: nil
        }
    }

    private static func render<Failure: Error>(_ body: ForeignBody, readFile: (String) throws(Failure) -> [UInt8]) throws(Failure) -> Body {
        switch body {
        case .text(let text, _):
            return .bytes(Array(text.utf8))
        case .file(let path, _):
            return .bytes(try readFile(path))
        case .form(let fields):
            let encoded = fields.map { CurlURLEncoding.encodeStrictly($0.name) + "=" + CurlURLEncoding.encode($0.value) }
            return .bytes(Array(encoded.joined(separator: "&").utf8))
        case .multipart(let parts):
            var rendered: [Part] = []
            for part in parts {
                rendered.append(try render(part, readFile: readFile))
            }
            return .multipart(rendered)
        }
    }

    private static func render<Failure: Error>(_ part: MultipartPart, readFile: (String) throws(Failure) -> [UInt8]) throws(Failure) -> Part {
        switch part.content {
        case .text(let text):
            return Part(name: part.name, filename: nil, contentType: part.mediaType, content: Array(text.utf8))
        case .file(let path, let filename):
            let sentName = filename ?? path.split(separator: "/").last.map(String.init) ?? path
            return Part(name: part.name, filename: sentName, contentType: part.mediaType ?? CurlMediaTypes.guess(forFileNamed: path),
                        content: try readFile(path))
        }
    }

    /// The request target of a URL: its path (or `/`) and query, without the fragment.
    static func target(of url: String) -> String {
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? url[...]
        let withoutFragment = afterScheme.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? afterScheme
        guard let start = withoutFragment.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let target = withoutFragment[start...]
        return target.hasPrefix("?") ? "/" + target : String(target)
    }
}

/// The Content-Type curl gives a file part from its name's extension.
enum CurlMediaTypes {
    static func guess(forFileNamed name: String) -> String {
        let types = ["gif": "image/gif", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "svg": "image/svg+xml", "txt": "text/plain",
                     "htm": "text/html", "html": "text/html", "pdf": "application/pdf", "xml": "application/xml"]
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
