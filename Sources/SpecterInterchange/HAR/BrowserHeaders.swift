/// Headers a browser (or any HTTP client) makes up by itself: its identity, what it accepts,
/// connection handling, cache validators, where the page came from. Replayed, they would claim to be
/// a browser or turn answers into `304 Not Modified`, so a HAR import leaves them out (and says so).
enum BrowserHeaders {
    private static let names: Set<String> = [
        "user-agent", "accept-encoding", "accept-language", "connection", "keep-alive", "proxy-connection", "content-length",
        "host", "referer", "origin", "upgrade-insecure-requests", "dnt", "te", "priority", "pragma", "cache-control",
        "if-none-match", "if-modified-since", "alt-used", "x-client-data",
    ]

    /// Recorders that are browsers: their cookies belong to a browsing session, not to the requests.
    private static let browserCreators = ["webinspector", "firefox", "chrome", "safari", "edge", "opera"]

    static func isBrowserMade(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return names.contains(lowered) || lowered.hasPrefix("sec-")
    }

    /// HTTP/2 and HTTP/3 pseudo-headers (`:authority`), which only restate the URL and method.
    static func isPseudo(_ name: String) -> Bool { name.hasPrefix(":") }

    /// Whether a request's cookies came from a browser: recorded by one, or sent with a browser's `User-Agent`.
    static func cookiesAreTheBrowsers(creator: String, userAgent: String?) -> Bool {
        let creator = creator.lowercased()
        return browserCreators.contains { creator.contains($0) } || userAgent?.hasPrefix("Mozilla/") == true
    }
}
