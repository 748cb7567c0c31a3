import SpecterJSON

/// One word of a shell command line once quotes are removed, and where it began (for messages).
struct ShellWord: Sendable, Equatable {
    var text: String
    var position: TextPosition
}

/// Something the shell would have done that reading the text cannot (run a substitution, follow a
/// pipe), said where it was written.
struct ShellRemark: Sendable, Equatable {
    var position: TextPosition
    var message: String
}

/// What a command reads as its standard input, when the text says (`<<EOF` here-document, `< file`).
enum ShellInput: Sendable, Equatable {
    case text(String)
    case file(String)
}

/// One simple command of a shell text: its words, its standard input and what was not carried out.
struct ShellCommand: Sendable, Equatable {
    var words: [ShellWord] = []
    var input: ShellInput?
    var remarks: [ShellRemark] = []
    /// Where the command's first character is.
    var position: TextPosition
    /// The text of a comment alone on the line just before the command, without its `#`.
    var commentAbove: String?
}
