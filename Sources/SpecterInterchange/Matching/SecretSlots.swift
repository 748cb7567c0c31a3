/// The secrets an import met written out in its files (a token on a curl line, a password in a
/// private environment file). None is written into the collection: each gets a name, the collection
/// refers to it as `secret:NAME`, and the import says which names the user's secrets file needs.
public struct NeededSecret: Sendable, Equatable {
    public var name: String
    /// What it is, for people (`the HTTPBearer token`).
    public var role: String
    public var place: SourcePlace
    /// Kept in memory only, for `--save-secrets`; empty when the source named a secret without its value.
    public var value: String
    /// The user's secrets file holds this name already (with this value, when the value is known).
    public var isStored: Bool
}

struct SecretSlots {
    private(set) var needed: [NeededSecret] = []
    /// Names already used for variables, which a secret's name must not take.
    let reserved: Set<String>
    /// What the user's secrets file holds: a name that holds another value is not taken (so an import
    /// never replaces another collection's secret), one that holds the same value is shared.
    let stored: [String: String]
    /// Secrets sent through a variable of their own name (`Bearer {{authorization}}`, `?api_key={{api_key}}`):
    /// the collection defines each as `secret:NAME`.
    private(set) var variables: [String] = []
    /// Variables that are the whole value of a field whose name says it holds a secret
    /// (`password={{PASS}}`): the collection must not keep their values in plain text either.
    var secretPlacedVariables: Set<String> = []

    /// The name a literal secret is kept under: `preferred`, or `preferred_2` … when another value
    /// already has that name; the same value under the same preferred name shares one.
    /// A variable's own secret may take the variable's (reserved) name: `isVariable`.
    mutating func name(for value: String, preferred: String, role: String, place: SourcePlace, isVariable: Bool = false) -> String {
        let base = Self.cleaned(preferred)
        var name = base
        var counter = 1
        while !isFree(name, for: value, allowingReserved: isVariable && name == base) {
            counter += 1
            name = "\(base)_\(counter)"
        }
        if let taken = needed.first(where: { $0.name == name }), taken.value == value { return name }
        needed.append(NeededSecret(name: name, role: role, place: place, value: value, isStored: stored[name] == value))
        return name
    }

    /// `{{NAME}}` for a literal secret sent through a variable of the secret's name.
    mutating func placeholder(for value: String, preferred: String, role: String, place: SourcePlace) -> String {
        let secret = name(for: value, preferred: preferred, role: role, place: place)
        if !variables.contains(secret) { variables.append(secret) }
        return "{{\(secret)}}"
    }

    /// A secret the source names without its value (an export's `{{TOKEN}}` with TOKEN secret).
    mutating func require(_ name: String, role: String, place: SourcePlace) {
        guard !needed.contains(where: { $0.name == name }) else { return }
        needed.append(NeededSecret(name: name, role: role, place: place, value: "", isStored: stored[name] != nil))
    }

    private func isFree(_ name: String, for value: String, allowingReserved: Bool) -> Bool {
        if reserved.contains(name), !allowingReserved { return false }
        if let held = stored[name], held != value { return false }
        return !needed.contains { $0.name == name && $0.value != value }
    }

    /// Letters, digits, `_`, `-` and `.`; anything else becomes `_`.
    private static func cleaned(_ text: String) -> String {
        let kept = String(text.map { $0.isLetter || $0.isNumber || "_-.".contains($0) ? $0 : "_" })
        return kept.isEmpty ? "secret" : kept
    }

    /// Whether a field, header, cookie or variable of this name usually holds a secret.
    static func isSecretName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["token", "secret", "password", "passwd", "apikey", "api-key", "api_key", "session", "authorization", "credential", "cookie", "private",
                "jwt", "bearer"].contains(where: lowered.contains)
            || ["key", "pwd", "pass", "auth", "sig", "signature", "sid"].contains(lowered)
            || ["_key", "-key", "_pass", "-pass", "_pwd"].contains(where: lowered.hasSuffix)
    }
}
