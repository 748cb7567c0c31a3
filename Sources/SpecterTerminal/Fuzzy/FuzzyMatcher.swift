/// Fuzzy matching for filter-as-you-type: the query's characters must appear in order; matches at
/// word starts (after a space, `/`, `_`, `-`, `.`, `{`, or at a camelCase hump) and consecutive runs
/// score higher, gaps lower. Candidates are prepared once (lower-cased bytes and word-start bonuses),
/// so each keystroke is a pass over bytes: 50 000 candidates take a few milliseconds.
public struct FuzzyCandidate: Sendable {
    public let text: String
    let folded: [UInt8]
    let bonus: [Int8]
    /// Character index of each byte, for highlighting non-ASCII text.
    let characterIndex: [Int32]?

    public init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        folded = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var bonus = [Int8](repeating: 0, count: bytes.count)
        for index in bytes.indices {
            let current = bytes[index]
            let previous: UInt8 = index == 0 ? 32 : bytes[index - 1]
            if Self.isSeparator(previous) && !Self.isSeparator(current) {
                bonus[index] = index == 0 ? 10 : 8
            } else if (65...90).contains(current) && (97...122).contains(previous) {
                bonus[index] = 7
            } else if (48...57).contains(current) && !(48...57).contains(previous) {
                bonus[index] = 4
            }
        }
        self.bonus = bonus
        if bytes.allSatisfy({ $0 < 0x80 }) {
            characterIndex = nil
        } else {
            var indexes = [Int32](repeating: 0, count: bytes.count)
            var offset = 0
            for (position, character) in text.enumerated() {
                for _ in 0..<character.utf8.count {
                    indexes[offset] = Int32(position)
                    offset += 1
                }
            }
            characterIndex = indexes
        }
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 32, 47, 95, 45, 46, 123, 125, 58, 44, 40, 41, 9: return true
        default: return false
        }
    }
}

/// One candidate's match: its score and which characters matched (for highlighting).
public struct FuzzyMatch: Sendable, Equatable {
    public var score: Int
    /// Character offsets into the candidate's text, ascending.
    public var positions: [Int]
}

public struct FuzzyMatcher: Sendable {
    let query: [UInt8]

    /// An empty query matches everything with score 0.
    public init(_ query: String) {
        self.query = Array(query.lowercased().utf8.filter { $0 != 32 })
    }

    public var isEmpty: Bool { query.isEmpty }

    public func match(_ candidate: FuzzyCandidate) -> FuzzyMatch? {
        guard !query.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
        let text = candidate.folded
        guard query.count <= text.count else { return nil }
        // Forward: the earliest end of an in-order match; none means no match.
        var queryIndex = 0
        var end = -1
        for index in text.indices where text[index] == query[queryIndex] {
            queryIndex += 1
            if queryIndex == query.count {
                end = index
                break
            }
        }
        guard end >= 0 else { return nil }
        // Backward from that end: the latest start, so the match window is as tight as it can be.
        queryIndex = query.count - 1
        var start = end
        var index = end
        while index >= 0 {
            if text[index] == query[queryIndex] {
                start = index
                if queryIndex == 0 { break }
                queryIndex -= 1
            }
            index -= 1
        }
        // Inside the window, take each query byte at the best-scoring place greedily.
        var positions: [Int] = []
        positions.reserveCapacity(query.count)
        var score = 0
        var previous = -2
        var runBonus = 0
        var cursor = start
        for (offset, byte) in query.enumerated() {
            let remaining = query.count - offset - 1
            var chosen = -1
            var best = Int.min
            var probe = cursor
            let limit = text.count - remaining
            while probe < limit {
                if text[probe] == byte {
                    let value = Int(candidate.bonus[probe]) * 2 + (probe == previous + 1 ? 12 : 0) - min(probe - cursor, 12)
                    if value > best {
                        best = value
                        chosen = probe
                    }
                    if probe == previous + 1 || candidate.bonus[probe] >= 8 || probe > end { break }
                }
                probe += 1
            }
            guard chosen >= 0 else { return nil }
            // A character continuing a run scores as well as the word start the run began at.
            let bonus = Int(candidate.bonus[chosen])
            if chosen == previous + 1 {
                runBonus = max(runBonus, bonus)
                score += 16 + runBonus * 2 + 12
            } else {
                runBonus = bonus
                score += 16 + bonus * 2
                if previous >= 0 { score -= min(3 + (chosen - previous - 1), 12) }
            }
            positions.append(chosen)
            previous = chosen
            cursor = chosen + 1
        }
        score -= min(text.count / 16, 8)
        let characterPositions = candidate.characterIndex.map { indexes in positions.map { Int(indexes[$0]) } } ?? positions
        return FuzzyMatch(score: score, positions: characterPositions)
    }
}

extension FuzzyMatch {
    /// The text as spans, matched characters in `matched` style (merged over `style`).
    public static func highlight(_ text: String, positions: [Int], style: Style, matched: Style) -> [Span] {
        guard !positions.isEmpty else { return [Span(text, style)] }
        let marked = Set(positions)
        let highlight = style.overlaid(with: matched)
        var spans: [Span] = []
        var current = ""
        var currentMarked = false
        for (index, character) in text.enumerated() {
            let isMarked = marked.contains(index)
            if isMarked != currentMarked, !current.isEmpty {
                spans.append(Span(current, currentMarked ? highlight : style))
                current = ""
            }
            currentMarked = isMarked
            current.append(character)
        }
        if !current.isEmpty { spans.append(Span(current, currentMarked ? highlight : style)) }
        return spans
    }
}
