import Foundation

/// Why an exchange Specter drives over its own socket failed, before it is told to the user as a
/// `TransportError` (which needs the URL and options this layer does not keep).
enum SocketFailure: Error, Equatable {
    case hostNotFound
    case refused
    /// Nothing arrived (or could be sent) within the idle timeout.
    case timedOut
    /// The connection was closed or reset before the response was complete.
    case closed
    case cancelled
    /// The server's bytes are not HTTP/1.1, or the request cannot be written as it.
    case malformed(String)
    /// The connection could not be made for another reason (no route, no address of a usable family).
    case unreachable(String)
    /// The body's content coding could not be undone.
    case undecodable(InflateError)

    /// The one sentence the user sees for this failure of a request to `url`.
    func transportError(url: URL, idleTimeout: Duration) -> TransportError {
        let host = url.host ?? url.absoluteString
        let port = url.effectivePort
        switch self {
        case .hostNotFound: return .hostNotFound(host: host)
        case .refused: return .connectionRefused(host: host, port: port)
        case .timedOut: return .timedOut(host: host, port: port, after: idleTimeout)
        case .closed: return .connectionReset(host: host, port: port)
        case .cancelled: return .cancelled
        case .malformed(let detail), .unreachable(let detail): return .other(host: host, port: port, detail: detail)
        case .undecodable(let error): return .other(host: host, port: port, detail: error.description)
        }
    }
}
