/// One terminal cell: what it shows and how.
///
/// Nearly every cell holds one Unicode scalar, so that case is stored (and compared) as a scalar;
/// grapheme clusters of several scalars (combining marks, emoji sequences) keep their text. A wide
/// character occupies its cell and the `continuation` cell to its right.
public struct Cell: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        case cluster(String)
        /// The right half of a wide character.
        case continuation
    }

    public var content: Content
    public var style: Style

    public init(_ content: Content, style: Style = .plain) {
        self.content = content
        self.style = style
    }

    public static let blank = Cell(.scalar(" "))

    /// The text the cell contributes to a line (empty for a continuation).
    public var text: String {
        switch content {
        case .scalar(let scalar): return String(Character(scalar))
        case .cluster(let text): return text
        case .continuation: return ""
        }
    }
}
