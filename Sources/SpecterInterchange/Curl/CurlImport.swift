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
        var jsonTextLine: Int?
        /// `NAME_json` → `NAME`: Specter's escaped copies of variables used inside JSON strings.
        var escaped: [String: String] = [:]
        for command in try ShellTokenizer.commands(in: text, file: file) {
            guard let arguments = curlArguments(of: command) else {
                switch ShellScriptLine.read(command) {
                case .variable(let variable)?:
                    collection.variables.removeAll { $0.name == variable.name }
                    collection.variables.append(variable)
                case .jsonText(let name, let source)?:
                    escaped[name] = source
                case .jsonTextFunction?:
                    jsonTextLine = command.position.line
                case .plumbing?:
                    break
                case nil where command.position.line == jsonTextLine:
                    break
                case nil:
                    let name = command.words.first?.text ?? ""
                    collection.notes.append(ImportNote(place: SourcePlace(file: file, line: command.position.line), "\(name) is not a curl command; skipped"))
                }
                continue
            }
            let invocation = try CurlArgumentParser.parse(arguments, file: file)
            var reader = CurlFileReader(file: file, readFile: readFile, input: command.input)
            let escapedRemarks = Set(escaped.keys.map(ShellTokenizer.variableRemark))
            for remark in command.remarks where !escapedRemarks.contains(remark.message) {
                reader.note(remark.message, at: remark.position)
            }
            var builder = CurlRequestBuilder(invocation: invocation, reader: reader)
            collection.requests.append(unescaping(try builder.request(at: command.position), escaped))
        }
        return collection
    }

    /// The body's `{{NAME_json}}` back to the `{{NAME}}` it escaped (Specter escapes a value inside a JSON string itself).
    private static func unescaping(_ request: ForeignRequest, _ escaped: [String: String]) -> ForeignRequest {
        guard !escaped.isEmpty, case .text(var text, let mediaType)? = request.body else { return request }
        for (name, source) in escaped { text = text.replacingOccurrences(of: "{{\(name)}}", with: "{{\(source)}}") }
        var request = request
        request.body = .text(text, mediaType: mediaType)
        return request
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
