import Foundation

/// How a request is sent: timeouts and the redirect policy.
public struct HTTPOptions: Sendable, Equatable {
    /// Longest wait for the connection or between bytes (an idle timeout, in both transports).
    public var idleTimeout: Duration
    /// Deadline for the whole exchange, redirects included.
    public var totalTimeout: Duration
    public var followRedirects: Bool
    public var maxRedirects: Int
    /// Whether an https → http redirect may be followed.
    public var allowInsecureRedirects: Bool
    /// How large a body may be, and when it goes to a file instead of memory.
    public var body: BodyLimits

    public init(idleTimeout: Duration = .seconds(30), totalTimeout: Duration = .seconds(120), followRedirects: Bool = true,
                maxRedirects: Int = 10, allowInsecureRedirects: Bool = false, body: BodyLimits = BodyLimits()) {
        self.idleTimeout = idleTimeout
        self.totalTimeout = totalTimeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.allowInsecureRedirects = allowInsecureRedirects
        self.body = body
    }
}

/// Sends HTTP requests. The one seam between Specter and the network: `URLSessionHTTPClient`
/// (its own transport for direct http, URLSession for the rest) is used everywhere, and tests run it against real local servers.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse
    /// Sends the request and returns once the response's head arrived, its body to be read as it
    /// comes (an event stream may never end). Redirects are followed as `send` does; the idle timeout
    /// applies to every wait, `totalTimeout` does not (a stream lasts as long as its reader wants).
    /// `URLSessionHTTPClient` asks for an uncompressed body unless the request chose an encoding.
    func stream(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> StreamedResponse
}

extension HTTPClient {
    /// For clients that only have whole bodies: the response, its body handed over as one chunk.
    public func stream(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> StreamedResponse {
        var head = try await send(request, options: options)
        let bytes = head.body.load(upTo: Int.max) ?? []
        head.body = ResponseBytes()
        return StreamedResponse(head: head, body: HTTPBodyStream(whole: bytes))
    }
}
