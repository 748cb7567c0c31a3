@preconcurrency import CNcursesw
import SpecterTerminal

/// Curses key codes and mouse events as toolkit input.
enum CursesKeys {
    static func key(_ code: Int32) -> KeyPress? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_IC: return KeyPress(.insert)
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_SLEFT: return KeyPress(.left, .shift)
        case KEY_SRIGHT: return KeyPress(.right, .shift)
        case KEY_SHOME: return KeyPress(.home, .shift)
        case KEY_SEND: return KeyPress(.end, .shift)
        case KEY_SDC: return KeyPress(.delete, .shift)
        case (KEY_F0 + 1)...(KEY_F0 + 63):
            // Terminals send Shift-F1 as F13, Ctrl-F1 as F25 …
            let number = Int(code - KEY_F0)
            let modifiers: [Modifiers] = [[], .shift, .control, [.control, .shift], .alt]
            return KeyPress(.function((number - 1) % 12 + 1), modifiers[min(4, (number - 1) / 12)])
        default:
            return extended(code)
        }
    }

    /// Keys with modifiers that ncurses names from the terminfo extensions: `kLFT5` is Ctrl-Left.
    private static func extended(_ code: Int32) -> KeyPress? {
        guard let pointer = keyname(code) else { return nil }
        let name = String(cString: pointer)
        guard name.count >= 4, let digit = name.last?.wholeNumberValue else { return nil }
        let base: Key
        switch name.dropLast() {
        case "kLFT": base = .left
        case "kRIT": base = .right
        case "kUP": base = .up
        case "kDN": base = .down
        case "kHOM": base = .home
        case "kEND": base = .end
        case "kDC": base = .delete
        case "kPRV": base = .pageUp
        case "kNXT": base = .pageDown
        default: return nil
        }
        return KeyPress(base, Modifiers(xtermCode: digit))
    }

    static func mouse(_ event: MEVENT) -> RawInput? {
        let position = Point(x: Int(event.x), y: Int(event.y))
        let state = event.bstate
        if state & specter_button4_pressed() != 0 { return .mouse(MouseEvent(.wheelUp, at: position)) }
        if state & specter_button5_pressed() != 0 { return .mouse(MouseEvent(.wheelDown, at: position)) }
        if state & specter_button1_pressed() != 0 { return .mouse(MouseEvent(.press(button: 1), at: position)) }
        if state & specter_button3_pressed() != 0 { return .mouse(MouseEvent(.press(button: 3), at: position)) }
        return nil
    }
}
