import SpecterTerminal

/// Markdown as plain terminal text: paragraphs reflowed to the width, headings bold, list items
/// with bullets, code blocks and `code` marked, *emphasis* and **strong** as attributes, links as
/// their text with the URL after it. HTML tags are dropped. Enough for API descriptions.
enum Markdown {
    static func render(_ text: String, width: Int) -> [[Run]] {
        var lines: [[Run]] = []
        var paragraph: [String] = []
        var inCode = false
        func flush() {
            guard !paragraph.isEmpty else { return }
            lines += wrap(inline(paragraph.joined(separator: " ")), width: width)
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
                lines.append([Run("  " + line, .code)])
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
                lines.append([Run(heading, .bold)])
                continue
            }
            if let item = listItem(trimmed) {
                flush()
                let indent = line.prefix { $0 == " " }.count / 2
                let wrapped = wrap(inline(item.text), width: max(10, width - 2 - indent * 2))
                for (index, wrappedLine) in wrapped.enumerated() {
                    let prefix = String(repeating: "  ", count: indent) + (index == 0 ? item.marker : "  ")
                    lines.append([Run(prefix, index == 0 ? .accent : .plain)] + wrappedLine)
                }
                continue
            }
            if line.hasPrefix("    ") && paragraph.isEmpty {
                lines.append([Run(line, .code)])
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
    static func inline(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current = ""
        var tone = Tone.plain
        /// Emphasis opened by `_` or `__` (an underscore closes only what an underscore opened).
        var underscoreOpen = false
        let characters = Array(text)
        var index = 0
        func emit() {
            if !current.isEmpty { runs.append(Run(current, tone)) }
            current = ""
        }
        // A closing mark is looked for only this far ahead: a text of unclosed marks stays linear.
        func find(_ mark: Character, from start: Int, within limit: Int = 2_000) -> Int? {
            guard start < characters.count else { return nil }
            return characters[start..<min(characters.count, start + limit)].firstIndex(of: mark)
        }
        while index < characters.count {
            let character = characters[index]
            if character == "`", let end = find("`", from: index + 1) {
                emit()
                runs.append(Run(String(characters[(index + 1)..<end]), .code))
                index = end + 1
                continue
            }
            if character == "_", isIntraword(characters, at: index, closing: underscoreOpen) {
                current.append(character)
                index += 1
                continue
            }
            if character == "*" || character == "_", index + 1 < characters.count, characters[index + 1] == character {
                emit()
                if character == "_" { underscoreOpen.toggle() }
                tone.attributes.formSymmetricDifference(.bold)
                index += 2
                continue
            }
            if (character == "*" || character == "_") && (index + 1 < characters.count && !characters[index + 1].isWhitespace || tone.attributes.contains(.italic)) {
                emit()
                if character == "_" { underscoreOpen.toggle() }
                tone.attributes.formSymmetricDifference(.italic)
                index += 1
                continue
            }
            if character == "[", let close = find("]", from: index), close + 1 < characters.count, characters[close + 1] == "(",
               let end = find(")", from: close) {
                emit()
                runs.append(Run(String(characters[(index + 1)..<close]), Tone(tone.role, tone.attributes.union(.underline))))
                let url = String(characters[(close + 2)..<end])
                if !url.hasPrefix("#") { runs.append(Run(" (\(url))", .dim)) }
                index = end + 1
                continue
            }
            if character == "<", let end = find(">", from: index, within: 400), Self.isTag(characters[(index + 1)..<end]) {
                index = end + 1
                continue
            }
            current.append(character)
            index += 1
        }
        emit()
        return runs
    }

    /// What follows a `<` up to its `>` is an HTML tag: the name of one descriptions use (after `/`
    /// when closing), then attributes as HTML writes them (`href="…"`, `id=x`, `hidden`) and perhaps a
    /// `/`. `x <y and y >= 3` and a generic `List<T>` are no tags.
    private static func isTag(_ inside: ArraySlice<Character>) -> Bool {
        let body = inside.first == "/" ? inside.dropFirst() : inside
        let name = body.prefix { $0.isLetter || $0.isNumber }
        guard htmlTags.contains(String(name).lowercased()) else { return false }
        var rest = body.dropFirst(name.count)
        if rest.last == "/" { rest = rest.dropLast() }
        while !rest.isEmpty {
            guard rest.first?.isWhitespace == true else { return false }
            rest = rest.drop { $0.isWhitespace }
            let attribute = rest.prefix { $0.isLetter || $0.isNumber || "-_:.".contains($0) }
            guard !attribute.isEmpty || rest.isEmpty else { return false }
            rest = rest.dropFirst(attribute.count)
            guard rest.first == "=" else { continue }
            rest = rest.dropFirst()
            if let quote = rest.first, quote == "\"" || quote == "'" {
                guard let close = rest.dropFirst().firstIndex(of: quote) else { return false }
                rest = rest[rest.index(after: close)...]
            } else {
                let value = rest.prefix { !$0.isWhitespace && !"\"'=<>`".contains($0) }
                guard !value.isEmpty else { return false }
                rest = rest.dropFirst(value.count)
            }
        }
        return true
    }

    private static let htmlTags: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "th", "thead", "tr", "u", "ul",
    ]

    /// Whether the `_` (or `__`) at `index` sits inside a word (`snake_case`, `requires_action`): as in
    /// CommonMark, one that follows a letter or digit opens nothing, and one followed by one closes nothing.
    private static func isIntraword(_ characters: [Character], at index: Int, closing: Bool) -> Bool {
        var end = index
        while end < characters.count, characters[end] == "_" { end += 1 }
        let before = index > 0 ? characters[index - 1] : " ", after = end < characters.count ? characters[end] : " "
        return closing ? after.isLetter || after.isNumber : before.isLetter || before.isNumber
    }

    /// Breaks runs into lines of at most `width` cells at spaces; a word longer than a line is
    /// broken into pieces that fit, so nothing is cut.
    static func wrap(_ runs: [Run], width: Int) -> [[Run]] {
        guard width > 0 else { return [runs] }
        var lines: [[Run]] = [[]]
        var used = 0
        for run in runs {
            var word = ""
            func place(_ text: String) {
                let cells = DisplayWidthTable.width(of: text)
                if used + cells > width, used > 0 {
                    lines.append([])
                    used = 0
                    if text == " " { return }
                }
                lines[lines.count - 1].append(Run(text, run.tone))
                used += cells
            }
            func placeWord() {
                var rest = word
                while DisplayWidthTable.width(of: rest) > width {
                    var piece = ""
                    while let next = rest.first, piece.isEmpty || DisplayWidthTable.width(of: piece + String(next)) <= width {
                        piece.append(next)
                        rest.removeFirst()
                    }
                    if used > 0 {
                        lines.append([])
                        used = 0
                    }
                    place(piece)
                }
                if !rest.isEmpty { place(rest) }
                word = ""
            }
            for character in run.text {
                if character == " " {
                    placeWord()
                    place(" ")
                } else {
                    word.append(character)
                }
            }
            placeWord()
        }
        return lines.map(merge)
    }

    private static func merge(_ runs: [Run]) -> [Run] {
        var merged: [Run] = []
        for run in runs {
            if let last = merged.last, last.tone == run.tone {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
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

/// A description's Markdown as plain lines, for the command line's `show`: what the explorer's docs
/// pane draws, without its attributes (tags dropped, links followed by their URL, lists bulleted).
public enum MarkdownText {
    public static func lines(_ markdown: String, width: Int) -> [String] {
        Markdown.render(markdown, width: width).map { runs in runs.map(\.text).joined() }
    }
}
