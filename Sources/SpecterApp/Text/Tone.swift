import SpecterTerminal

/// What a piece of text is, for the theme to style: content (documentation, bodies, Markdown) says
/// what its text means and the view picks the style, so building content needs no theme.
struct Tone: Hashable, Sendable {
    enum Role: Hashable, Sendable {
        case plain, dim, accent, header, code, error, success, warning, key
        case jsonKey, jsonString, jsonNumber, jsonLiteral
        case deprecated, required
        case method(String)
        case status(Int)
    }

    var role: Role
    /// Attributes added to the role's style (Markdown's emphasis, a link's underline).
    var attributes: Attributes

    init(_ role: Role, _ attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    static let plain = Tone(.plain), dim = Tone(.dim), accent = Tone(.accent), header = Tone(.header), code = Tone(.code)
    static let error = Tone(.error), success = Tone(.success), warning = Tone(.warning), key = Tone(.key), bold = Tone(.plain, .bold)
    static let jsonKey = Tone(.jsonKey), jsonString = Tone(.jsonString), jsonNumber = Tone(.jsonNumber), jsonLiteral = Tone(.jsonLiteral)
    static let deprecated = Tone(.deprecated), required = Tone(.required)
}

/// Text in one tone.
struct Run: Hashable, Sendable {
    var text: String
    var tone: Tone

    init(_ text: String, _ tone: Tone = .plain) {
        self.text = text
        self.tone = tone
    }
}

extension Theme {
    func style(_ tone: Tone) -> Style {
        let base: Style
        switch tone.role {
        case .plain: base = palette.text
        case .dim: base = palette.dim
        case .accent: base = palette.accent
        case .header: base = palette.header
        case .code: base = code
        case .error: base = palette.error
        case .success: base = palette.success
        case .warning: base = palette.warning
        case .key: base = palette.key
        case .jsonKey: base = jsonKey
        case .jsonString: base = jsonString
        case .jsonNumber: base = jsonNumber
        case .jsonLiteral: base = jsonLiteral
        case .deprecated: base = deprecated
        case .required: base = required
        case .method(let method): base = self.method(method)
        case .status(let status): base = self.status(status)
        }
        return tone.attributes.isEmpty ? base : base.adding(tone.attributes)
    }

    /// Runs as spans in this theme's styles.
    func spans(_ runs: [Run]) -> [Span] {
        runs.map { Span($0.text, style($0.tone)) }
    }
}

extension Array where Element == Run {
    var text: String { map(\.text).joined() }
    var displayWidth: Int { reduce(0) { $0 + DisplayWidthTable.width(of: $1.text) } }
}
