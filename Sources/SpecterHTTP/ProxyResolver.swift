import Foundation

/// Which proxy a URL goes through, by libcurl's rules for the environment (libcurl does the proxying;
/// this says which one, for `--verbose`, and a plain-http URL with no proxy is what Specter sends
/// over its own transport instead of URLSession): `http_proxy` in lower case only for http (the upper-case
/// `HTTP_PROXY` is ignored, the "httpoxy" hole), `https_proxy`/`HTTPS_PROXY` for https, `all_proxy`
/// for both, and `no_proxy`/`NO_PROXY` host suffixes (or `*`) to go direct.
public struct ProxyResolver: Sendable {
    public let environment: [String: String]
    /// `no_proxy`'s host names and the proxy for each scheme, read once: every request asks.
    private let bypassed: [String]
    private let httpProxy: String?
    private let httpsProxy: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        bypassed = Self.bypassList(environment)
        func firstSet(_ names: [String]) -> String? { names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } }
        httpProxy = firstSet(["http_proxy", "all_proxy", "ALL_PROXY"])
        httpsProxy = firstSet(["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"])
    }

    public func proxy(for url: URL) -> String? {
        let proxy = url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
        guard proxy != nil, let host = url.host?.lowercased(), !bypasses(host) else { return nil }
        return proxy
    }

    private func bypasses(_ host: String) -> Bool {
        bypassed.contains { name in name == "*" || host == name || host.hasSuffix("." + name) }
    }

    /// Each entry without a leading dot or a port; `*` stands for every host.
    private static func bypassList(_ environment: [String: String]) -> [String] {
        (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",").compactMap { entry in
            let trimmed = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed == "*" { return trimmed }
            let bare = trimmed.hasPrefix(".") ? String(trimmed.dropFirst()) : trimmed
            let name = bare.split(separator: ":").first.map(String.init) ?? bare
            return name.isEmpty ? nil : name
        }
    }
}
