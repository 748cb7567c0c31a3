/// What to do in a list or a scrolling pane, whatever key asked for it: the app maps its key
/// bindings to these, so widgets never decide what a key means.
public enum ListCommand: Sendable, Equatable {
    case up, down, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom
    /// Open the selected item (or fold a header).
    case activate
    /// Fold or unfold the selected header.
    case toggle
    /// Unfold the selected header.
    case open
    /// Fold the selected header, or go to the header of the selected item.
    case close
}
