import Foundation

/// An ECMA-262 regular expression (the dialect JSON Schema specifies).
///
/// Most patterns in API descriptions (identifiers, dates, codes) need nothing beyond characters,
/// classes, groups, alternation, quantifiers and anchors: those are matched by our own automaton
/// (`PatternAutomaton`), which needs no backtracking and no bridging to Foundation. The rest go to ICU.
///
/// ICU differs in a few places that matter for validation: `\d` and `\w` match any Unicode digit
/// or letter there but only ASCII in ECMA-262, and `$` also matches before a final newline. The
/// pattern is rewritten for those before ICU compiles it. ICU also decides whether a pattern is valid.
final class SchemaRegex: @unchecked Sendable {
    let source: String
    private let expression: NSRegularExpression
    private let automaton: PatternAutomaton?

    init?(_ pattern: String) {
        guard let translated = Self.translate(pattern), let expression = try? NSRegularExpression(pattern: translated) else { return nil }
        source = pattern
        self.expression = expression
        automaton = PatternTree.read(pattern).flatMap(PatternAutomaton.init)
    }

    /// Whether the pattern matches anywhere in `text` (JSON Schema patterns are not anchored).
    func matches(_ text: String) -> Bool {
        if let automaton { return automaton.matches(text) }
        return icuMatches(text)
    }

    /// The same question answered by ICU alone (tests compare the two).
    func icuMatches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, options: [], range: range) != nil
    }

    /// Whether our automaton, rather than ICU, answers for this pattern.
    var isMatchedByAutomaton: Bool { automaton != nil }

    /// ECMA-262 syntax to ICU syntax; `nil` for escapes ECMA-262 does not have (`\a`, `\e` …).
    static func translate(_ pattern: String) -> String? {
        // Not ECMA-262: comment groups and global inline flags (Python/PCRE).
        if pattern.contains("(?#") { return nil }
        if let flags = pattern.range(of: #"\(\?[a-zA-Z]+\)"#, options: .regularExpression), !pattern[..<flags.lowerBound].hasSuffix("\\") { return nil }
        var output = ""
        var inClass = false
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next() else { return nil }
                switch escaped {
                case "d": output += inClass ? "0-9" : "[0-9]"
                case "D": output += inClass ? "\\x00-/:-\\x{10FFFF}" : "[^0-9]"
                case "w": output += inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]"
                case "W": output += inClass ? "\\x00-/:-@\\[-\\^`{-\\x{10FFFF}" : "[^A-Za-z0-9_]"
                case "a", "e", "A", "Z", "z", "G", "Q", "E", "h", "H", "R", "V", "X": return nil
                default: output += "\\" + String(escaped)
                }
            case "[" where !inClass:
                // ECMA-262 allows the empty class (matches nothing) and its negation (matches anything); ICU does not.
                var lookahead = characters
                if lookahead.next() == "]" {
                    characters = lookahead
                    output += "(?!)"
                    continue
                }
                lookahead = characters
                if lookahead.next() == "^", lookahead.next() == "]" {
                    characters = lookahead
                    output += "[\\s\\S]"
                    continue
                }
                inClass = true
                output.append(character)
            case "]" where inClass:
                inClass = false
                output.append(character)
            case "$" where !inClass:
                output += "(?![\\s\\S])"
            default:
                output.append(character)
            }
        }
        return inClass ? nil : output
    }
}
