/// A key, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, tab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1–F12 (and beyond, where terminals send them).
    case function(Int)
}

/// Modifier keys held with a key.
public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let control = Modifiers(rawValue: 1)
    public static let alt = Modifiers(rawValue: 2)
    public static let shift = Modifiers(rawValue: 4)

    /// The modifier parameter xterm puts in key sequences and terminfo in key names
    /// (`\e[1;5C`, `kLFT5`): one more than a bit set of shift (1), alt (2) and control (4).
    public init(xtermCode code: Int) {
        let bits = max(0, code - 1)
        var modifiers: Modifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        self = modifiers
    }
}

/// One key press: what views and key bindings match against.
public struct KeyPress: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// A printable character typed without Control or Alt.
    public var text: Character? {
        if case .character(let character) = key, modifiers.isDisjoint(with: [.control, .alt]) { return character }
        return nil
    }

    public static func character(_ character: Character) -> KeyPress { KeyPress(.character(character)) }
    public static func control(_ letter: Character) -> KeyPress { KeyPress(.character(letter), .control) }
    public static func alt(_ character: Character) -> KeyPress { KeyPress(.character(character), .alt) }
    public static let enter = KeyPress(.enter), tab = KeyPress(.tab), backTab = KeyPress(.tab, .shift), escape = KeyPress(.escape)
    public static let up = KeyPress(.up), down = KeyPress(.down), left = KeyPress(.left), right = KeyPress(.right)
    public static let home = KeyPress(.home), end = KeyPress(.end), pageUp = KeyPress(.pageUp), pageDown = KeyPress(.pageDown)
    public static let backspace = KeyPress(.backspace), delete = KeyPress(.delete)

    /// How help and hint bars name the key: `Ctrl-J`, `Shift-Tab`, `F5`, `Alt-x`, `↑`.
    public var description: String {
        var name: String
        switch key {
        case .character(" "): name = "Space"
        case .character(let character): name = String(character)
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Delete"
        case .insert: name = "Insert"
        case .escape: name = "Esc"
        case .up: name = "↑"
        case .down: name = "↓"
        case .left: name = "←"
        case .right: name = "→"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let number): name = "F\(number)"
        }
        if modifiers.contains(.control), case .character(let character) = key { name = String(character).uppercased() }
        var prefix = ""
        if modifiers.contains(.control) { prefix += "Ctrl-" }
        if modifiers.contains(.alt) { prefix += "Alt-" }
        if modifiers.contains(.shift) { prefix += "Shift-" }
        return prefix + name
    }
}

/// A mouse action on a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case press(button: Int)
        case release
        case wheelUp
        case wheelDown
    }

    public var action: Action
    public var position: Point

    public init(_ action: Action, at position: Point) {
        self.action = action
        self.position = position
    }
}

/// Everything the terminal can tell the program.
public enum InputEvent: Hashable, Sendable {
    case key(KeyPress)
    /// Bracketed paste: everything pasted at once, so pasted text is never taken for commands.
    case paste(String)
    case mouse(MouseEvent)
    case resize(Size)
    /// The terminal went away: nothing more will come.
    case endOfInput
}
