import SpecterTerminal

/// Long lines broken to a width, cell by cell (for code, URLs, headers, bodies: text where a
/// break at a space means nothing), each continuation starting with a mark so it reads as one line.
enum LineWrap {
    /// The mark a continued line starts with.
    static let continuation = Run("↪ ", .dim)

    static func hard(_ runs: [Run], width: Int, mark: Run = continuation) -> [[Run]] {
        let markWidth = DisplayWidthTable.width(of: mark.text)
        guard width > markWidth + 1, runs.displayWidth > width else { return [runs] }
        var lines: [[Run]] = [[]]
        var used = 0
        for run in runs {
            var piece = ""
            for character in run.text {
                let cells = DisplayWidthTable.width(of: String(character))
                if used + cells > width {
                    if !piece.isEmpty { lines[lines.count - 1].append(Run(piece, run.tone)) }
                    piece = ""
                    lines.append([mark])
                    used = markWidth
                }
                piece.append(character)
                used += cells
            }
            if !piece.isEmpty { lines[lines.count - 1].append(Run(piece, run.tone)) }
        }
        return lines
    }
}
