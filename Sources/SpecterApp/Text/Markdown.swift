import SpecterTerminal

/// Markdown as plain terminal text: paragraphs reflowed to the width, headings bold, list items
/// with bullets, code blocks and `code` marked, *emphasis* and **strong** as attributes, links as
/// their text with the URL after it. HTML tags are dropped. Enough for API descriptions.
enum Markdown {
    static func render(_ text: String, width: Int, theme: Theme) -> [[Span]] {
        var lines: [[Span]] = []
        var paragraph: [String] = []
        var inCode = false
        func flush() {
            guard !paragraph.isEmpty else { return }
            lines += wrap(inline(paragraph.joined(separator: " "), theme: theme), width: width)
            paragraph = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimming(" \t")
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                inCode.toggle()
                continue
            }
            if inCode {
                lines.append([Span("  " + line, theme.code)])
                continue
            }
            if trimmed.isEmpty {
                flush()
                if lines.last.map({ !$0.isEmpty }) ?? false { lines.append([]) }
                continue
            }
            if trimmed.hasPrefix("#") {
                flush()
                let heading = String(trimmed.drop { $0 == "#" }).trimming(" ")
                lines.append([Span(heading, .bold)])
                continue
            }
            if let item = listItem(trimmed) {
                flush()
                let indent = line.prefix { $0 == " " }.count / 2
                let wrapped = wrap(inline(item.text, theme: theme), width: max(10, width - 2 - indent * 2))
                for (index, wrappedLine) in wrapped.enumerated() {
                    let prefix = String(repeating: "  ", count: indent) + (index == 0 ? item.marker : "  ")
                    lines.append([Span(prefix, index == 0 ? theme.palette.accent : .plain)] + wrappedLine)
                }
                continue
            }
            if line.hasPrefix("    ") && paragraph.isEmpty {
                lines.append([Span(line, theme.code)])
                continue
            }
            paragraph.append(trimmed.hasPrefix(">") ? String(trimmed.dropFirst()).trimming(" ") : trimmed)
        }
        flush()
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    private static func listItem(_ line: String) -> (marker: String, text: String)? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) { return ("• ", String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return ("\(digits). ", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline marks: `code`, **strong**, *emphasis* / _emphasis_, [links](url), and <tags> removed.
    static func inline(_ text: String, theme: Theme) -> [Span] {
        var spans: [Span] = []
        var current = ""
        var style = Style.plain
        var characters = Array(text)
        var index = 0
        func emit() {
            if !current.isEmpty { spans.append(Span(current, style)) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`", let end = characters[(index + 1)...].firstIndex(of: "`") {
                emit()
                spans.append(Span(String(characters[(index + 1)..<end]), theme.code))
                index = end + 1
                continue
            }
            if character == "*" || character == "_", index + 1 < characters.count, characters[index + 1] == character {
                emit()
                style.attributes.formSymmetricDifference(.bold)
                index += 2
                continue
            }
            if (character == "*" || character == "_") && (index + 1 < characters.count && !characters[index + 1].isWhitespace || style.attributes.contains(.italic)) {
                emit()
                style.attributes.formSymmetricDifference(.italic)
                index += 1
                continue
            }
            if character == "[", let close = characters[index...].firstIndex(of: "]"), close + 1 < characters.count, characters[close + 1] == "(",
               let end = characters[close...].firstIndex(of: ")") {
                emit()
                spans.append(Span(String(characters[(index + 1)..<close]), style.adding(.underline)))
                let url = String(characters[(close + 2)..<end])
                if !url.hasPrefix("#") { spans.append(Span(" (\(url))", .dim)) }
                index = end + 1
                continue
            }
            if character == "<", let end = characters[index...].firstIndex(of: ">"), end - index < 40,
               characters[index + 1].isLetter || characters[index + 1] == "/" {
                characters.replaceSubrange(index...end, with: [])
                continue
            }
            current.append(character)
            index += 1
        }
        emit()
        return spans
    }

    /// Breaks spans into lines of at most `width` cells at spaces (a longer word is cut).
    static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [spans] }
        var lines: [[Span]] = [[]]
        var used = 0
        for span in spans {
            var word = ""
            func place(_ text: String) {
                let cells = DisplayWidthTable.width(of: text)
                if used + cells > width, used > 0 {
                    lines.append([])
                    used = 0
                    if text == " " { return }
                }
                lines[lines.count - 1].append(Span(text, span.style))
                used += cells
            }
            for character in span.text {
                if character == " " {
                    if !word.isEmpty { place(word) }
                    word = ""
                    place(" ")
                } else {
                    word.append(character)
                }
            }
            if !word.isEmpty { place(word) }
        }
        return lines.map(merge)
    }

    private static func merge(_ spans: [Span]) -> [Span] {
        var merged: [Span] = []
        for span in spans {
            if let last = merged.last, last.style == span.style {
                merged[merged.count - 1].text += span.text
            } else {
                merged.append(span)
            }
        }
        while let last = merged.last, last.text.allSatisfy({ $0 == " " }) { merged.removeLast() }
        return merged
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
