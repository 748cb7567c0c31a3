/// The comments Specter's exports write so that importing them back finds what the format itself
/// cannot say: a first line naming Specter (only then are the others read as Specter's), and above
/// each request its name and file (`# Sold pets (pets/sold-pets.yaml)`), and in Hurl, where a value
/// read from the environment becomes a variable, which variables those are.
enum SpecterExportComments {
    /// `# 3 requests exported by Specter 1.2.` (a format may add a sentence of its own after it).
    static func header(count: Int, version: String) -> String {
        "# \(count) request\(count == 1 ? "" : "s") exported by Specter \(version)."
    }

    /// Whether the file's first line (after a `#!` line) is the header: a file merely quoting it
    /// further down is not Specter's.
    static func isWrittenBySpecter(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)[...]
        if lines.first?.hasPrefix("#!") == true { lines = lines.dropFirst() }
        guard let first = lines.first else { return false }
        return first.hasPrefix("# ") && first.dropFirst(2).prefixMatch(of: #/[0-9]+ requests? exported by Specter /#) != nil
    }

    /// `# Sold pets (pets/sold-pets.yaml)`, on one line whatever the name holds.
    static func heading(name: String, file: String) -> String {
        "# " + oneLine(name) + " (" + oneLine(file) + ")"
    }

    /// The name and folders of a request from its heading; nil for any other comment.
    static func heading(parsing comment: String) -> (name: String, folder: [String])? {
        guard let match = comment.wholeMatch(of: /#?\s*(.+) \(((?:[^()\/]+\/)*)[^()\/]+\.ya?ml\)/) else { return nil }
        return (String(match.1), match.2.split(separator: "/").map(String.init))
    }

    /// `# {{PETS_PASSWORD}} is the environment variable PETS_PASSWORD`: in Specter, `{{$env PETS_PASSWORD}}`.
    static func environmentRead(variable: String, environment: String) -> String {
        "# {{\(variable)}} is the environment variable \(oneLine(environment))"
    }

    /// The variable and the environment variable it stands for; nil for any other comment.
    static func environmentRead(parsing comment: String) -> (variable: String, environment: String)? {
        guard let match = comment.wholeMatch(of: /#\s*\{\{([A-Za-z_][A-Za-z0-9_]*)\}\} is the environment variable (\S+)\s*/) else { return nil }
        return (String(match.1), String(match.2))
    }

    /// A comment's text on one line: any line break would end the comment and start code.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
