/// The styles widgets draw with, by role. The app makes one from its theme (with or without colour),
/// so widgets never pick colours themselves and meaning never rests on colour alone.
public struct Palette: Sendable {
    public var text: Style
    public var dim: Style
    public var accent: Style
    public var selection: Style
    /// Selection in a pane that does not have the focus.
    public var inactiveSelection: Style
    public var header: Style
    public var border: Style
    public var focusedBorder: Style
    public var key: Style
    public var matched: Style
    public var error: Style
    public var success: Style
    public var warning: Style
    public var bar: Style

    public init(text: Style = .plain, dim: Style = .dim, accent: Style = .bold, selection: Style = .reverse, inactiveSelection: Style = .underline,
                header: Style = .bold, border: Style = .dim, focusedBorder: Style = .bold, key: Style = .bold, matched: Style = .underline,
                error: Style = .bold, success: Style = .plain, warning: Style = .bold, bar: Style = .reverse) {
        self.text = text
        self.dim = dim
        self.accent = accent
        self.selection = selection
        self.inactiveSelection = inactiveSelection
        self.header = header
        self.border = border
        self.focusedBorder = focusedBorder
        self.key = key
        self.matched = matched
        self.error = error
        self.success = success
        self.warning = warning
        self.bar = bar
    }

    /// Attributes only: what a terminal without colour (or `NO_COLOR`) gets.
    public static let monochrome = Palette()
}
