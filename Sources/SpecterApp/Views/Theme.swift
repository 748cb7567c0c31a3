import SpecterTerminal

/// The explorer's styles by role. Colour is always an addition: every role also differs by
/// attribute or by a symbol next to it, so `NO_COLOR` and monochrome terminals lose nothing.
public struct Theme: Sendable {
    public var palette: Palette
    public var title: Style
    public var method: @Sendable (String) -> Style
    public var status: @Sendable (Int) -> Style
    public var deprecated: Style
    public var required: Style
    public var jsonKey: Style
    public var jsonString: Style
    public var jsonNumber: Style
    public var jsonLiteral: Style
    public var code: Style

    /// Colours for terminals that have them.
    public static let colour = Theme(
        palette: Palette(
            text: .plain, dim: .dim, accent: Style(foreground: .cyan, attributes: .bold), selection: Style(background: .indexed(24), attributes: .bold),
            inactiveSelection: Style(background: .indexed(237)), header: Style(foreground: .yellow, attributes: .bold), border: Style(foreground: .brightBlack),
            focusedBorder: Style(foreground: .cyan), key: Style(foreground: .cyan, attributes: .bold), matched: Style(foreground: .magenta, attributes: [.bold, .underline]),
            error: Style(foreground: .red, attributes: .bold), success: Style(foreground: .green, attributes: .bold), warning: Style(foreground: .yellow, attributes: .bold),
            bar: Style(background: .indexed(236))),
        title: Style(foreground: .white, background: .indexed(24), attributes: .bold),
        method: { method in
            switch method {
            case "GET": return Style(foreground: .green, attributes: .bold)
            case "POST": return Style(foreground: .yellow, attributes: .bold)
            case "PUT", "PATCH": return Style(foreground: .blue, attributes: .bold)
            case "DELETE": return Style(foreground: .red, attributes: .bold)
            default: return Style(foreground: .magenta, attributes: .bold)
            }
        },
        status: { status in
            switch status {
            case ..<300: return Style(foreground: .green, attributes: .bold)
            case ..<400: return Style(foreground: .cyan, attributes: .bold)
            case ..<500: return Style(foreground: .yellow, attributes: .bold)
            default: return Style(foreground: .red, attributes: .bold)
            }
        },
        deprecated: Style(foreground: .brightBlack, attributes: .dim), required: Style(foreground: .red, attributes: .bold),
        jsonKey: Style(foreground: .blue, attributes: .bold), jsonString: Style(foreground: .green), jsonNumber: Style(foreground: .cyan),
        jsonLiteral: Style(foreground: .magenta), code: Style(foreground: .yellow))

    /// Attributes only.
    public static let monochrome = Theme(
        palette: Palette(bar: .reverse), title: Style(attributes: [.bold, .reverse]), method: { _ in .bold }, status: { _ in .bold },
        deprecated: .dim, required: .bold, jsonKey: .bold, jsonString: .plain, jsonNumber: .plain, jsonLiteral: .plain, code: .plain)

    public static func forDepth(_ depth: ColorDepth) -> Theme { depth == .none ? .monochrome : .colour }
}
