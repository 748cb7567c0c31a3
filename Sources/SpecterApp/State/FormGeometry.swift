/// How the form's rows take the pane's lines: one each, except the raw JSON editor, which takes as
/// many as its text needs (within the pane). `update` scrolls and hit-tests with this and the view
/// draws with it, so the two never disagree.
extension OperationSession {
    /// Lines a row takes in a pane of `paneHeight` lines.
    func height(of row: FormRow, paneHeight: Int) -> Int {
        guard row == .raw else { return 1 }
        return rawEditorHeight(paneHeight: paneHeight) + min(3, raw?.problems.count ?? 0)
    }

    /// Lines the raw editor's text area takes: its text and a line to grow into, at least three, and
    /// room left for the rows around it.
    func rawEditorHeight(paneHeight: Int) -> Int {
        let lines = raw?.editor.lines.count ?? 1
        return max(3, min(lines + 1, paneHeight - 6))
    }

    /// Scrolls so the selected row is on screen.
    mutating func revealSelection(paneHeight: Int) {
        guard paneHeight > 0 else { return }
        let rows = self.rows
        let selection = rows.firstIndex(of: selected) ?? 0
        if selection <= 1 {
            offset = 0
            return
        }
        if selection < offset { offset = selection }
        var used = 0
        var first = selection
        while first >= offset {
            used += height(of: rows[first], paneHeight: paneHeight)
            if used > paneHeight { break }
            first -= 1
        }
        if first >= offset { offset = first + 1 }
    }

    /// The row drawn on line `line` of the pane (0 is its first line).
    func row(atLine line: Int, paneHeight: Int) -> FormRow? {
        let rows = self.rows
        var top = 0
        for position in rows.indices.dropFirst(offset) {
            top += height(of: rows[position], paneHeight: paneHeight)
            if line < top { return rows[position] }
        }
        return nil
    }
}
