import Foundation

/// A request as Specter will send it: exactly these fields, in this order.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaders
    public var body: [UInt8]?
    /// Where credentials were placed, so a redirect to another origin can take them all out.
    public var credentials: CredentialPlacement

    public init(method: String = "GET", url: URL, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8]? = nil,
                credentials: CredentialPlacement = CredentialPlacement()) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
        self.credentials = credentials
    }
}

/// The parts of a request that carry credentials: headers, query parameters and cookies set from a
/// security scheme, and headers the user marked as credentials. `Authorization`, `Cookie` and
/// `Proxy-Authorization` always count.
public struct CredentialPlacement: Sendable, Equatable {
    public var headers: [String]
    public var queryParameters: [String]
    public var cookies: [String]

    public init(headers: [String] = [], queryParameters: [String] = [], cookies: [String] = []) {
        self.headers = headers
        self.queryParameters = queryParameters
        self.cookies = cookies
    }
}

/// One redirect that was followed: what answered, and where it pointed.
public struct RedirectHop: Sendable, Equatable {
    public var status: Int
    public var from: URL
    public var to: URL
    /// Credentials taken out because the redirect left the original origin, as people name them
    /// (`Authorization`, `X-API-Key`, `query parameter api_key`).
    public var dropped: [String]

    public init(status: Int, from: URL, to: URL, dropped: [String] = []) {
        self.status = status
        self.from = from
        self.to = to
        self.dropped = dropped
    }
}

/// A response as it arrived: status, headers in order, the decoded body, and timing.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var headers: HTTPHeaders
    /// Body bytes after transfer decoding (gzip/deflate are undone by the transport), in memory or in a file.
    public var body: ResponseBytes
    /// The URL that produced this response, after redirects.
    public var url: URL
    public var redirects: [RedirectHop]
    /// Time from sending the first request to receiving the last byte, redirects included.
    public var duration: Duration

    public init(status: Int, reason: String? = nil, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBytes = ResponseBytes(), url: URL,
                redirects: [RedirectHop] = [], duration: Duration = .zero) {
        self.status = status
        self.reason = reason ?? HTTPStatus.reason(for: status)
        self.headers = headers
        self.body = body
        self.url = url
        self.redirects = redirects
        self.duration = duration
    }

    /// The media type of the body without parameters, lower-cased (`application/json`).
    public var mediaType: String? { headers["Content-Type"].map { MediaType.essence(of: $0) } }

    /// The `charset` parameter of the content type, if any.
    public var charset: String? { headers["Content-Type"].flatMap { MediaType.parameter("charset", in: $0) } }
}

/// Reason phrases for status codes (HTTP/2 and libcurl do not pass the server's own).
public enum HTTPStatus {
    public static func reason(for status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 101: return "Switching Protocols"
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 203: return "Non-Authoritative Information"
        case 204: return "No Content"
        case 206: return "Partial Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 304: return "Not Modified"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 410: return "Gone"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 413: return "Content Too Large"
        case 415: return "Unsupported Media Type"
        case 418: return "I'm a teapot"
        case 422: return "Unprocessable Content"
        case 425: return "Too Early"
        case 428: return "Precondition Required"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}

/// Media type strings: essence and parameters (RFC 9110 §8.3).
public enum MediaType {
    /// `Application/JSON; charset=utf-8` → `application/json`.
    public static func essence(of contentType: String) -> String {
        let end = contentType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? contentType.endIndex
        let head = contentType[..<end].withoutOptionalWhitespace
        // Most servers send it in lower case already: no second copy then.
        let needsLowering = head.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 }
        return needsLowering ? head.lowercased() : head
    }

    public static func parameter(_ name: String, in contentType: String) -> String? {
        // Most content types have no parameter: no splitting them character by character then.
        guard contentType.utf8.contains(UInt8(ascii: ";")) else { return nil }
        for part in contentType.split(separator: ";").dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].withoutOptionalWhitespace.caseInsensitiveEquals(name) else { continue }
            var value = Substring(pieces[1].withoutOptionalWhitespace)
            while value.first == "\"" { value.removeFirst() }
            while value.last == "\"" { value.removeLast() }
            return String(value)
        }
        return nil
    }

    /// JSON and every `+json` structured syntax suffix (`application/problem+json`).
    public static func isJSON(_ mediaType: String) -> Bool {
        let essence = essence(of: mediaType)
        return essence == "application/json" || essence.hasSuffix("+json") || essence == "text/json"
    }

    public static func isYAML(_ mediaType: String) -> Bool {
        let essence = essence(of: mediaType)
        return essence.hasSuffix("yaml") || essence.hasSuffix("yml")
    }
}
