import SpecterTerminal

/// The documentation pane: one operation's lines at one width. Schema nodes fold; `toggled` holds the
/// nodes the user flipped from how they start (nested objects start folded).
struct DocsState: Sendable {
    var entry: Int?
    var width = 0
    var toggled: Set<String> = []
    var lines: [DocLine] = []
    var list = ListState()
}

/// A line of documentation; schema nodes with children can fold.
struct DocLine: Sendable {
    var runs: [Run]
    /// The key a foldable node folds by (its path in the tree).
    var foldKey: String?
    var isFolded = false
}
