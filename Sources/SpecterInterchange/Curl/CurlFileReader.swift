import SpecterJSON

/// Reads the files and standard input a command names, through the caller's `readFile`, and
/// collects the notes the import makes on the way; a file that cannot be read becomes a note.
struct CurlFileReader {
    let file: String
    let readFile: (String) throws -> [UInt8]
    let input: ShellInput?
    var notes: [ImportNote] = []

    mutating func note(_ message: String, at position: TextPosition) {
        notes.append(ImportNote(place: SourcePlace(file: file, line: position.line), message))
    }

    /// The text of `path`, `-` being standard input; nil (with a note) when it cannot be read.
    mutating func text(of path: String, at position: TextPosition) -> String? {
        if path == "-" { return standardInput(at: position) }
        do {
            return try decode(readFile(path), from: path, at: position)
        } catch {
            note("could not read \(path) (\(error)); its contents are left out", at: position)
            return nil
        }
    }

    /// What the shell feeds the command (a here-document, a `< file`), if the text says.
    mutating func standardInput(at position: TextPosition) -> String? {
        switch input {
        case .text(let text): return text
        case .file(let path): return text(of: path, at: position)
        case nil:
            note("reads standard input, which an import does not have; left out", at: position)
            return nil
        }
    }

    private mutating func decode(_ bytes: [UInt8], from path: String, at position: TextPosition) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if Array(text.utf8) != bytes { note("\(path) is not UTF-8 text; invalid bytes were replaced", at: position) }
        return text
    }
}
