/// "Did you mean …?": the known names closest to one that was mistyped, by edit distance
/// (case-insensitive), as long as they are close enough to be a likely slip.
public enum Suggestion {
    /// The closest names to `name`, best first, at most `limit`, each within a third of its length
    /// (and at least 2) edits.
    public static func closest(to name: String, among names: [String], limit: Int = 1) -> [String] {
        let wanted = name.lowercased()
        let allowed = max(2, wanted.count / 3)
        var scored: [(name: String, distance: Int)] = []
        for candidate in names {
            let distance = editDistance(candidate.lowercased(), wanted)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        return scored.prefix(limit).map(\.name)
    }

    /// ` (did you mean list?)`, or nothing.
    public static func phrase(for name: String, among names: [String]) -> String {
        closest(to: name, among: names).first.map { " (did you mean \($0)?)" } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
