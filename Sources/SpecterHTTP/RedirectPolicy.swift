import Foundation

/// What the next request of a redirect chain looks like.
///
/// Credentials are scoped to an origin: when the scheme, host or port changes, every credential
/// the request carries is taken out (as curl and browsers do for `Authorization`, and for every
/// header, query parameter and cookie Specter placed from a security scheme).
/// 303, and 301/302 after a POST, turn into a GET without a body.
public enum RedirectPolicy {
    public static let credentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"]

    public static func nextRequest(after request: HTTPRequest, status: Int, target: URL) -> (request: HTTPRequest, dropped: [String]) {
        var next = request
        next.url = target
        if status == 303 || ((status == 301 || status == 302) && request.method == "POST") {
            if request.method != "HEAD" { next.method = "GET" }
            next.body = nil
            next.headers.remove("Content-Type")
            next.headers.remove("Content-Length")
        }
        guard request.url.origin != target.origin else { return (next, []) }
        var dropped: [String] = []
        for name in credentialHeaders + request.credentials.headers where next.headers.contains(name) {
            next.headers.remove(name)
            dropped.append(name)
        }
        if !request.credentials.queryParameters.isEmpty, var components = URLComponents(url: target, resolvingAgainstBaseURL: false) {
            let kept = components.percentEncodedQueryItems?.filter { item in
                let name = item.name.removingPercentEncoding ?? item.name
                guard request.credentials.queryParameters.contains(name) else { return true }
                dropped.append("query parameter \(name)")
                return false
            }
            components.percentEncodedQueryItems = kept?.isEmpty == true ? nil : kept
            next.url = components.url ?? target
        }
        next.credentials = CredentialPlacement()
        return (next, dropped)
    }
}
