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
}
