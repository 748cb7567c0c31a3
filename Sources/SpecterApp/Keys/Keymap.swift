import SpecterTerminal

/// One line of the key table: keys, the action they ask for, and what that does here.
struct Binding: Sendable {
    let keys: [KeyPress]
    /// How the keys are written (`j k ↑ ↓`); `type` and `mouse` stand for kinds of input.
    let label: String
    let action: Action?
    let help: String
    /// The short form for the status bar, when it earns a place there.
    let hint: String?
    /// How the status bar writes the keys, when not by the first of them (`←→`).
    let hintKeys: String?

    init(_ keys: [KeyPress], _ label: String, _ action: Action?, _ help: String, hint: String? = nil, hintKeys: String? = nil) {
        self.keys = keys
        self.label = label
        self.action = action
        self.help = help
        self.hint = hint
        self.hintKeys = hintKeys
    }
}

/// The key bindings, by place: the one table keys are looked up in, and what the help overlay, the
/// status bar's hints and the README's key table are made from, so none can disagree with the code.
enum Keymap {
    enum Place: String, CaseIterable, Sendable {
        case browse = "Endpoint list"
        case overview = "About the API"
        case filter = "Filtering"
        case docs = "Documentation"
        case form = "Request form"
        case response = "Response"
        case search = "Searching the body"
        case history = "History"
        case collection = "Collection"
        case picker = "Server and credentials (F2)"
        case choices = "Choosing a value"
        case prompt = "Answering a question"
        case dialog = "Confirming"
        case everywhere = "Everywhere"

        /// Overlays take every key; other places fall back to the keys that work everywhere.
        var isOverlay: Bool { [.picker, .choices, .prompt, .dialog].contains(self) }

        /// Whether printable keys can be text here (so `q` is not offered as quit).
        var takesText: Bool { [.filter, .form, .search, .picker, .prompt].contains(self) }
    }

    static let moves: [Binding] = [
        Binding([.character("j"), .character("k"), .up, .down], "j k ↑ ↓", nil, "move"),
        Binding([.pageUp, .pageDown], "PgUp PgDn", nil, "a page up, down"),
        Binding([.control("u"), .control("d")], "Ctrl-U Ctrl-D", nil, "half a page up, down"),
        Binding([.character("g"), .character("G"), .home, .end], "g G Home End", nil, "first, last"),
    ]

