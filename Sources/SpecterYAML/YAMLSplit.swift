import SpecterJSON

/// Where a large YAML document can be cut so its two halves parse on their own, on two cores.
///
/// libyaml's scan is most of the cost of loading a large document and it cannot be sped up from
/// outside, but a document whose root is a block mapping can be cut at a key line near its middle:
/// the first part is the text before that line; the second is the line's ancestor keys (copied
/// verbatim, so it nests the same way) followed by the rest of the text. Each part is a complete
/// YAML document, and the two trees merge back into exactly the tree of the whole.
///
/// The cut is only a speed-up, never a second interpretation: it is tried only on plain block
/// text (no directives, document markers or tab indentation), either part failing to parse means
/// the document is loaded whole, and a wrong cut (inside a quoted or flow scalar) always leaves the
/// first part unterminated, which libyaml rejects.
struct YAMLSplit {
    /// Texts below this size parse faster on one thread than the cut and a second thread cost.
    static let minimumSize = 512 * 1024
    /// How far past the middle to look for a line to cut at.
    private static let searchWindow = 256 * 1024
    /// Deepest cut line, in spaces of indentation.
    private static let maxIndent = 12

    /// The first part is the text before this offset.
    let offset: Int
    /// The cut line's ancestor key lines, outermost first, each with its line break.
    let ancestors: [ArraySlice<UInt8>]

    static func find(in bytes: [UInt8]) -> YAMLSplit? {
        guard bytes.count >= minimumSize, isPlainBlockText(bytes), let root = firstContentLine(bytes), bytes[root] != space,
              isKeyLine(bytes, at: root) else { return nil }
        var line = nextLineStart(bytes, after: bytes.count / 2)
        let end = min(bytes.count, bytes.count / 2 + searchWindow)
        while let start = line, start < end {
            if let split = candidate(bytes, at: start) { return split }
            line = nextLineStart(bytes, after: start)
        }
        return nil
    }

    /// The whole document's tree from its parts' trees; `nil` when they do not fit together as cut.
    func merge(_ first: JSONValue, _ second: JSONValue) -> JSONValue? {
        Self.merge(first, second, depth: ancestors.count)
    }

    private static func merge(_ first: JSONValue, _ second: JSONValue, depth: Int) -> JSONValue? {
        guard case .object(let head) = first, case .object(let tail) = second else { return nil }
        guard depth > 0 else { return .object(JSONObject(head.members + tail.members)) }
        guard let last = head.members.last, let next = tail.members.first, last.key == next.key,
              let joined = merge(last.value, next.value, depth: depth - 1) else { return nil }
        return .object(JSONObject(head.members.dropLast() + [JSONObject.Member(key: last.key, value: joined)] + tail.members.dropFirst()))
    }

    // MARK: - Finding the cut

    private static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let hash = UInt8(ascii: "#"), colon = UInt8(ascii: ":"), tab = UInt8(ascii: "\t")

    /// The cut at the line starting at `start`, if it is a key line whose ancestors are all bare key lines.
    private static func candidate(_ bytes: [UInt8], at start: Int) -> YAMLSplit? {
        let indent = indentation(bytes, at: start)
        guard indent <= maxIndent, isKeyLine(bytes, at: start + indent) else { return nil }
        var ancestors: [ArraySlice<UInt8>] = []
        var wanted = indent
        var position = start
        while wanted > 0 {
            guard let parent = previousLine(bytes, before: position, indentedLessThan: wanted) else { return nil }
            let parentIndent = indentation(bytes, at: parent)
            let lineEnd = endOfLine(bytes, from: parent)
            guard isBareKeyLine(bytes[(parent + parentIndent)..<lineEnd]) else { return nil }
            ancestors.append(bytes[parent..<min(bytes.count, lineEnd + 1)])
            wanted = parentIndent
            position = parent
        }
        return YAMLSplit(offset: start, ancestors: ancestors.reversed())
    }

    /// No directives, document markers or tabs at the start of a line: the cut never has to reason about them.
    private static func isPlainBlockText(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var atLineStart = true
            for index in buffer.indices {
                let byte = buffer[index]
                if atLineStart {
                    if byte == tab || byte == UInt8(ascii: "%") { return false }
                    if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) && index + 2 < buffer.count
                        && buffer[index + 1] == byte && buffer[index + 2] == byte { return false }
                }
                atLineStart = byte == newline
            }
            return true
        }
    }

    private static func firstContentLine(_ bytes: [UInt8]) -> Int? {
        var line: Int? = 0
        while let start = line {
            let first = start + indentation(bytes, at: start)
            if first < bytes.count, bytes[first] != newline, bytes[first] != carriageReturn, bytes[first] != hash { return start }
            line = nextLineStart(bytes, after: start)
        }
        return nil
    }

    /// Starts like a plain mapping key: `name:` followed by a space or the end of the line.
    private static func isKeyLine(_ bytes: [UInt8], at start: Int) -> Bool {
        guard start < bytes.count, isKeyStart(bytes[start]) else { return false }
        var index = start
        while index < bytes.count, bytes[index] != newline {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { return false }
            if byte == hash, bytes[index - 1] == space { return false }
            if byte == colon {
                let next = index + 1 < bytes.count ? bytes[index + 1] : newline
                if next == space || next == newline || next == carriageReturn { return true }
            }
            index += 1
        }
        return false
    }

    /// `name:` alone on its line (a trailing comment allowed): a key whose value is the block below it.
    private static func isBareKeyLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first, isKeyStart(first) else { return false }
        var content = line[...]
        if let comment = content.indices.first(where: { content[$0] == hash && $0 > content.startIndex && content[$0 - 1] == space }) {
            content = content[..<comment]
        }
        while let last = content.last, last == space || last == carriageReturn { content = content.dropLast() }
        guard content.last == colon else { return false }
        return !content.dropLast().contains { $0 == colon || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == hash }
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "$"): return true
        default: return false
        }
    }

    private static func indentation(_ bytes: [UInt8], at start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == space { index += 1 }
        return index - start
    }

    private static func endOfLine(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != newline { index += 1 }
        return index
    }

    private static func nextLineStart(_ bytes: [UInt8], after position: Int) -> Int? {
        let end = endOfLine(bytes, from: position)
        return end + 1 < bytes.count ? end + 1 : nil
    }

    /// The nearest line before `position` that has content and fewer than `indent` spaces of indentation.
    private static func previousLine(_ bytes: [UInt8], before position: Int, indentedLessThan indent: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = position - 1
            while index > 0 {
                index -= 1
                guard buffer[index] == newline else { continue }
                var first = index + 1
                while first < position, first - index - 1 < indent, buffer[first] == space { first += 1 }
                let spaces = first - index - 1
                guard spaces < indent else { continue }
                let byte = buffer[first]
                if byte == newline || byte == carriageReturn || byte == hash { continue }
                return index + 1
            }
            return indentation(bytes, at: 0) < indent ? 0 : nil
        }
    }
}
