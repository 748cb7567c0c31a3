import SpecterTerminal

/// The key bindings, by the place they work in. The help overlay, the status bar's hints and the
/// README's key table are all made from this one table, so they cannot disagree with the code.
enum Keymap {
    enum Place: String, CaseIterable, Sendable {
        case browse = "Endpoint list"
        case filter = "Filtering"
        case docs = "Documentation"
        case form = "Request form"
        case response = "Response"
        case history = "History"
        case everywhere = "Everywhere"
    }

    static func hints(_ place: Place) -> [KeyHint] {
        switch place {
        case .browse:
            return [
                KeyHint("/", "filter endpoints (fuzzy)"), KeyHint("Enter", "open the operation"), KeyHint("j k ↑ ↓", "move"),
                KeyHint("g G", "first, last"), KeyHint("Space ← →", "fold or unfold a tag"), KeyHint("Tab", "documentation pane"),
                KeyHint("H", "history of sent requests"), KeyHint("q", "quit"),
            ]
        case .filter:
            return [KeyHint("type", "filter as you type"), KeyHint("↑ ↓", "move"), KeyHint("Enter", "open the selected match"), KeyHint("Esc", "clear the filter")]
        case .docs:
            return [KeyHint("j k ↑ ↓", "move"), KeyHint("Enter Space", "fold or unfold a schema"), KeyHint("Tab", "back to the list")]
        case .form:
            return [
                KeyHint("F5 Ctrl-J", "send the request"), KeyHint("Tab Shift-Tab", "next, previous field"), KeyHint("↑ ↓", "move between fields"),
                KeyHint("type", "edit the field"), KeyHint("← →", "cursor; choices, true/false, alternatives"), KeyHint("Enter", "pick from a list, fold"),
                KeyHint("Space", "include or fold an object, toggle true/false"), KeyHint("Ctrl-D", "use the default or example"),
                KeyHint("Ctrl-N", "send null / stop sending null"), KeyHint("a", "add an item (on a list or map)"), KeyHint("Ctrl-X", "remove this item"),
                KeyHint("Alt-↑ Alt-↓", "move this item"), KeyHint("Ctrl-T", "body as raw JSON / as a form"), KeyHint("Ctrl-E", "edit the body in $EDITOR"),
                KeyHint("F2", "server and credentials"), KeyHint("Esc", "back to the list (input is kept)"),
            ]
        case .response:
            return [
                KeyHint("← →", "Docs, Body, Headers, Request"), KeyHint("j k ↑ ↓", "move"), KeyHint("Enter Space", "fold or unfold"),
                KeyHint("/", "search"), KeyHint("n N", "next, previous match"), KeyHint("y", "copy the request as curl"),
                KeyHint("s", "save the body to a file"), KeyHint("Tab", "back to the form"), KeyHint("F5", "send again"), KeyHint("Esc", "back"),
            ]
        case .history:
            return [KeyHint("Enter", "reopen with its inputs and response"), KeyHint("y", "copy as curl"), KeyHint("Esc", "back")]
        case .everywhere:
            return [
                KeyHint("? F1", "this help"), KeyHint("Tab Shift-Tab", "next, previous pane or field"), KeyHint("Esc", "back, cancel"),
                KeyHint("F2", "server and credentials"), KeyHint("F3", "history"), KeyHint("Ctrl-C", "quit"), KeyHint("Ctrl-Z", "suspend"),
                KeyHint("mouse", "click selects, wheel scrolls"),
            ]
        }
    }

    /// The short hints for the status bar.
    static func statusHints(_ place: Place) -> [KeyHint] {
        switch place {
        case .browse: return [KeyHint("/", "filter"), KeyHint("Enter", "open"), KeyHint("Tab", "docs"), KeyHint("H", "history"), KeyHint("?", "help"), KeyHint("q", "quit")]
        case .filter: return [KeyHint("Enter", "open"), KeyHint("↑↓", "move"), KeyHint("Esc", "clear")]
        case .docs: return [KeyHint("Enter", "fold"), KeyHint("Tab", "list"), KeyHint("?", "help"), KeyHint("q", "quit")]
        case .form: return [KeyHint("F5", "send"), KeyHint("Tab", "next"), KeyHint("Ctrl-D", "default"), KeyHint("Ctrl-T", "raw"), KeyHint("Esc", "back"), KeyHint("F1", "help")]
        case .response: return [KeyHint("←→", "tabs"), KeyHint("/", "search"), KeyHint("y", "curl"), KeyHint("s", "save"), KeyHint("Tab", "form"), KeyHint("?", "help")]
        case .history: return [KeyHint("Enter", "reopen"), KeyHint("y", "curl"), KeyHint("Esc", "back"), KeyHint("?", "help")]
        case .everywhere: return []
        }
    }

    /// The key table as Markdown, for the README (a test keeps the README's copy current).
    static func markdownTable() -> String {
        var lines = ["| where | keys | action |", "|---|---|---|"]
        for place in Place.allCases {
            for hint in hints(place) {
                let keys = hint.keys.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
                lines.append("| \(place.rawValue) | \(keys) | \(hint.action) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
