import SpecterTerminal

/// What the user asks for, whatever key asked: the keymap turns keys into actions, and `update`
/// only ever sees actions. What an action does depends on the place it arrives in (`open` opens an
/// operation in the list, picks a value in a form, finds in a search).
enum Action: Hashable, Sendable {
    // Everywhere
    case help, picker, history, quit, suspend
    /// Read the description again (Ctrl-R), keeping everything typed.
    case reload
    /// The API's own page: its description, servers, security schemes, contact.
    case overview
    /// Esc: close, cancel, clear, or go back a level.
    case back
    case nextPane, previousPane
    // Moving
    case up, down, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom, left, right
    /// Enter: open, pick, accept.
    case open
    /// Space: fold, include, flip.
    case toggle
    /// Start a filter or a search.
    case filter
    case nextMatch, previousMatch
    // The request form
    case send, useDefault, toggleNull, addItem, removeItem, moveItemUp, moveItemDown, rawBody, externalEditor
    /// Fill the whole body from the description's example (or a generated one).
    case exampleBody
    // Collections
    /// The collection's saved requests.
    case collection
    /// Save the request into the collection (asking for a name the first time).
    case saveRequest
    case rename, duplicate, move, delete
    // Responses and history
    case copyRequest, copyCurlWithSecrets, copyBody, saveBody
    /// Wrap long lines, or cut them at the edge.
    case wrapLines
    /// A key for the text being typed (a character, or an editing key such as Backspace).
    case type(KeyPress)

    /// The list or scroll movement it means, if it is one.
    var listCommand: ListCommand? {
        switch self {
        case .up: return .up
        case .down: return .down
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .halfPageUp: return .halfPageUp
        case .halfPageDown: return .halfPageDown
        case .top: return .top
        case .bottom: return .bottom
        case .open: return .activate
        case .toggle: return .toggle
        case .right: return .open
        case .left: return .close
        default: return nil
        }
    }

    /// The key this action means to a text being edited: what is typed, the cursor keys, Home and
    /// End (`top`, `bottom`), and Enter for a new line (in the multi-line raw body).
    var editingKey: KeyPress? {
        switch self {
        case .type(let key): return key
        case .left: return .left
        case .right: return .right
        case .up: return .up
        case .down: return .down
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .top: return .home
        case .bottom: return .end
        case .open: return .enter
        default: return nil
        }
    }
}
