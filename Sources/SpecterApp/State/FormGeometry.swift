import SpecterSchema
import SpecterTerminal
import SpecterText

/// Where a form row's parts go at a pane width: the name, the type with its constraints, the value.
/// The type column is as wide as the form's widest type needs, within two fifths of the pane; a type
/// that still does not fit goes whole on a second line under its field, never cut.
struct FormColumns: Sendable {
    let label: Int
    let type: Int

    /// Where the value starts, from the pane's left edge.
    var valueOffset: Int { label + type + 2 }

    init(width: Int, session: OperationSession) {
        label = min(30, max(14, width * 3 / 10))
        let widest = session.rows.reduce(8) { widest, row in
            guard case .field(let id, _) = row, let field = session.form.field(id) else { return widest }
            return max(widest, DisplayWidthTable.width(of: FieldText.typeLabel(field)))
        }
        type = min(widest, max(8, width * 2 / 5))
    }

    /// Whether a field's type goes on the line under it.
    func typeWraps(_ field: FormField) -> Bool {
        DisplayWidthTable.width(of: FieldText.typeLabel(field)) > type
    }
}

/// How the form's rows take the pane's lines: one each, two for a field whose type is wider than
/// its column, and the raw JSON editor as many as its text needs (within the pane). `update`
/// scrolls and hit-tests with this and the view draws with it, so the two never disagree.
extension OperationSession {
    /// Lines a row takes in a pane of this size.
    func height(of row: FormRow, in pane: Size, columns: FormColumns? = nil) -> Int {
        switch row {
        case .raw:
            return rawEditorHeight(paneHeight: pane.height) + min(3, raw?.problems.count ?? 0)
        case .field(let id, _):
            guard let field = form.field(id) else { return 1 }
            return (columns ?? FormColumns(width: pane.width, session: self)).typeWraps(field) ? 2 : 1
        default:
            return 1
        }
    }

    /// Lines the raw editor's text area takes: its text and a line to grow into, at least three, and
    /// room left for the rows around it.
    func rawEditorHeight(paneHeight: Int) -> Int {
        let lines = raw?.editor.lines.count ?? 1
        return max(3, min(lines + 1, paneHeight - 6))
    }

    /// Scrolls so the selected row is on screen.
    mutating func revealSelection(in pane: Size) {
        guard pane.height > 0 else { return }
        let rows = self.rows
        let columns = FormColumns(width: pane.width, session: self)
        let selection = rows.firstIndex(of: selected) ?? 0
        if selection <= 1 {
            offset = 0
            return
        }
        if selection < offset { offset = selection }
        var used = 0
        var first = selection
        while first >= offset {
            used += height(of: rows[first], in: pane, columns: columns)
            if used > pane.height { break }
            first -= 1
        }
        if first >= offset { offset = first + 1 }
        // A pane grown taller (the window resized) shows rows above again rather than empty lines below.
        var below = 0
        for row in rows[offset...] {
            below += height(of: row, in: pane, columns: columns)
            if below >= pane.height { return }
        }
        while offset > 0 {
            let above = height(of: rows[offset - 1], in: pane, columns: columns)
            guard below + above <= pane.height else { return }
            below += above
            offset -= 1
        }
    }

    /// The pane line the selected row starts on, when it is on screen.
    func selectionLine(in pane: Size) -> Int? {
        let rows = self.rows
        let columns = FormColumns(width: pane.width, session: self)
        var top = 0
        for position in rows.indices.dropFirst(offset) {
            if rows[position] == selected { return top < pane.height ? top : nil }
            top += height(of: rows[position], in: pane, columns: columns)
        }
        return nil
    }

    /// The row drawn on line `line` of the pane (0 is its first line).
    func row(atLine line: Int, in pane: Size) -> FormRow? {
        let rows = self.rows
        let columns = FormColumns(width: pane.width, session: self)
        var top = 0
        for position in rows.indices.dropFirst(offset) {
            top += height(of: rows[position], in: pane, columns: columns)
            if line < top { return rows[position] }
        }
        return nil
    }
}
