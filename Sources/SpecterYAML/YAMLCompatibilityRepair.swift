import Foundation
/// Rewrites the YAML 1.2 forms that libyaml (a YAML 1.1 parser) rejects into forms it accepts,
/// without moving any byte, so every reported line and column stays true to the user's file.
///
/// It runs only after libyaml has rejected a text, so nothing libyaml accepts is ever changed.
/// The forms: reserved directives (`%FOO`, ignored by 1.2) become comments; `%YAML 1.x` with
/// x > 2 reads as 1.2; `...` followed by a bare document becomes `---`, and a `...` that ends
/// no document becomes a comment; tabs used as separation whitespace (blank lines, after the
/// indentation, after `-`, `?`, `:` indicators) become spaces. Block scalar content is never touched.
enum YAMLCompatibilityRepair {
    static func repaired(_ bytes: [UInt8]) -> [UInt8]? {
        var output = bytes
        let lines = lineRanges(bytes)
        var hasContent = false
        var openedByUser = false
        var blockScalarParentIndent: Int?
        for (lineNumber, range) in lines.enumerated() {
            let line = bytes[range]
            let indent = line.prefix { $0 == space }.count
            let content = line.drop { $0 == space || $0 == tab }
            if let parentIndent = blockScalarParentIndent {
                if content.isEmpty || indent > parentIndent { continue }
                blockScalarParentIndent = nil
            }
            if content.isEmpty {
                for index in range where bytes[index] == tab { output[index] = space }
                continue
            }
            if content.first == hash { continue }
            if indent == 0, line.first == percent, !hasContent, !openedByUser {
                repairDirective(line: range, in: &output)
                continue
            }
            if isMarker(line, dot) {
                if !hasContent && !openedByUser {
                    output[range.lowerBound] = hash
                } else if startsBareDocument(after: lineNumber, lines: lines, bytes: bytes) {
                    for index in range.lowerBound..<range.lowerBound + 3 { output[index] = dash }
                }
                hasContent = false
                openedByUser = false
                continue
            }
            if isMarker(line, dash) {
                openedByUser = true
                hasContent = line.count > 3
            } else {
                hasContent = true
            }
            repairSeparationTabs(line: range, indent: indent, in: &output)
            if endsWithBlockScalarHeader(line) { blockScalarParentIndent = indent }
        }
        return output == bytes ? nil : output
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let hash = UInt8(ascii: "#")
    private static let percent = UInt8(ascii: "%")
    private static let dot = UInt8(ascii: ".")
    private static let dash = UInt8(ascii: "-")

    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            ranges.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// `---` or `...` at the start of a line, alone or followed by whitespace.
    private static func isMarker(_ line: ArraySlice<UInt8>, _ character: UInt8) -> Bool {
        guard line.count >= 3, line.prefix(3).allSatisfy({ $0 == character }) else { return false }
        let rest = line.dropFirst(3)
        return rest.isEmpty || rest.first == space || rest.first == tab
    }

    /// Whether the next content after a `...` (skipping comments and further `...`) is a document without `---`.
    private static func startsBareDocument(after lineNumber: Int, lines: [Range<Int>], bytes: [UInt8]) -> Bool {
        for range in lines[(lineNumber + 1)...] {
            let line = bytes[range]
            let content = line.drop { $0 == space || $0 == tab }
            if content.isEmpty || content.first == hash || isMarker(line, dot) { continue }
            return !isMarker(line, dash) && line.first != percent
        }
        return false
    }

    private static func repairDirective(line range: Range<Int>, in output: inout [UInt8]) {
        let text = String(decoding: output[range], as: UTF8.self)
        if text.hasPrefix("%TAG ") || text.hasPrefix("%TAG\t") { return }
        if text.hasPrefix("%YAML ") {
            let version = text.dropFirst(6).prefix { $0 != " " && $0 != "#" }
            if version.hasPrefix("1."), version.count == 3, version.last.map({ $0 > "2" }) == true,
               let index = text.utf8.firstIndex(of: UInt8(ascii: "1")) {
                output[range.lowerBound + text.utf8.distance(from: text.utf8.startIndex, to: index) + 2] = UInt8(ascii: "2")
            }
            return
        }
        output[range.lowerBound] = hash
    }

    /// Tabs after the indentation and after block indicators are separation, as YAML 1.2 allows.
    private static func repairSeparationTabs(line range: Range<Int>, indent: Int, in output: inout [UInt8]) {
        var index = range.lowerBound + indent
        let afterTabs = output[index..<range.upperBound].drop { $0 == tab }.first
        let startsFlow = afterTabs == UInt8(ascii: "[") || afterTabs == UInt8(ascii: "{") || afterTabs == UInt8(ascii: "]") || afterTabs == UInt8(ascii: "}")
        while indent > 0 || startsFlow, index < range.upperBound, output[index] == tab {
            output[index] = space
            index += 1
        }
        var inSingleQuote = false, inDoubleQuote = false
        var previous: UInt8 = space
        while index < range.upperBound {
            let byte = output[index]
            if byte == UInt8(ascii: "'") && !inDoubleQuote { inSingleQuote.toggle() }
            if byte == UInt8(ascii: "\"") && !inSingleQuote && previous != UInt8(ascii: "\\") { inDoubleQuote.toggle() }
            if byte == hash && (previous == space || previous == tab) && !inSingleQuote && !inDoubleQuote { return }
            let isIndicator = byte == dash || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":")
            if isIndicator && !inSingleQuote && !inDoubleQuote, index + 1 < range.upperBound, output[index + 1] == tab,
               byte == UInt8(ascii: ":") || previous == space || previous == tab,
               !startsBlockEntry(output[(index + 1)..<range.upperBound].drop { $0 == tab }) {
                var tabIndex = index + 1
                while tabIndex < range.upperBound, output[tabIndex] == tab {
                    output[tabIndex] = space
                    tabIndex += 1
                }
            }
            previous = byte
            index += 1
        }
    }

    /// Content that would open a nested block collection (`- x`, `? x`, `: x`): a tab cannot indent it.
    private static func startsBlockEntry(_ rest: ArraySlice<UInt8>) -> Bool {
        guard let first = rest.first, first == dash || first == UInt8(ascii: "?") || first == UInt8(ascii: ":") else { return false }
        let following = rest.dropFirst().first
        return following == nil || following == space || following == tab
    }

    /// A line ending in a block scalar header (`|`, `>-`, `|2+` …), possibly followed by a comment.
    private static func endsWithBlockScalarHeader(_ line: ArraySlice<UInt8>) -> Bool {
        var text = String(decoding: line, as: UTF8.self)
        if let comment = text.range(of: " #") { text = String(text[..<comment.lowerBound]) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let headerStart = trimmed.lastIndex(where: { $0 == "|" || $0 == ">" }) else { return false }
        let header = trimmed[headerStart...].dropFirst()
        guard header.allSatisfy({ $0 == "+" || $0 == "-" || $0.isNumber }) else { return false }
        let before = trimmed[..<headerStart]
        return before.isEmpty || before.hasSuffix(" ") || before.hasSuffix(":") || before.hasSuffix("-") || before.hasSuffix("---")
    }
}
