import Foundation

/// What the next request of a redirect chain looks like.
///
/// Credentials are scoped to an origin: when the scheme, host or port changes, the
/// `Authorization`, `Cookie` and `Proxy-Authorization` fields are dropped (as curl and
/// browsers do). 303, and 301/302 after a POST, turn into a GET without a body.
public enum RedirectPolicy {
    public static let credentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"]

    public static func nextRequest(after request: HTTPRequest, status: Int, target: URL) -> (request: HTTPRequest, stripped: [String]) {
        var next = request
        next.url = target
        if status == 303 || ((status == 301 || status == 302) && request.method == "POST") {
            if request.method != "HEAD" { next.method = "GET" }
            next.body = nil
            next.headers.remove("Content-Type")
            next.headers.remove("Content-Length")
        }
        var stripped: [String] = []
        if request.url.origin != target.origin {
            for name in credentialHeaders where next.headers.contains(name) {
                next.headers.remove(name)
                stripped.append(name)
            }
        }
        return (next, stripped)
    }
}
