/// A frame as plain text, for golden-frame tests: a header with the size and cursor, every row's
/// text, then a compact style layer (each distinct style gets a letter; each row lists its runs).
///
/// ```
/// frame 20x3 cursor 4,1
/// ┌ Title ───────────┐
/// │ab                │
/// └──────────────────┘
/// styles
/// A bold
/// 0: A 0-19
/// ```
public enum GoldenFrame {
    /// `styleName` names styles in the legend (a theme's role names, say); the default describes them.
    public static func text(of buffer: CellBuffer, styleName: (Style) -> String = { $0.description }) -> String {
        var lines = ["frame \(buffer.size)" + (buffer.cursor.map { " cursor \($0)" } ?? " cursor hidden")]
        for y in 0..<buffer.size.height {
            var line = buffer.line(y)
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        var runs: [String] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        for y in 0..<buffer.size.height {
            var rowRuns: [String] = []
            var x = 0
            while x < buffer.size.width {
                let style = buffer[x, y].style
                var end = x
                while end + 1 < buffer.size.width, buffer[end + 1, y].style == style { end += 1 }
                if style != .plain {
                    if letters[style] == nil {
                        let letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                        letters[style] = letter
                        legend.append("\(letter) \(styleName(style))")
                    }
                    rowRuns.append("\(letters[style] ?? "?") \(x)-\(end)")
                }
                x = end + 1
            }
            if !rowRuns.isEmpty { runs.append("\(y): " + rowRuns.joined(separator: ", ")) }
        }
        if !legend.isEmpty { lines += ["styles"] + legend + runs }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A readable line diff of two frame texts: `-` expected, `+` actual, with row numbers.
    public static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : nil
            let after = index < new.count ? String(new[index]) : nil
            guard before != after else { continue }
            if let before { output.append("- \(index): \(before)") }
            if let after { output.append("+ \(index): \(after)") }
        }
        return output.joined(separator: "\n")
    }
}
