/// A run of text in one style: what views compose lines from.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == Span {
    /// The cells the spans take, by the display-width table.
    public var displayWidth: Int { reduce(0) { $0 + DisplayWidthTable.width(of: $1.text) } }
}
