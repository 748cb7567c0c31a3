/// A minimal terminal: interprets the output `FrameRenderer` produces (cursor moves, SGR styles,
/// erase to end of line, clear screen, cursor visibility, UTF-8 text of any width) into cells.
///
/// It lets tests check the renderer against its contract, byte stream in, screen out.
public struct ScreenEmulator: Sendable {
    public private(set) var buffer: CellBuffer
    private var cursor = Point(x: 0, y: 0)
    private var pen = Style.plain
    public private(set) var cursorVisible = true
    private var pending: [UInt8] = []

    public init(size: Size) {
        buffer = CellBuffer(size: size)
    }

    mutating func resize(_ size: Size) {
        buffer = CellBuffer(size: size)
        cursor = Point(x: 0, y: 0)
    }

    /// The screen as a frame, with the cursor where the terminal shows it.
    public var frame: CellBuffer {
        var copy = buffer
        copy.cursor = cursorVisible ? cursor : nil
        return copy
    }

    public mutating func apply(_ bytes: [UInt8]) {
        var index = 0
        let input = pending + bytes
        pending = []
        while index < input.count {
            let byte = input[index]
            if byte == 0x1B {
                guard let length = escape(input, at: index) else {
                    pending = Array(input[index...])
                    return
                }
                index += length
                continue
            }
            let length = Self.utf8Length(byte)
            guard index + length <= input.count else {
                pending = Array(input[index...])
                return
            }
            let text = String(decoding: input[index..<(index + length)], as: UTF8.self)
            index += length
            printCharacter(text)
        }
    }

    private mutating func printCharacter(_ text: String) {
        guard let scalar = text.unicodeScalars.first else { return }
        let width = DisplayWidthTable.width(of: text)
        if width == 0, cursor.x > 0 {
            // A combining mark joins the cell before it.
            let previous = buffer[cursor.x - 1, cursor.y]
            buffer[cursor.x - 1, cursor.y] = Cell(.cluster(previous.text + text), style: previous.style)
            return
        }
        guard cursor.y < buffer.size.height, cursor.x < buffer.size.width else { return }
        buffer[cursor.x, cursor.y] = Cell(.scalar(scalar), style: pen)
        if width == 2, cursor.x + 1 < buffer.size.width { buffer[cursor.x + 1, cursor.y] = Cell(.continuation, style: pen) }
        cursor.x += width
    }

    /// Applies the escape sequence at `start`; returns its length, or nil if it is not complete yet.
    private mutating func escape(_ input: [UInt8], at start: Int) -> Int? {
        guard start + 1 < input.count else { return nil }
        guard input[start + 1] == UInt8(ascii: "[") else { return 2 }
        var index = start + 2
        var parameters = ""
        while index < input.count, (0x30...0x3F).contains(input[index]) {
            parameters.unicodeScalars.append(Unicode.Scalar(input[index]))
            index += 1
        }
        guard index < input.count else { return nil }
        let final = Character(Unicode.Scalar(input[index]))
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        switch final {
        case "H":
            cursor = Point(x: max(1, numbers.count > 1 ? numbers[1] : 1) - 1, y: max(1, numbers.first ?? 1) - 1)
        case "J":
            buffer = CellBuffer(size: buffer.size)
        case "K":
            for x in cursor.x..<buffer.size.width { buffer[x, cursor.y] = Cell(.scalar(" "), style: Style(background: pen.background)) }
        case "X":
            let count = max(1, numbers.first ?? 1)
            for x in cursor.x..<min(buffer.size.width, cursor.x + count) { buffer[x, cursor.y] = Cell(.scalar(" "), style: Style(background: pen.background)) }
        case "C":
            cursor.x = min(buffer.size.width - 1, cursor.x + max(1, numbers.first ?? 1))
        case "m":
            applySGR(numbers.isEmpty ? [0] : numbers)
        case "h", "l":
            if parameters == "?25" { cursorVisible = final == "h" }
        default:
            break
        }
        return index - start + 1
    }

    private mutating func applySGR(_ codes: [Int]) {
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: pen = .plain
            case 1: pen.attributes.insert(.bold)
            case 2: pen.attributes.insert(.dim)
            case 3: pen.attributes.insert(.italic)
            case 4: pen.attributes.insert(.underline)
            case 7: pen.attributes.insert(.reverse)
            case 22: pen.attributes.subtract([.bold, .dim])
            case 23: pen.attributes.remove(.italic)
            case 24: pen.attributes.remove(.underline)
            case 27: pen.attributes.remove(.reverse)
            case 39: pen.foreground = .standard
            case 49: pen.background = .standard
            case 30...37: pen.foreground = .ansi(UInt8(code - 30))
            case 40...47: pen.background = .ansi(UInt8(code - 40))
            case 90...97: pen.foreground = .ansi(UInt8(code - 90 + 8))
            case 100...107: pen.background = .ansi(UInt8(code - 100 + 8))
            case 38, 48:
                var color = Color.standard
                if index + 2 < codes.count, codes[index + 1] == 5 {
                    color = .indexed(UInt8(codes[index + 2]))
                    index += 2
                } else if index + 4 < codes.count, codes[index + 1] == 2 {
                    color = .rgb(UInt8(codes[index + 2]), UInt8(codes[index + 3]), UInt8(codes[index + 4]))
                    index += 4
                }
                if code == 38 { pen.foreground = color } else { pen.background = color }
            default: break
            }
            index += 1
        }
    }

    private static func utf8Length(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
