/// Turns frames into the bytes that bring a terminal from the last frame to the next: only cells
/// that changed are written, with the fewest cursor moves and style changes it can manage.
///
/// The renderer remembers what the terminal shows. A run of blank cells reaching the end of a row is
/// one erase (`EL`) when the terminal's erase keeps the colour; an unchanged gap of up to
/// `gapToRewrite` cells inside a changed stretch is rewritten rather than jumped over (a jump costs
/// more bytes). Colours are brought down to the terminal's depth here, and nowhere else.
public struct FrameRenderer: Sendable {
    public var capabilities: TerminalCapabilities
    private var shown: CellBuffer?
    private var cursorShown = true
    private static let gapToRewrite = 4
    /// A run of this many blank cells in one style is erased (`ECH`) rather than written.
    private static let blanksToErase = 8

    public init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
    }

    /// Forgets what the terminal shows: the next frame is drawn whole (after a resize, a resume, an editor).
    public mutating func invalidate() {
        shown = nil
    }

    public mutating func render(_ frame: CellBuffer) -> [UInt8] {
        var output = Output(capabilities: capabilities)
        let previous = shown?.size == frame.size ? shown : nil
        // The cursor is hidden while cells are written, so it never flickers across the screen.
        if cursorShown || previous == nil { output.append("\u{1B}[?25l") }
        if previous == nil { output.append("\u{1B}[0m\u{1B}[2J") }
        let width = frame.size.width
        for y in 0..<frame.size.height {
            let row = y * width
            // On a cleared screen, a plain blank is already what the terminal shows.
            func unchanged(_ x: Int) -> Bool {
                previous.map { $0.cells[row + x] == frame.cells[row + x] } ?? (frame.cells[row + x] == .blank)
            }
            let tail = blankTailStart(frame, row: row, width: width)
            let limit = tail?.start ?? width
            var x = 0
            while x < limit {
                if unchanged(x) {
                    x += 1
                    continue
                }
                if frame.cells[row + x].content == .continuation, x > 0 { x -= 1 }
                output.move(to: Point(x: x, y: y))
                var end = x
                while end < limit {
                    if unchanged(end) {
                        var next = end
                        while next < limit, next - end < Self.gapToRewrite, unchanged(next) { next += 1 }
                        guard next < limit, next - end < Self.gapToRewrite else { break }
                    }
                    let blanks = blankRun(frame, row: row, from: end, limit: limit)
                    if blanks >= Self.blanksToErase {
                        output.move(to: Point(x: end, y: y))
                        output.erase(blanks, with: frame.cells[row + end].style)
                        end += blanks
                        continue
                    }
                    output.move(to: Point(x: end, y: y))
                    output.write(frame.cells[row + end])
                    end += 1
                }
                x = end
            }
            if let tail, (tail.start..<width).contains(where: { !unchanged($0) }) {
                output.move(to: Point(x: tail.start, y: y))
                output.erase(toEndOfLineWith: tail.style)
            }
        }
        cursorShown = false
        if let cursor = frame.cursor, frame.bounds.contains(cursor) {
            output.move(to: cursor, force: true)
            output.append("\u{1B}[?25h")
            cursorShown = true
        }
        shown = frame
        return output.bytes
    }

    /// Where the row's run of erasable blanks (one style, up to its end) starts, if it has one.
    private func blankTailStart(_ frame: CellBuffer, row: Int, width: Int) -> (start: Int, style: Style)? {
        guard width > 0 else { return nil }
        let last = frame.cells[row + width - 1]
        guard last.content == .scalar(" "), canErase(with: last.style) else { return nil }
        var start = width - 1
        while start > 0, frame.cells[row + start - 1] == last { start -= 1 }
        return width - start >= 3 ? (start, last.style) : nil
    }

    /// How many identical erasable blanks start at `start` (before `limit`).
    private func blankRun(_ frame: CellBuffer, row: Int, from start: Int, limit: Int) -> Int {
        let first = frame.cells[row + start]
        guard first.content == .scalar(" "), canErase(with: first.style) else { return 0 }
        var end = start + 1
        while end < limit, frame.cells[row + end] == first { end += 1 }
        return end - start
    }

    /// Erased cells take the current background but no attributes: fine for blanks unless they are
    /// underlined or reversed, and a coloured background needs "bce".
    private func canErase(with style: Style) -> Bool {
        if !style.attributes.intersection([.underline, .reverse]).isEmpty { return false }
        let background = ColorDowngrade.color(style.background, for: capabilities.colorDepth)
        return background == .standard || capabilities.backgroundColorErase
    }
}

