/// Turns raw input into events: Control letters, Esc told apart from Alt+key, bracketed paste
/// gathered into one event, and the escape sequences a backend passes through undecoded.
///
/// The decoder is fed batches: input that arrived together. An Esc that ends a batch stood alone
/// (the backend already waited the escape delay for more), so it is the Esc key; Esc followed by a
/// character in the same batch is Alt with that character. A paste may span batches.
public struct InputDecoder: Sendable {
    private var pending: [Unicode.Scalar] = []
    private var paste: String.UnicodeScalarView?

    private static let pasteStart = Array("\u{1B}[200~".unicodeScalars)
    private static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)

    public init() {}

    public mutating func decode(_ batch: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        for input in batch {
            switch input {
            case .scalar(let scalar):
                pending.append(scalar)
            default:
                flush(into: &events, endOfBatch: false)
                switch input {
                case .key(let key): events.append(.key(key))
                case .mouse(let mouse): events.append(.mouse(mouse))
                case .resize(let size): events.append(.resize(size))
                case .endOfInput: events.append(.endOfInput)
                case .scalar: break
                }
            }
            flush(into: &events, endOfBatch: false)
        }
        flush(into: &events, endOfBatch: true)
        return events
    }

    /// Decodes what `pending` holds; incomplete sequences wait for more input unless the batch ended.
    private mutating func flush(into events: inout [InputEvent], endOfBatch: Bool) {
        while !pending.isEmpty {
            if paste != nil {
                guard consumePaste(into: &events) else { return }
                continue
            }
            let first = pending[0]
            if first == "\u{1B}" {
                if pending.count == 1 {
                    guard endOfBatch else { return }
                    pending.removeFirst()
                    events.append(.key(.escape))
                    continue
                }
                if Self.pasteStart.starts(with: pending) && pending.count < Self.pasteStart.count {
                    guard endOfBatch else { return }
                } else if pending.starts(with: Self.pasteStart) {
                    pending.removeFirst(Self.pasteStart.count)
                    paste = String.UnicodeScalarView()
                    continue
                }
                if let (event, length) = Self.escapeSequence(pending) {
                    pending.removeFirst(length)
                    if let event { events.append(event) }
                    continue
                }
                if !endOfBatch && Self.mayContinue(pending) { return }
                pending.removeFirst()
                let next = pending.removeFirst()
                events.append(.key(Self.key(for: next).map { KeyPress($0.key, $0.modifiers.union(.alt)) } ?? .escape))
                continue
            }
            pending.removeFirst()
            if let key = Self.key(for: first) { events.append(.key(key)) }
        }
    }

    /// Collects pasted text up to the end marker; false while the marker may still be arriving.
    private mutating func consumePaste(into events: inout [InputEvent]) -> Bool {
        while !pending.isEmpty {
            if pending[0] == "\u{1B}" {
                if pending.starts(with: Self.pasteEnd) {
                    pending.removeFirst(Self.pasteEnd.count)
                    events.append(.paste(String(paste ?? String.UnicodeScalarView())))
                    paste = nil
                    return true
                }
                if Self.pasteEnd.starts(with: pending) { return false }
            }
            let scalar = pending.removeFirst()
            paste?.append(scalar == "\r" ? "\n" : scalar)
        }
        return true
    }

    /// A control character or a printable one as a key.
    static func key(for scalar: Unicode.Scalar) -> KeyPress? {
        switch scalar.value {
        case 0x0D: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .control(" ")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x1C...0x1F: return nil
        default: return .character(Character(scalar))
        }
    }

    /// Whether an unfinished CSI/SS3 sequence may still complete.
    private static func mayContinue(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count >= 2, scalars[1] == "[" || scalars[1] == "O" else { return false }
        return scalars.dropFirst(2).allSatisfy { ("0"..."9").contains($0) || $0 == ";" || $0 == "<" }
    }

    /// CSI and SS3 sequences a backend left undecoded (xterm keys with modifiers, SGR mouse reports).
    /// Returns the event (nil for a sequence recognised but ignored) and its length.
    static func escapeSequence(_ scalars: [Unicode.Scalar]) -> (InputEvent?, Int)? {
        guard scalars.count >= 3, scalars[1] == "[" || scalars[1] == "O" else { return nil }
        var index = 2
        var body = ""
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == ";" || scalars[index] == "<" {
            body.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count else { return nil }
        let final = scalars[index]
        let length = index + 1
        if body.hasPrefix("<"), final == "M" || final == "m" { return (mouse(body.dropFirst(), pressed: final == "M"), length) }
        let numbers = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 1 }
        let modifiers = numbers.count > 1 ? Modifiers(xtermCode: numbers[1]) : []
        let key: Key?
        switch final {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": return (.key(KeyPress(.tab, .shift)), length)
        case "P", "Q", "R", "S": key = .function(Int(final.value - UInt32(("P" as Unicode.Scalar).value)) + 1)
        case "~":
            switch numbers.first ?? 0 {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 2: key = .insert
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function((numbers.first ?? 11) - 10)
            case 17...21: key = .function((numbers.first ?? 17) - 11)
            case 23, 24: key = .function((numbers.first ?? 23) - 12)
            default: key = nil
            }
        default: key = nil
        }
        return (key.map { .key(KeyPress($0, modifiers)) }, length)
    }

    /// An SGR mouse report body: `button;column;row`.
    private static func mouse(_ body: Substring, pressed: Bool) -> InputEvent? {
        let fields = body.split(separator: ";").compactMap { Int($0) }
        guard fields.count == 3 else { return nil }
        let position = Point(x: fields[1] - 1, y: fields[2] - 1)
        let button = fields[0]
        if button & 64 != 0 { return .mouse(MouseEvent(button & 1 == 0 ? .wheelUp : .wheelDown, at: position)) }
        if button & 32 != 0 { return nil }
        return .mouse(MouseEvent(pressed ? .press(button: (button & 3) + 1) : .release, at: position))
    }
}
