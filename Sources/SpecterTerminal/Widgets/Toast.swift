/// A short message that goes away by itself (`expires` is a tick of the caller's clock).
public struct Toast: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case info
        case success
        case error
    }

    public var text: String
    public var kind: Kind
    public var expires: Int

    public init(_ text: String, kind: Kind = .info, expires: Int) {
        self.text = text
        self.kind = kind
        self.expires = expires
    }

    /// Draws it right-aligned on the row above `area`'s bottom, with a symbol carrying its kind.
    public func draw(palette: Palette, in area: Rect, into buffer: inout CellBuffer) {
        let symbol: String
        let style: Style
        switch kind {
        case .info: (symbol, style) = ("•", palette.accent)
        case .success: (symbol, style) = ("✓", palette.success)
        case .error: (symbol, style) = ("✗", palette.error)
        }
        let label = " \(symbol) " + DisplayWidthTable.truncate(text, to: max(0, area.width - 6)) + " "
        let width = DisplayWidthTable.width(of: label)
        guard area.height >= 2, width <= area.width else { return }
        buffer.draw(label, at: Point(x: area.maxX - width, y: area.maxY - 2), style: palette.bar.overlaid(with: style))
    }
}