/// The byte stream of one frame, with the pen (style) and cursor position it leaves behind.
private struct Output {
    let capabilities: TerminalCapabilities
    var bytes: [UInt8] = []
    var pen: Style?
    var cursor: Point?

    init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
        bytes.reserveCapacity(4096)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Moves the cursor, forward along the row when that is shorter than an absolute move.
    mutating func move(to point: Point, force: Bool = false) {
        guard force || cursor != point else { return }
        if !force, let cursor, cursor.y == point.y, point.x > cursor.x {
            append("\u{1B}[\(point.x - cursor.x)C")
        } else {
            append(point.x == 0 ? "\u{1B}[\(point.y + 1)H" : "\u{1B}[\(point.y + 1);\(point.x + 1)H")
        }
        cursor = point
    }

    /// Erases `count` cells from the cursor (which does not move) in a style's background.
    mutating func erase(_ count: Int, with style: Style) {
        setPen(style)
        append("\u{1B}[\(count)X")
    }

    mutating func write(_ cell: Cell) {
        setPen(cell.style)
        switch cell.content {
        case .scalar(let scalar):
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            }
            cursor?.x += 1
        case .cluster(let text):
            bytes.append(contentsOf: text.utf8)
            cursor?.x += 1
        case .continuation:
            cursor?.x += 1
        }
    }

    mutating func erase(toEndOfLineWith style: Style) {
        setPen(style)
        append("\u{1B}[K")
    }

    /// Changes the pen with the shorter of two forms: a reset followed by everything wanted, or only
    /// the differences from the current pen.
    private mutating func setPen(_ style: Style) {
        let depth = capabilities.colorDepth
        let wanted = Style(foreground: ColorDowngrade.color(style.foreground, for: depth),
                           background: ColorDowngrade.color(style.background, for: depth), attributes: style.attributes)
        guard wanted != pen else { return }
        let full = "0" + Self.attributeCodes(wanted.attributes) + Self.colorCode(wanted.foreground, base: 30) + Self.colorCode(wanted.background, base: 40)
        var codes = full
        if let pen {
            var changes = ""
            let removed = pen.attributes.subtracting(wanted.attributes)
            var added = wanted.attributes.subtracting(pen.attributes)
            if !removed.intersection([.bold, .dim]).isEmpty {
                changes += ";22"
                added.formUnion(wanted.attributes.intersection([.bold, .dim]))
            }
            if removed.contains(.italic) { changes += ";23" }
            if removed.contains(.underline) { changes += ";24" }
            if removed.contains(.reverse) { changes += ";27" }
            changes += Self.attributeCodes(added)
            if wanted.foreground != pen.foreground { changes += wanted.foreground == .standard ? ";39" : Self.colorCode(wanted.foreground, base: 30) }
            if wanted.background != pen.background { changes += wanted.background == .standard ? ";49" : Self.colorCode(wanted.background, base: 40) }
            let incremental = String(changes.dropFirst())
            if incremental.utf8.count < full.utf8.count { codes = incremental }
        }
        append("\u{1B}[\(codes)m")
        pen = wanted
    }

    private static func attributeCodes(_ attributes: Attributes) -> String {
        var codes = ""
        if attributes.contains(.bold) { codes += ";1" }
        if attributes.contains(.dim) { codes += ";2" }
        if attributes.contains(.italic) { codes += ";3" }
        if attributes.contains(.underline) { codes += ";4" }
        if attributes.contains(.reverse) { codes += ";7" }
        return codes
    }

    private static func colorCode(_ color: Color, base: Int) -> String {
        switch color {
        case .standard: return ""
        case .ansi(let index): return index < 8 ? ";\(base + Int(index))" : ";\(base + 60 + Int(index) - 8)"
        case .indexed(let index): return ";\(base + 8);5;\(index)"
        case .rgb(let red, let green, let blue): return ";\(base + 8);2;\(red);\(green);\(blue)"
        }
    }
}
