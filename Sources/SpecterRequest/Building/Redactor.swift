import Foundation
import SpecterHTTP
import SpecterJSON

/// Hides secrets wherever a request is shown: output, exports, history, reports.
public struct Redactor: Sendable, Equatable {
    public static let mask = "••••••"
    /// The secrets as given (three characters or more: a shorter one would mask every such letter),
    /// longest first.
    public private(set) var secrets: [String]
    /// Each secret as sent and as a URL or a form encodes it, longest first.
    private var spellings: [String]
    /// Each secret's matcher through encodings and escapes, longest first (so a shorter secret inside a
    /// longer one's spelling cannot split it: `abc` in `abc\u0064ef`), made once.
    private var encoded: [EncodedSecret]
    /// Lower-cased names of headers whose values are credentials whatever they hold.
    public var credentialHeaders: Set<String>

    /// Each secret is also masked as a URL or a form encodes it (`Ab+cD/ef==` sent as `Ab%2BcD%2Fef%3D%3D`)
    /// and as a server's JSON may escape it (`tok"en` echoed as `tok\"en`, `é` as `\u00e9`), in any mix.
    public init(secrets: [String], credentialHeaders: [String] = []) {
        let kept = secrets.filter { $0.count >= 3 }
        self.secrets = kept.isEmpty ? [] : Self.longestFirst(Set(kept))
        encoded = self.secrets.map(EncodedSecret.init)
        spellings = Self.longestFirst(Set(self.secrets.flatMap { [$0, URLEncoding.queryComponent($0), URLEncoding.formComponent($0)] }))
        // Made for every request and every reported line, most often with nothing of their own.
        self.credentialHeaders = Self.credentialHeaderNames(credentialHeaders)
    }

    /// This redactor hiding `more` secrets too.
    public func adding(_ more: [String]) -> Redactor {
        guard !more.isEmpty else { return self }
        var made = Redactor(secrets: secrets + more)
        made.credentialHeaders = credentialHeaders
        return made
    }

    private static func longestFirst(_ texts: Set<String>) -> [String] {
        texts.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
    }

    private static let standardCredentialHeaders = Set(RedirectPolicy.credentialHeaders.map { $0.lowercased() })

    /// The standard credential headers and the description's own (API keys in a header), lower-cased.
    private static func credentialHeaderNames(_ extra: [String]) -> Set<String> {
        extra.isEmpty ? standardCredentialHeaders : standardCredentialHeaders.union(extra.map { $0.lowercased() })
    }

    /// Shows everything (`--show-secrets`).
    public static let none = Redactor(secrets: [], hidingNothing: ())

    private init(secrets: [String], hidingNothing: Void) {
        self.secrets = secrets
        spellings = []
        encoded = []
        credentialHeaders = []
    }

    public func redact(_ text: String) -> String {
        guard !spellings.isEmpty else { return text }
        // Only text with a backslash or a percent sign can hold an escaped or encoded character; those
        // spellings go before the plain ones.
        var masked = text
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "%") }) {
            for secret in encoded { masked = secret.masked(in: masked, with: Self.mask) }
        }
        return spellings.reduce(masked) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }

    /// A JSON value with every secret masked inside its strings (a server that echoes a credential).
    public func redact(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let items): return .array(items.map(redact))
        case .object(let object): return .object(JSONObject(object.members.map { JSONObject.Member(key: redact($0.key), value: redact($0.value)) }))
        default: return value
        }
    }

    /// Headers with secret values masked; credential headers are masked whatever they hold, keeping
    /// what is not secret (the scheme of `Authorization`, the names of cookies).
    public func redact(_ headers: HTTPHeaders) -> HTTPHeaders {
        HTTPHeaders(headers.fields.map { field in
            HTTPHeaders.Field(name: field.name, value: credentialHeaders.contains(field.name.lowercased()) ? Self.masked(field) : redact(field.value))
        })
    }

    /// The secret parts of the credential headers a user typed (a bearer token, cookie values), so
    /// they are masked wherever they show up again, an echoing server's response included.
    public static func secrets(in headers: HTTPHeaders, credentialHeaders: [String]) -> [String] {
        guard !headers.fields.isEmpty else { return [] }
        let names = credentialHeaderNames(credentialHeaders)
        return headers.fields.filter { names.contains($0.name.lowercased()) }.flatMap { field -> [String] in
            switch field.name.lowercased() {
            case "cookie":
                return field.value.split(separator: ";").compactMap { $0.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) }
            case "authorization", "proxy-authorization":
                let parts = field.value.split(separator: " ", maxSplits: 1).map(String.init)
                return parts.count == 2 ? [parts[1]] : parts
            default:
                return [field.value]
            }
        }
    }

    private static func masked(_ field: HTTPHeaders.Field) -> String {
        switch field.name.lowercased() {
        case "cookie":
            return field.value.split(separator: ";").map { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                return name + "=" + mask
            }.joined(separator: "; ")
        case "authorization", "proxy-authorization":
            let parts = field.value.split(separator: " ", maxSplits: 1)
            // A placeholder (`<OAuth2 token from …>`, in a dry run) is no secret.
            if parts.count == 2, parts[1].hasPrefix("<"), parts[1].hasSuffix(">") { return field.value }
            return parts.count == 2 ? parts[0] + " " + mask : mask
        default:
            return mask
        }
    }
}
