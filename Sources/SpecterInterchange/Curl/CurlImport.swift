import SpecterJSON

/// Reads curl command lines (as pasted from a browser's "Copy as cURL", a README or a shell
/// script) into the requests they send, so they can join a Specter collection.
public enum CurlImport {
    /// The requests of every curl command in `text`, in order, and the variables the script sets or
    /// requires around them; other commands, comments and blank lines are skipped. `readFile` gives the bytes of a file a command reads while being built
    /// (`-d @file`, `--data-urlencode name@file`, `-F name=<file`); files sent as they are
    /// (`--data-binary @file` as the whole body, `-F name=@file`, `-T file`) are referenced, not read.
    public static func parse(_ text: String, file: String, readFile: (String) throws -> [UInt8]) throws(CurlImportError) -> ForeignCollection {
        try withoutActuallyEscaping(readFile) { readFile throws(CurlImportError) in
            try parse(text, file: file, escapingReadFile: readFile)
        }
    }

    private static func parse(_ text: String, file: String, escapingReadFile readFile: @escaping (String) throws -> [UInt8]) throws(CurlImportError)
        -> ForeignCollection {
        var collection = ForeignCollection()
        // What only Specter's own export means (defaults that are no secrets, escaped copies of variables,
        // requests named in comments) is read only from it.
        let writtenBySpecter = SpecterExportComments.isWrittenBySpecter(text)
        var functionLine: Int?
        // `NAME_json` → `NAME`: Specter's escaped copies of variables (in JSON strings, URLs, headers).
        var escaped: [String: String] = [:]
        var defaulted: Set<String> = []
        var environmentReads: Set<String> = []
        for command in try ShellTokenizer.commands(in: text, file: file) {
            // The body of an escaping function Specter's export defines runs on its own line: nothing there is the collection's.
            if command.position.line == functionLine { continue }
            guard let arguments = curlArguments(of: command) else {
                switch ShellScriptLine.read(command, writtenBySpecter: writtenBySpecter) {
                case .variable(var variable)?:
                    if defaulted.contains(variable.name) { variable.isSecret = false }
                    collection.variables.removeAll { $0.name == variable.name }
                    collection.variables.append(variable)
                case .defaulted(let name)?:
                    defaulted.insert(name)
                case .escaped(let name, let source)?:
                    escaped[name] = source
                case .environmentRead(let name)?:
                    environmentReads.insert(name)
                case .escapingFunction?:
                    functionLine = command.position.line
                case .plumbing?:
                    break
                case nil:
                    let name = command.words.first?.text ?? ""
                    collection.notes.append(ImportNote(place: SourcePlace(file: file, line: command.position.line), "\(name) is not a curl command; skipped"))
                }
                continue
            }
            let invocation = try CurlArgumentParser.parse(arguments, file: file)
            var reader = CurlFileReader(file: file, readFile: readFile, input: command.input)
            // A variable the script sets before this command is one the collection keeps: nothing to remark.
            let known = Set((Array(escaped.keys) + environmentReads + collection.variables.map(\.name)).map(ShellTokenizer.variableRemark))
            for remark in command.remarks where !known.contains(remark.message) {
                reader.note(remark.message, at: remark.position)
            }
            var builder = CurlRequestBuilder(invocation: invocation, reader: reader)
            var request = unescaping(try builder.request(at: command.position), escaped, environmentReads)
            if writtenBySpecter, let (name, folder) = command.commentAbove.flatMap(SpecterExportComments.heading(parsing:)) {
                request.name = name
                request.folder = folder
            }
            collection.requests.append(request)
        }
        return collection
    }

    /// The URL's, the headers' and the body's `{{NAME_json}}` (or `_url`, `_header`) back to the `{{NAME}}` it escaped: Specter
    /// escapes a value it fills in there itself. And what the script reads from the environment back to `{{$env NAME}}`.
    private static func unescaping(_ request: ForeignRequest, _ escaped: [String: String], _ environmentReads: Set<String>) -> ForeignRequest {
        func specters(_ name: String) -> String { environmentReads.contains(name) ? "$env " + name : name }
        var renamed = escaped.mapValues(specters)
        for name in environmentReads { renamed[name] = specters(name) }
        return request.renamingPlaceholders(renamed)
    }

    /// The words after `curl` (a `$ ` prompt before it allowed); nil for any other command.
    private static func curlArguments(of command: ShellCommand) -> [ShellWord]? {
        var words = command.words[...]
        if words.first?.text == "$" { words = words.dropFirst() }
        guard let program = words.first?.text else { return nil }
        // `/usr/bin/curl`, not an assignment such as `url=https://h/curl`.
        let isCurl = program == "curl" || program == "curl.exe" || (program.hasSuffix("/curl") && !program.contains("="))
        return isCurl ? Array(words.dropFirst()) : nil
    }
}
