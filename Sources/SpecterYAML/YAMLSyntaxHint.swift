/// What libyaml's terse syntax errors usually mean in a hand-edited file, said beside its own words
/// (which stay, so they can still be searched for).
enum YAMLSyntaxHint {
    static func hint(for problem: String) -> String? {
        hints.first { problem.hasPrefix($0.problem) }?.hint
    }

    private static let hints: [(problem: String, hint: String)] = [
        ("mapping values are not allowed", "a `key: value` where none can start: is the line indented too far, or does a value hold ': ' and need quotes?"),
        ("did not find expected key", "a line is indented differently from the keys beside it"),
        ("did not find expected '-' indicator", "a list item is indented differently from the items beside it"),
        ("did not find expected ',' or ']'", "a [ list ] is not closed, or an item in it needs quotes"),
        ("did not find expected ',' or '}'", "a { mapping } is not closed, or a value in it needs quotes"),
        ("could not find expected ':'", "a key has no ':' after it, or a value spread over lines needs quotes"),
        ("found character that cannot start any token", "a value starting with @, ` or % needs quotes, and tabs cannot indent"),
        ("found a tab character", "tabs cannot indent YAML: use spaces"),
        ("found unexpected end of stream", "a quote is not closed"),
        ("block sequence entries are not allowed", "a '- ' list item where a value was expected: put the list on the lines below its key"),
    ]
}
