/// One curl command-line option as the importer knows it: its names, whether it takes an
/// argument (so the argument is not mistaken for a URL) and what it does to the request.
struct CurlOption: Sendable {
    enum Effect: Sendable, Equatable {
        case method
        case header
        case data(CurlDataKind)
        case form(literal: Bool)
        case user
        case authScheme(CurlAuthScheme)
        case bearerToken
        case cookie
        case userAgent
        case referer
        case dataInQuery
        case url
        case urlQuery
        case compressed
        case head
        case uploadFile
        case next
        /// Changes only what curl shows or how it connects, not the request: accepted silently.
        case noRequestChange
        /// Has an effect Specter does not carry: accepted with a note saying so.
        case notCarried(String)
    }

    let long: String
    let short: Character?
    let takesArgument: Bool
    let effect: Effect

    /// Every option the importer knows, by long name.
    static let byLongName: [String: CurlOption] = Dictionary(all.map { ($0.long, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every option with a one-letter name, by that letter.
    static let byShortName: [Character: CurlOption] = Dictionary(all.compactMap { option in option.short.map { ($0, option) } },
                                                                  uniquingKeysWith: { first, _ in first })

    private static let all: [CurlOption] = requestOptions + quietOptions(taking: false) + quietOptions(taking: true) + notCarriedOptions

    private static let requestOptions: [CurlOption] = [
        CurlOption(long: "request", short: "X", takesArgument: true, effect: .method),
        CurlOption(long: "header", short: "H", takesArgument: true, effect: .header),
        CurlOption(long: "data", short: "d", takesArgument: true, effect: .data(.ascii)),
        CurlOption(long: "data-ascii", short: nil, takesArgument: true, effect: .data(.ascii)),
        CurlOption(long: "data-binary", short: nil, takesArgument: true, effect: .data(.binary)),
        CurlOption(long: "data-raw", short: nil, takesArgument: true, effect: .data(.raw)),
        CurlOption(long: "data-urlencode", short: nil, takesArgument: true, effect: .data(.urlEncoded)),
        CurlOption(long: "json", short: nil, takesArgument: true, effect: .data(.json)),
        CurlOption(long: "form", short: "F", takesArgument: true, effect: .form(literal: false)),
        CurlOption(long: "form-string", short: nil, takesArgument: true, effect: .form(literal: true)),
        CurlOption(long: "user", short: "u", takesArgument: true, effect: .user),
        CurlOption(long: "basic", short: nil, takesArgument: false, effect: .authScheme(.basic)),
        CurlOption(long: "digest", short: nil, takesArgument: false, effect: .authScheme(.digest)),
        CurlOption(long: "oauth2-bearer", short: nil, takesArgument: true, effect: .bearerToken),
        CurlOption(long: "cookie", short: "b", takesArgument: true, effect: .cookie),
        CurlOption(long: "user-agent", short: "A", takesArgument: true, effect: .userAgent),
        CurlOption(long: "referer", short: "e", takesArgument: true, effect: .referer),
        CurlOption(long: "get", short: "G", takesArgument: false, effect: .dataInQuery),
        CurlOption(long: "url", short: nil, takesArgument: true, effect: .url),
        CurlOption(long: "url-query", short: nil, takesArgument: true, effect: .urlQuery),
        CurlOption(long: "compressed", short: nil, takesArgument: false, effect: .compressed),
        CurlOption(long: "head", short: "I", takesArgument: false, effect: .head),
        CurlOption(long: "upload-file", short: "T", takesArgument: true, effect: .uploadFile),
        CurlOption(long: "next", short: ":", takesArgument: false, effect: .next),
    ]

    private static func quietOptions(taking takesArgument: Bool) -> [CurlOption] {
        (takesArgument ? quietWithArgument : quietFlags).map { long, short in
            CurlOption(long: long, short: short, takesArgument: takesArgument, effect: .noRequestChange)
        }
    }

    private static let quietFlags: [(String, Character?)] = [
        ("silent", "s"), ("show-error", "S"), ("verbose", "v"), ("include", "i"), ("location", "L"), ("location-trusted", nil),
        ("fail", "f"), ("fail-with-body", nil), ("progress-bar", "#"), ("no-progress-meter", nil), ("globoff", "g"), ("http1.1", nil),
        ("http2", nil), ("http2-prior-knowledge", nil), ("http3", nil), ("ipv4", "4"), ("ipv6", "6"), ("no-buffer", "N"),
        ("no-keepalive", nil), ("tcp-nodelay", nil), ("post301", nil), ("post302", nil), ("post303", nil), ("remote-name", "O"),
        ("remote-name-all", nil), ("remote-header-name", "J"), ("create-dirs", nil), ("raw", nil), ("disable", "q"), ("path-as-is", nil),
        ("retry-connrefused", nil), ("retry-all-errors", nil), ("styled-output", nil), ("show-headers", nil), ("xattr", nil),
        ("tlsv1", "1"), ("tlsv1.0", nil), ("tlsv1.1", nil), ("tlsv1.2", nil), ("tlsv1.3", nil), ("sslv2", "2"), ("sslv3", "3"),
        ("manual", "M"), ("help", "h"), ("version", "V"), ("parallel", "Z"), ("ssl", nil), ("ssl-reqd", nil),
    ]

    private static let quietWithArgument: [(String, Character?)] = [
        ("output", "o"), ("trace", nil), ("trace-ascii", nil), ("trace-config", nil), ("max-time", "m"), ("connect-timeout", nil),
        ("retry", nil), ("retry-delay", nil), ("retry-max-time", nil), ("max-redirs", nil), ("write-out", "w"), ("dump-header", "D"),
        ("stderr", nil), ("limit-rate", nil), ("speed-limit", "Y"), ("speed-time", "y"), ("output-dir", nil), ("max-filesize", nil),
        ("keepalive-time", nil), ("expect100-timeout", nil), ("happy-eyeballs-timeout-ms", nil), ("create-file-mode", nil),
        ("cookie-jar", "c"), ("parallel-max", nil), ("rate", nil),
    ]

    private static let notCarriedOptions: [CurlOption] = [
        notCarried("insecure", "k", false, "-k/--insecure (skip TLS certificate checks) is not supported per request"),
        notCarried("ntlm", nil, false, "NTLM authentication is not supported"),
        notCarried("ntlm-wb", nil, false, "NTLM authentication is not supported"),
        notCarried("negotiate", nil, false, "Negotiate (SPNEGO) authentication is not supported"),
        notCarried("anyauth", nil, false, "--anyauth is not supported; the credentials are kept as basic authentication"),
        notCarried("http1.0", "0", false, "HTTP/1.0 is not supported; the request is sent with HTTP/1.1"),
        notCarried("netrc", "n", false, "credentials from .netrc are not read"),
        notCarried("netrc-optional", nil, false, "credentials from .netrc are not read"),
        notCarried("proxy-insecure", nil, false, "proxy settings are not carried over"),
        notCarried("proxy", "x", true, "proxy settings are not carried over"),
        notCarried("proxy-user", "U", true, "proxy settings are not carried over"),
        notCarried("proxy-header", nil, true, "proxy settings are not carried over"),
        notCarried("preproxy", nil, true, "proxy settings are not carried over"),
        notCarried("noproxy", nil, true, "proxy settings are not carried over"),
        notCarried("socks5", nil, true, "proxy settings are not carried over"),
        notCarried("socks5-hostname", nil, true, "proxy settings are not carried over"),
        notCarried("socks4", nil, true, "proxy settings are not carried over"),
        notCarried("socks4a", nil, true, "proxy settings are not carried over"),
        notCarried("cacert", nil, true, "TLS settings are not carried over"),
        notCarried("capath", nil, true, "TLS settings are not carried over"),
        notCarried("cert", "E", true, "client certificates are not carried over"),
        notCarried("cert-type", nil, true, "client certificates are not carried over"),
        notCarried("key", nil, true, "client certificates are not carried over"),
        notCarried("key-type", nil, true, "client certificates are not carried over"),
        notCarried("pass", nil, true, "client certificates are not carried over"),
        notCarried("pinnedpubkey", nil, true, "TLS settings are not carried over"),
        notCarried("ciphers", nil, true, "TLS settings are not carried over"),
        notCarried("tls-max", nil, true, "TLS settings are not carried over"),
        notCarried("resolve", nil, true, "name resolution overrides are not carried over"),
        notCarried("connect-to", nil, true, "name resolution overrides are not carried over"),
        notCarried("dns-servers", nil, true, "name resolution overrides are not carried over"),
        notCarried("doh-url", nil, true, "name resolution overrides are not carried over"),
        notCarried("interface", nil, true, "the network interface is not carried over"),
        notCarried("local-port", nil, true, "the local port is not carried over"),
        notCarried("unix-socket", nil, true, "Unix sockets are not supported"),
        notCarried("abstract-unix-socket", nil, true, "Unix sockets are not supported"),
        notCarried("config", "K", true, "curl config files are not read"),
        notCarried("range", "r", true, "the byte range (-r) is not carried over"),
        notCarried("time-cond", "z", true, "the time condition (-z) is not carried over"),
        notCarried("continue-at", "C", true, "resuming (-C) is not carried over"),
        notCarried("request-target", nil, true, "a custom request target is not carried over"),
        notCarried("aws-sigv4", nil, true, "AWS signatures are not supported"),
        notCarried("netrc-file", nil, true, "credentials from .netrc are not read"),
        notCarried("variable", nil, true, "curl variables are not supported"),
        notCarried("alt-svc", nil, true, "alt-svc caches are not carried over"),
        notCarried("hsts", nil, true, "HSTS caches are not carried over"),
        notCarried("etag-save", nil, true, "ETag files are not carried over"),
        notCarried("etag-compare", nil, true, "ETag files are not carried over"),
        notCarried("quote", "Q", true, "FTP commands are not supported"),
        notCarried("ftp-port", "P", true, "FTP is not supported"),
        notCarried("mail-from", nil, true, "mail options are not supported"),
        notCarried("mail-rcpt", nil, true, "mail options are not supported"),
        notCarried("telnet-option", "t", true, "telnet options are not supported"),
    ]

    private static func notCarried(_ long: String, _ short: Character?, _ takesArgument: Bool, _ message: String) -> CurlOption {
        CurlOption(long: long, short: short, takesArgument: takesArgument, effect: .notCarried(message))
    }
}

/// How a data option reads its argument (`-d` strips line ends from files, `--data-binary` keeps
/// them, `--data-raw` never reads a file, `--data-urlencode` encodes, `--json` also sets JSON headers).
enum CurlDataKind: Sendable, Equatable {
    case ascii
    case binary
    case raw
    case urlEncoded
    case json
}

enum CurlAuthScheme: Sendable, Equatable {
    case basic
    case digest
}
