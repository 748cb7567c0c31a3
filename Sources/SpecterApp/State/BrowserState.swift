import SpecterSpec
import SpecterTerminal

/// The endpoint list: groups by tag (foldable), or while filtering, the matches best first.
struct BrowserState: Sendable {
    enum Row: Sendable, Equatable {
        /// A group of the index, with how many operations it holds.
        case group(Int)
        /// An entry of the index, with the matched character positions of its search text.
        case operation(Int, matched: [Int])
    }

    var filter = TextInput()
    /// The filter line has the keys (typing filters).
    var isFiltering = false
    var collapsed: Set<Int> = []
    private(set) var rows: [Row] = []
    var list = ListState()

    /// Starts on the first operation, so its documentation shows at once.
    init(index: EndpointIndex) {
        rebuild(index: index, candidates: [])
        list.selection = rows.firstIndex { if case .operation = $0 { return true } else { return false } } ?? 0
    }

    var selectedEntry: Int? {
        guard rows.indices.contains(list.selection), case .operation(let entry, _) = rows[list.selection] else { return nil }
        return entry
    }

    var query: String { filter.text }

    /// How many operations are listed (group rows are not operations: an empty filter lists every group too).
    var operationCount: Int {
        rows.reduce(0) { count, row in
            if case .operation = row { return count + 1 }
            return count
        }
    }

    func isHeader(_ row: Int) -> Bool {
        guard rows.indices.contains(row), case .group = rows[row] else { return false }
        return true
    }

    /// Recomputes the rows after the filter or the folding changed, keeping the selected operation
    /// selected when it is still listed.
    mutating func rebuild(index: EndpointIndex, candidates: [FuzzyCandidate]) {
        let previous = selectedEntry
        let matcher = FuzzyMatcher(filter.text)
        if matcher.isEmpty || candidates.isEmpty {
            rows = []
            // A folded group hides the groups below it in the tag tree too.
            var foldedDepth: Int?
            for (groupIndex, group) in index.groups.enumerated() {
                if let depth = foldedDepth, group.depth > depth { continue }
                foldedDepth = collapsed.contains(groupIndex) ? group.depth : nil
                rows.append(.group(groupIndex))
                if !collapsed.contains(groupIndex) { rows += group.members.map { .operation($0, matched: []) } }
            }
        } else {
            var scored: [(entry: Int, match: FuzzyMatch)] = []
            for (entry, candidate) in candidates.enumerated() {
                if let match = matcher.match(candidate) { scored.append((entry, match)) }
            }
            scored.sort { $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.entry < $1.entry }
            rows = scored.map { .operation($0.entry, matched: $0.match.positions) }
        }
        if !matcher.isEmpty {
            list.selection = 0
            list.offset = 0
        } else if let previous, let position = rows.firstIndex(where: { if case .operation(previous, _) = $0 { return true } else { return false } }) {
            list.selection = position
        }
        list.selection = min(list.selection, max(0, rows.count - 1))
    }
}

