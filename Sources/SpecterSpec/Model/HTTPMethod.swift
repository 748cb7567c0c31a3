/// How Specter compares and keeps method names.
///
/// The methods a Path Item gives fields of their own (`get`, `post` … `query`) are written in lower
/// case in a description and sent in upper case, so people may type them in any case. Any other
/// method (3.2's `additionalOperations`) is case-sensitive, as HTTP says: it is kept and sent
/// exactly as the description writes it, and only that spelling names it.
public enum HTTPMethod {
    /// The Path Item fields that hold an operation, in the order the specification lists them.
    public static let fieldNames: [String] = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    private static let fixed: Set<String> = Set(fieldNames.map { $0.uppercased() })

    /// The method as the model keeps it: one of the fixed ones in upper case, any other as written.
    public static func canonical(_ method: String) -> String {
        let upper = method.uppercased()
        return fixed.contains(upper) ? upper : method
    }

    /// Whether `written` (typed by a user, read from a draft) names an operation's `method`.
    public static func matches(_ written: String, _ method: String) -> Bool {
        canonical(written) == method
    }

    /// Whether a method has a field of its own in a Path Item (in any case), so `additionalOperations` must not hold it.
    public static func hasField(_ method: String) -> Bool {
        fixed.contains(method.uppercased())
    }

    /// Whether the name can go on a request line: an HTTP token (RFC 9110 `tchar`s), nothing else.
    public static func isToken(_ method: String) -> Bool {
        // On the bytes: every request built asks.
        !method.isEmpty && method.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || tokenSymbols.utf8.contains(byte)
        }
    }

    private static let tokenSymbols = "!#$%&'*+-.^_`|~"
}