    /// The bindings of a place, in the order help lists them.
    static func bindings(_ place: Place) -> [Binding] {
        switch place {
        case .browse:
            return [
                Binding([.character("/")], "/", .filter, "filter endpoints (fuzzy)", hint: "filter"),
                Binding([.enter], "Enter", .open, "open the operation", hint: "open"),
            ] + moves + [
                Binding([.character(" ")], "Space", .toggle, "fold or unfold a tag"),
                Binding([.left, .character("h")], "← h", .left, "fold the tag, or go to it"),
                Binding([.right, .character("l")], "→ l", .right, "unfold the tag"),
                Binding([.tab, .backTab], "Tab", .nextPane, "documentation pane", hint: "docs"),
                Binding([.character("H")], "H", .history, "history of sent requests", hint: "history"),
                Binding([.character("i")], "i", .overview, "about the API: description, servers, security, contact", hint: "about"),
            ]
        case .overview:
            return moves + [
                Binding([.escape, .character("i")], "Esc i", .back, "back to the list", hint: "back"),
            ]
        case .filter:
            return [
                Binding([], "type", nil, "filter as you type"),
                Binding([.up, .down, .control("p"), .control("n")], "↑ ↓ Ctrl-P Ctrl-N", nil, "move", hint: "move", hintKeys: "↑↓"),
                Binding([.pageUp, .pageDown], "PgUp PgDn", nil, "a page up, down"),
                Binding([.enter], "Enter", .open, "open the selected match", hint: "open"),
                Binding([.tab], "Tab", .nextPane, "keep the matches and move in the list"),
                Binding([.escape], "Esc", .back, "clear the filter", hint: "clear"),
            ]
        case .docs:
            return moves + [
                Binding([.enter, .character(" ")], "Enter Space", .toggle, "fold or unfold a schema", hint: "fold"),
                Binding([.tab, .backTab, .escape], "Tab Esc", .nextPane, "back to the list", hint: "list"),
            ]
        case .form:
            return [
                Binding([KeyPress(.function(5)), .control("j")], "F5 Ctrl-J", .send, "send the request", hint: "send"),
                Binding([.tab], "Tab", .nextPane, "next field (after the last, the response)", hint: "next"),
                Binding([.backTab], "Shift-Tab", .previousPane, "previous field"),
                Binding([.up, .down], "↑ ↓", nil, "move between fields"),
                Binding([.pageUp, .pageDown], "PgUp PgDn", nil, "a page up, down"),
                Binding([.home, .end], "Home End", nil, "first, last field (in a text: its start, end)"),
                Binding([], "type", nil, "edit the field"),
                Binding([.left, .right], "← →", nil, "cursor; choices, true/false, alternatives; fold"),
                Binding([.enter], "Enter", .open, "pick from a list, fold, or next field"),
                Binding([.character(" ")], "Space", .toggle, "include or fold an object, toggle true/false"),
                Binding([.control("d")], "Ctrl-D", .useDefault, "use the default or example", hint: "default"),
                Binding([.control("n")], "Ctrl-N", .toggleNull, "send null / stop sending null"),
                Binding([.character("+"), KeyPress(.insert)], "+ Insert", .addItem, "add an item or entry (on a list or map row)"),
                Binding([.control("x")], "Ctrl-X", .removeItem, "remove this item or entry"),
                Binding([KeyPress(.up, .alt), KeyPress(.down, .alt)], "Alt-↑ Alt-↓", nil, "move this item"),
                Binding([.control("t")], "Ctrl-T", .rawBody, "body as raw JSON / as a form", hint: "raw"),
                Binding([.control("g")], "Ctrl-G", .exampleBody, "fill the whole body from the description's example"),
                Binding([.control("e")], "Ctrl-E", .externalEditor, "edit the body in $VISUAL or $EDITOR"),
                Binding([.control("s")], "Ctrl-S", .saveRequest, "save the request in the collection (asks a name the first time)"),
                Binding([.escape], "Esc", .back, "back to the list (input is kept); cancels a request in flight", hint: "back"),
            ]
        case .response:
            return [
                Binding([.left, .right, .character("h"), .character("l")], "← → h l", nil, "Docs, Body, Headers, Request", hint: "tabs", hintKeys: "←→"),
            ] + moves + [
                Binding([.enter, .character(" ")], "Enter Space", .toggle, "fold or unfold"),
                Binding([.character("/")], "/", .filter, "search", hint: "search"),
                Binding([.character("w")], "w", .wrapLines, "wrap long body lines (or cut them at the edge)", hint: "wrap"),
                Binding([.character("n"), .character("N")], "n N", nil, "next, previous match"),
                Binding([.character("y")], "y", .copyRequest, "copy the request as curl, .http, Hurl or HAR (credentials masked)", hint: "copy as"),
                Binding([.character("Y")], "Y", .copyCurlWithSecrets, "copy it as curl with the credentials (asks first)"),
                Binding([.character("c")], "c", .copyBody, "copy the response body", hint: "copy"),
                Binding([.character("s")], "s", .saveBody, "save the body to a file", hint: "save"),
                Binding([.control("s")], "Ctrl-S", .saveRequest, "save the request in the collection"),
                Binding([.tab, .backTab], "Tab", .nextPane, "back to the form", hint: "form"),
                Binding([KeyPress(.function(5)), .control("j")], "F5 Ctrl-J", .send, "send again"),
                Binding([.escape], "Esc", .back, "clear the search, or back (cancels a request in flight)"),
            ]
        case .search:
            return [
                Binding([], "type", nil, "the text to find (matches follow as you type)"),
                Binding([.enter], "Enter", .open, "keep the search and go to the first match", hint: "find"),
                Binding([.escape], "Esc", .back, "stop searching", hint: "cancel"),
            ]
        case .history:
            return [
                Binding([.enter], "Enter", .open, "reopen with its inputs and response", hint: "reopen"),
                Binding([.character("y")], "y", .copyRequest, "copy as curl, .http, Hurl or HAR (credentials masked)", hint: "copy as"),
                Binding([.character("Y")], "Y", .copyCurlWithSecrets, "copy as curl with the credentials (asks first)"),
                Binding([.control("s")], "Ctrl-S", .saveRequest, "save it in the collection", hint: "save"),
            ] + moves + [
                Binding([.escape, .character("H")], "Esc H", .back, "back", hint: "back"),
            ]
        case .collection:
            return [
                Binding([.enter], "Enter", .open, "open the saved request with all its inputs", hint: "open"),
                Binding([.character("r")], "r", .rename, "rename", hint: "rename"),
                Binding([.character("d")], "d", .duplicate, "duplicate"),
                Binding([.character("m")], "m", .move, "move to another folder"),
                Binding([.delete, .character("x")], "Delete x", .delete, "delete (asks first)", hint: "delete"),
            ] + moves + [
                Binding([.escape, KeyPress(.function(4))], "Esc F4", .back, "back", hint: "back"),
            ]
        case .picker:
            return [
                Binding([.up, .down, .tab, .backTab], "↑ ↓ Tab", nil, "move"),
                Binding([.enter], "Enter", .open, "choose and close", hint: "choose"),
                Binding([.character(" ")], "Space", .toggle, "choose"),
                Binding([.left, .right], "← →", nil, "a variable's values; the cursor in a text"),
                Binding([], "type", nil, "a URL, a variable, a credential (env:NAME or {{variable}})"),
                Binding([.escape], "Esc", .back, "close", hint: "close"),
            ]
        case .choices:
            return [
                Binding([.up, .down, .character("j"), .character("k")], "↑ ↓ j k", nil, "move"),
                Binding([.pageUp, .pageDown], "PgUp PgDn", nil, "a page up, down"),
                Binding([.home, .end], "Home End", nil, "first, last"),
                Binding([.enter], "Enter", .open, "pick", hint: "pick"),
                Binding([.escape], "Esc", .back, "close", hint: "close"),
            ]
        case .prompt:
            return [
                Binding([], "type", nil, "the answer"),
                Binding([.enter], "Enter", .open, "accept", hint: "accept"),
                Binding([.escape], "Esc", .back, "cancel", hint: "cancel"),
            ]
        case .dialog:
            return [
                Binding([.left, .right, .tab], "← → Tab", nil, "choose"),
                Binding([.enter], "Enter", .open, "confirm", hint: "confirm"),
                Binding([.character("q"), .control("c")], "q Ctrl-C", .quit, "quit (asked twice: yes)"),
                Binding([.escape], "Esc", .back, "cancel", hint: "cancel"),
            ]
        case .everywhere:
            return [
                Binding([.character("?"), KeyPress(.function(1))], "? F1", .help, "the keys of this place", hint: "help"),
                Binding([KeyPress(.function(2))], "F2", .picker, "server, environment and credentials"),
                Binding([KeyPress(.function(3))], "F3", .history, "history"),
                Binding([KeyPress(.function(4))], "F4", .collection, "the collection's saved requests"),
                Binding([.character("q")], "q", .quit, "quit (asks first if input was not sent)", hint: "quit"),
                Binding([.control("c")], "Ctrl-C", .quit, "quit"),
                Binding([.control("z")], "Ctrl-Z", .suspend, "suspend (fg resumes)"),
                Binding([.control("r")], "Ctrl-R", .reload, "reload the description, keeping what you typed"),
                Binding([], "mouse", nil, "click selects, wheel scrolls"),
            ]
        }
    }

