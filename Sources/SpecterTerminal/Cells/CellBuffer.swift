import SpecterText

/// Display widths for the toolkit: one table (SpecterText's) for layout and rendering alike.
public enum DisplayWidthTable {
    public static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return TerminalSanitizer.sanitize(text).reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// `text` cut to `width` cells, with `…` when it did not fit.
    public static func truncate(_ text: String, to width: Int) -> String {
        DisplayWidth.truncate(TerminalSanitizer.sanitize(text), to: width)
    }

    /// Words on lines of at most `width` cells (a word longer than that is cut when drawn).
    public static func wrapWords(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if Self.width(of: candidate) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        return lines + [current]
    }
}

/// The screen as views draw it: a grid of cells and where the cursor is.
///
/// Every string drawn passes the terminal sanitiser here, so no view can put a control character or
/// an escape sequence into a frame, whatever text it got from a document or a server. Drawing is
/// clipped to the buffer (and to an optional rect); wide characters take two cells and are never
/// split, and overwriting half of one blanks the other half.
public struct CellBuffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor is shown; `nil` hides it.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { put(newValue, x: x, y: y) }
    }

    /// Fills a rect (clipped) with blanks in a style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { put(Cell(.scalar(" "), style: style), x: x, y: y) }
        }
    }

    /// Changes the style of every cell in a rect, keeping what they show (a selection highlight).
    public mutating func restyle(_ rect: Rect, _ change: (Style) -> Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * size.width + x].style = change(cells[y * size.width + x].style) }
        }
    }

    /// Draws text on one row from `point`, clipped to `clip` (the whole buffer by default).
    /// Returns the column after the last cell drawn.
    @discardableResult
    public mutating func draw(_ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard point.y >= area.y, point.y < area.maxY else { return point.x }
        var x = point.x
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if x >= area.maxX { break }
                if x >= area.x { put(Cell(.scalar(Unicode.Scalar(byte)), style: style), x: x, y: point.y) }
                x += 1
            }
            return x
        }
        for character in TerminalSanitizer.sanitize(text) {
            let width = DisplayWidth.of(character)
            guard width > 0 else { continue }
            if x + width > area.maxX {
                if x < area.maxX && x >= area.x { put(Cell(.scalar(" "), style: style), x: x, y: point.y) }
                return area.maxX
            }
            if x >= area.x {
                let scalars = character.unicodeScalars
                let content: Cell.Content = scalars.count == 1 ? .scalar(scalars[scalars.startIndex]) : .cluster(String(character))
                put(Cell(content, style: style), x: x, y: point.y)
                if width == 2 { put(Cell(.continuation, style: style), x: x + 1, y: point.y) }
            } else if width == 2 && x + 1 >= area.x {
                put(Cell(.scalar(" "), style: style), x: x + 1, y: point.y)
            }
            x += width
        }
        return x
    }

    /// Draws spans one after another on a row; returns the column after the last.
    @discardableResult
    public mutating func draw(_ spans: [Span], at point: Point, clip: Rect? = nil) -> Int {
        var x = point.x
        for span in spans { x = draw(span.text, at: Point(x: x, y: point.y), style: span.style, clip: clip) }
        return x
    }

    /// Every row's text, one line each.
    public var text: String {
        (0..<size.height).map(line).joined(separator: "\n")
    }

    /// The text of a row, wide characters once.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<size.width { text += cells[y * size.width + x].text }
        return text
    }

    /// Writes one cell, keeping wide characters whole: a cell written over either half of a wide
    /// character blanks its other half.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let index = y * size.width + x
        if cells[index].content == .continuation, cell.content != .continuation, x > 0 {
            cells[index - 1] = Cell(.scalar(" "), style: cells[index - 1].style)
        }
        if x + 1 < size.width, cells[index + 1].content == .continuation {
            cells[index + 1] = Cell(.scalar(" "), style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
