/// What a shell script says around its curl commands that a collection can keep — `NAME=value` (a
/// variable's value), `: "${NAME:?…}"` (one the caller must set: a secret, or read from the
/// environment, when the message says so, as Specter's own curl export writes them) — and what only
/// runs the script (`set -e`, `[ … ]`, `cd "$(dirname "$0")"`), which is skipped without a note.
/// From a script Specter wrote, more reads back: its escaped variables (`CurlEscapedVariables`) —
/// their functions, and each `NAME_json=$(json_text "${NAME}")` (or `url_text`, `header_text`), which
/// says `${NAME_json}` is `{{NAME}}` — and the guards of its defaults. In another script these are
/// what they look like: a function that is not curl, a variable, plumbing.
enum ShellScriptLine: Equatable {
    case variable(ForeignVariable)
    case plumbing
    /// `json_text() { … }`, `url_text() { … }` or `header_text() { … }`: the rest of its line (the commands of its body) is skipped too.
    case escapingFunction
    /// `escaped=$(json_text "${name}")`, `url_text` or `header_text`.
    case escaped(String, of: String)
    /// `[ -n "${NAME+set}" ]`, the guard before a default Specter's export gives: NAME is not a secret
    /// whatever its name says (the export never writes a secret's value).
    case defaulted(String)
    /// `: "${NAME:?set NAME: read from the environment}"` in a script Specter wrote: its `${NAME}` is
    /// what `{{$env NAME}}` was in the collection. (In another script, NAME is a variable whose value
    /// is `env:NAME`.)
    case environmentRead(String)

    static func read(_ command: ShellCommand, writtenBySpecter: Bool) -> ShellScriptLine? {
        let words = command.words.map(\.text)
        guard let first = words.first else { return nil }
        switch first {
        case "[":
            if writtenBySpecter, words.count == 4, words[1] == "-n", words[3] == "]", let match = words[2].wholeMatch(of: /\$\{([A-Za-z_][A-Za-z0-9_]*)\+set\}/) {
                return .defaulted(String(match.1))
            }
            return .plumbing
        case "set":
            return .plumbing
        case "cd" where words.dropFirst() == [#"$(dirname "$0")"#]:
            return .plumbing
        case "json_text()" where writtenBySpecter, "url_text()" where writtenBySpecter, "header_text()" where writtenBySpecter:
            return .escapingFunction
        case ":" where words.count == 2:
            return required(words[1], writtenBySpecter: writtenBySpecter)
        default:
            if writtenBySpecter, words.count == 1, let match = first.wholeMatch(of: /([A-Za-z_][A-Za-z0-9_]*)=\$\((?:json|url|header)_text "\$\{([A-Za-z_][A-Za-z0-9_]*)\}"\)/) {
                return .escaped(String(match.1), of: String(match.2))
            }
            guard words.count == 1, let match = first.wholeMatch(of: /([A-Za-z_][A-Za-z0-9_]*)=(.*)/.dotMatchesNewlines()) else { return nil }
            let name = String(match.1)
            return .variable(ForeignVariable(name: name, value: String(match.2), isSecret: SecretSlots.isSecretName(name)))
        }
    }

    /// `${NAME:?set NAME: a secret}` is a secret; `…: read from the environment}` the environment's NAME.
    private static func required(_ word: String, writtenBySpecter: Bool) -> ShellScriptLine? {
        guard let match = word.wholeMatch(of: /\$\{([A-Za-z_][A-Za-z0-9_]*):\?(.*)\}/) else { return nil }
        let name = String(match.1), message = match.2
        if message.hasSuffix(": a secret") { return .variable(ForeignVariable(name: name, value: "", isSecret: true)) }
        if message.hasSuffix(": read from the environment") {
            return writtenBySpecter ? .environmentRead(name) : .variable(ForeignVariable(name: name, value: "env:" + name))
        }
        return .plumbing
    }
}
