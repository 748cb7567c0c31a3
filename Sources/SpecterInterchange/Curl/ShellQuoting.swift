/// Quoting for a POSIX shell: a word in single quotes means exactly its text (a `'` written
/// `'\''`), so nothing in a request (`$`, backticks, newlines, `{{variables}}`) is expanded.
enum ShellQuoting {
    static func quote(_ word: String) -> String {
        "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// The word bare when the shell would read it unchanged (`POST`, `-H`), quoted otherwise.
    static func quoteIfNeeded(_ word: String) -> String {
        let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:=@%+,".unicodeScalars.contains(scalar))
        }
        return safe ? word : quote(word)
    }
}
