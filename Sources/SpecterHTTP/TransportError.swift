import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a request got no HTTP response: one case per cause a user can act on.
///
/// Each renders as one plain sentence naming the host and port, never a raw error dump.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    case connectionRefused(host: String, port: Int)
    case hostNotFound(host: String)
    case timedOut(host: String, port: Int, after: Duration)
    case tls(host: String, port: Int)
    case connectionReset(host: String, port: Int)
    case tooManyRedirects(limit: Int, lastURL: String)
    case insecureRedirect(from: String, to: String)
    case unsupportedURL(String)
    case cancelled
    /// The body grew past the limit on its size.
    case bodyTooLarge(host: String, port: Int, limit: Int)
    /// A compressed body grew past the limit on its expansion (a compression bomb).
    case bodyExpands(host: String, port: Int, ratio: Int, wireBytes: Int)
    /// The body could not be written to its file.
    case bodyNotWritten(path: String, reason: String)
    case other(host: String, port: Int, detail: String)

    public var description: String {
        switch self {
        case .connectionRefused(let host, let port):
            return "Could not connect to \(host):\(port): the connection was refused (is the server running?)."
        case .hostNotFound(let host):
            return "Could not resolve the host name \(host) (check the URL and your DNS)."
        case .timedOut(let host, let port, let after):
            return "No answer from \(host):\(port) within \(Self.seconds(after)) (timed out)."
        case .tls(let host, let port):
            return "The TLS connection to \(host):\(port) failed: the certificate is not trusted or does not match the host name. "
                + "To trust a private CA, add it to the system store (copy it to /usr/local/share/ca-certificates/ and run update-ca-certificates)."
        case .connectionReset(let host, let port):
            return "The connection to \(host):\(port) was closed before a complete response arrived."
        case .tooManyRedirects(let limit, let lastURL):
            return "Stopped after \(limit) redirects (last one pointed to \(lastURL))."
        case .insecureRedirect(let from, let to):
            return "Refused a redirect from \(from) to \(to): it would downgrade https to http."
        case .unsupportedURL(let url):
            return "Cannot send a request to \(url): only http and https URLs are supported."
        case .cancelled:
            return "The request was cancelled."
        case .bodyTooLarge(let host, let port, let limit):
            return "Stopped reading the response from \(host):\(port): its body is larger than the limit of \(ByteCount.text(limit))."
        case .bodyExpands(let host, let port, let ratio, let wireBytes):
            return "Stopped reading the response from \(host):\(port): its \(ByteCount.text(wireBytes)) compressed body expands more than \(ratio) times "
                + "(a compression bomb?)."
        case .bodyNotWritten(let path, let reason):
            return "Could not write the response body to \(path): \(reason)."
        case .other(let host, let port, let detail):
            return "The request to \(host):\(port) failed: \(detail)."
        }
    }

    /// Whether the server could not be reached at all (refused, unknown, or not who it claims to be),
    /// as against a slow or broken answer.
    public var meansUnreachable: Bool {
        switch self {
        case .connectionRefused, .hostNotFound, .tls: return true
        default: return false
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let value = duration.timeInterval
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    /// Maps a Foundation error for a request to `url` onto one of the cases.
    static func from(_ error: Error, url: URL, timeout: Duration) -> TransportError {
        let host = url.host ?? url.absoluteString
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        guard let urlError = error as? URLError else {
            return .other(host: host, port: port, detail: String(describing: error))
        }
        switch urlError.code {
        case .cannotConnectToHost:
            return .connectionRefused(host: host, port: port)
        case .networkConnectionLost where urlError.localizedDescription.contains("refused"):
            return .connectionRefused(host: host, port: port)
        case .cannotFindHost, .dnsLookupFailed:
            return .hostNotFound(host: host)
        case .timedOut:
            return .timedOut(host: host, port: port, after: timeout)
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            return .tls(host: host, port: port)
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse:
            return .connectionReset(host: host, port: port)
        case .cancelled:
            return .cancelled
        case .unsupportedURL:
            return .unsupportedURL(url.absoluteString)
        default:
            return fromCurlMessage(urlError.localizedDescription, host: host, port: port)
        }
    }

    /// URLSession on Linux reports many libcurl failures as code -1 ("unknown") with libcurl's own
    /// message, so the message is what tells a TLS failure from a dropped connection.
    private static func fromCurlMessage(_ message: String, host: String, port: Int) -> TransportError {
        let text = message.lowercased()
        if text.contains("ssl") || text.contains("certificate") || text.contains("tls") {
            return .tls(host: host, port: port)
        }
        let droppedConnection = ["transfer closed", "connection reset", "empty reply", "failure when receiving", "recv failure", "send failure"]
        if droppedConnection.contains(where: text.contains) {
            return .connectionReset(host: host, port: port)
        }
        if text.contains("connection refused") || text.contains("couldn't connect") {
            return .connectionRefused(host: host, port: port)
        }
        return .other(host: host, port: port, detail: message)
    }
}
