/// A Hurl file's text as Unicode scalars, with the offset each line starts at. Most of a file is
/// read line by line; bodies (JSON, XML, multiline strings) span lines and are read by offset.
struct HurlSource {
    let file: String
    let scalars: [Unicode.Scalar]
    /// The offset of each line's first scalar.
    let lineStarts: [Int]

    init(text: String, file: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(offset + 1)
        }
        self.file = file
        self.scalars = scalars
        self.lineStarts = starts
    }

    var lineCount: Int { lineStarts.count }

    /// The offset just after the line's last scalar, before its `\n` or `\r\n`.
    func contentEnd(ofLine line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
        if end > lineStarts[line], scalars[end - 1] == "\r" { end -= 1 }
        return end
    }

    func string(_ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[range])
        return String(text)
    }

    /// The 0-based line holding `offset`.
    func line(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func error(_ message: String, at offset: Int) -> HurlSyntaxError {
        let line = line(containing: offset)
        return HurlSyntaxError(file: file, line: line + 1, column: offset - lineStarts[line] + 1, message: message)
    }

    func place(ofLine line: Int) -> SourcePlace { SourcePlace(file: file, line: line + 1) }

    /// True when only spaces and a comment are left between `offset` and `end`.
    func isRestBlank(from offset: Int, to end: Int) -> Bool {
        var index = offset
        while index < end, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index == end || scalars[index] == "#"
    }

    /// The first offset at or after `offset` (before `end`) that is not a space or a tab.
    func skipSpaces(from offset: Int, to end: Int) -> Int {
        var index = offset
        while index < end, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index
    }

    /// Whether the scalars at `offset` spell `prefix`.
    func hasPrefix(_ prefix: String, at offset: Int) -> Bool {
        var index = offset
        for scalar in prefix.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }
}