    /// The actions of the bindings whose label names several keys for several actions, key by key.
    private static let pairs: [KeyPress: Action] = [
        .character("j"): .down, .character("k"): .up, .up: .up, .down: .down, .pageUp: .pageUp, .pageDown: .pageDown,
        .control("u"): .halfPageUp, .control("d"): .halfPageDown, .character("g"): .top, .character("G"): .bottom, .home: .top, .end: .bottom,
        .control("p"): .up, .control("n"): .down, .left: .left, .right: .right, .character("h"): .left, .character("l"): .right,
        KeyPress(.up, .alt): .moveItemUp, KeyPress(.down, .alt): .moveItemDown, .character("n"): .nextMatch, .character("N"): .previousMatch,
        .tab: .down, .backTab: .up,
    ]

    /// The action a key asks for in a place. While text is being typed, characters and editing keys
    /// (Backspace, the cursor keys) go to the text before any binding; other keys keep their bindings.
    static func action(for key: KeyPress, in place: Place, typing: Bool) -> Action? {
        if typing, key.text != nil { return .type(key) }
        if let binding = bindings(place).first(where: { $0.keys.contains(key) }) { return binding.action ?? pairs[key] }
        if typing, TextInput.isEditingKey(key) { return .type(key) }
        guard !place.isOverlay else { return nil }
        return bindings(.everywhere).first { $0.keys.contains(key) }?.action
    }

    /// The help overlay's lines for a place.
    static func hints(_ place: Place) -> [KeyHint] {
        bindings(place).map { KeyHint($0.label, $0.help) }
    }

    /// The short hints for the status bar.
    static func statusHints(_ place: Place) -> [KeyHint] {
        let everywhere = place.isOverlay ? [] : bindings(.everywhere).filter { !(place.takesText && $0.action == .quit) }
        return (bindings(place) + everywhere).compactMap { binding in
            guard let hint = binding.hint else { return nil }
            // Where keys type text, the hint names a key that does not (F1 rather than ?).
            let keys = binding.label.split(separator: " ").map(String.init)
            let key = binding.hintKeys ?? (place.takesText ? keys.first { $0.count > 1 } ?? keys[0] : keys[0])
            return KeyHint(key, hint)
        }
    }

    /// The key table as Markdown, for the README (a test keeps the README's copy current).
    static func markdownTable() -> String {
        var lines = ["| where | keys | action |", "|---|---|---|"]
        for place in Place.allCases {
            for binding in bindings(place) {
                let keys = binding.label.split(separator: " ").map { "`\($0)`" }.joined(separator: " ")
                lines.append("| \(place.rawValue) | \(keys) | \(binding.help) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
