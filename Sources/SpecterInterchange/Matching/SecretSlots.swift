/// The secrets an import met written out in its files (a token on a curl line, a password in a
/// private environment file). None is written into the collection: each gets a name, the collection
/// refers to it as `secret:NAME`, and the import says which names the user's secrets file needs.
public struct NeededSecret: Sendable, Equatable {
    public var name: String
    /// What it is, for people (`the HTTPBearer token`).
    public var role: String
    public var place: SourcePlace
    /// Kept in memory only, for `--save-secrets`.
    public var value: String
}

struct SecretSlots {
    private(set) var needed: [NeededSecret] = []
    /// Names already used for variables, which a secret's name must not take.
    let reserved: Set<String>

    /// The name a literal secret is kept under: `preferred`, or `preferred_2` … when another value
    /// already has that name; the same value under the same preferred name shares one.
    /// A variable's own secret may take the variable's (reserved) name: `isVariable`.
    mutating func name(for value: String, preferred: String, role: String, place: SourcePlace, isVariable: Bool = false) -> String {
        let base = Self.cleaned(preferred)
        var name = base
        var counter = 1
        while (reserved.contains(name) && !(isVariable && name == base)) || needed.contains(where: { $0.name == name }) {
            if let taken = needed.first(where: { $0.name == name }), taken.value == value { return name }
            counter += 1
            name = "\(base)_\(counter)"
        }
        needed.append(NeededSecret(name: name, role: role, place: place, value: value))
        return name
    }

    /// Letters, digits, `_`, `-` and `.`; anything else becomes `_`.
    private static func cleaned(_ text: String) -> String {
        let kept = String(text.map { $0.isLetter || $0.isNumber || "_-.".contains($0) ? $0 : "_" })
        return kept.isEmpty ? "secret" : kept
    }
}
