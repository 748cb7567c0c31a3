import SpecterHTTP
import SpecterRequest

/// Requests as a POSIX shell script of curl commands that runs as is: every `{{variable}}` becomes a
/// shell variable, given the collection's value as a default (`[ -n "${pet_name+set}" ] || pet_name='Rex'`,
/// so the caller's environment wins), and a secret — or a value captured while replaying, which curl cannot
/// capture — must be set by the caller (`${TOKEN:?…}`), as must what `{{$env NAME}}` reads. Built-ins become the
/// shell commands that make them. A variable where Specter escapes its value (inside a JSON body's
/// string, a path or query parameter) goes in escaped the same way (`CurlEscapedVariables`).
enum CurlScript {
    static func write(_ requests: [ForeignRequest], variables: [ForeignVariable], version: String) -> InterchangeDocument {
        var notes: [ImportNote] = []
        var commands: [String] = []
        var used: [String] = []
        var fromEnvironment: [String] = []
        let written = requests.filter { request in
            guard CurlExport.command(for: request).unicodeScalars.contains("\0") else { return true }
            notes.append(ImportNote(place: request.place, "not written: a shell argument cannot hold a NUL character"))
            return false
        }
        for request in written {
            let command = CurlExport.command(for: request)
            for name in Placeholders.names(in: command) where !used.contains(name) { used.append(name) }
            for name in Placeholders.environmentNames(in: command) where !fromEnvironment.contains(name) { fromEnvironment.append(name) }
        }
        let names = CurlShellNames(variables: used, environment: fromEnvironment)
        for (name, identifier) in names.renamed {
            notes.append(ImportNote(place: SourcePlace(file: "collection.yaml"), "the variable \(name) is the shell variable \(identifier) in the script "
                                    + "(\(CurlScript.shellName(name)) is the shell's own or another variable's); it reads back as \(identifier)"))
        }
        var escapes = CurlEscapedVariables(names: names, environment: Set(fromEnvironment.map(shellName)))
        var checked: [SourcePlace] = []
        for var request in written {
            if case .text(let text, let mediaType)? = request.body, let mediaType, MediaType.isJSON(mediaType) {
                request.body = .text(escapes.rewritingJSON(text), mediaType: mediaType)
            }
            request.url = escapes.rewritingURL(request.url, encoded: request.encodedVariables, serverLength: request.serverLength)
            request.headers = request.headers.map { ForeignHeader(name: $0.name, value: escapes.rewritingHeader($0.value)) }
            // Quiet unless something fails, and each response on its own line.
            let command = "curl -sS" + CurlExport.command(for: request).dropFirst(4) + " \\\n  -w '\\n'"
            commands.append(SpecterExportComments.heading(name: request.name ?? request.method + " " + request.url, file: request.place.file) + "\n" + expanded(command, names: names))
            if !request.captures.isEmpty || !request.asserts.isEmpty { checked.append(request.place) }
        }
        // One note for them all: the same thing said for every request of a collection was noise.
        if let first = checked.first {
            let others = checked.dropFirst().map(\.file)
            let also = others.isEmpty ? "" : "; nor those of " + (others.count <= 3 ? others.joined(separator: ", ") : "\(others.count) more requests")
            notes.append(ImportNote(place: first, "captures and asserts are not carried into a curl script (Hurl and .http keep them)" + also))
        }
        var text = "#!/bin/sh\n" + SpecterExportComments.header(count: commands.count, version: version) + " Set a variable in the environment to change it.\nset -e\n"
            // Files the requests send are named from the script's folder.
            + "cd \"$(dirname \"$0\")\"\n"
        for name in used {
            let identifier = names.identifier(for: name)
            if let variable = variables.first(where: { $0.name == name }), !variable.isSecret {
                // Not `${name-'value'}`: a value may hold `}`, which would end the expansion early.
                text += "[ -n \"${\(identifier)+set}\" ] || \(identifier)=\(ShellQuoting.quote(variable.value))\n"
            } else {
                let reason = variables.contains { $0.name == name } ? "a secret" : "not defined in the collection (an environment's, or captured when Specter replays)"
                text += ": \"${\(identifier):?set \(identifier): \(reason)}\"\n"
            }
        }
        for name in fromEnvironment {
            let identifier = shellName(name)
            text += ": \"${\(identifier):?set \(identifier): read from the environment}\"\n"
        }
        text += escapes.definitions
        return InterchangeDocument(text: text + "\n" + commands.joined(separator: "\n\n") + "\n", notes: notes)
    }

    /// `{{name}}` inside a single-quoted word becomes `'"${name}"'` (and `"${name}"` outside one).
    static func expanded(_ command: String, names: CurlShellNames) -> String {
        var result = ""
        var quoted = false
        var index = command.startIndex
        while index < command.endIndex {
            if command[index...].hasPrefix("{{"), let close = command[index...].range(of: "}}") {
                let name = command[command.index(index, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let expansion = "\"" + shellExpansion(name, names: names) + "\""
                result += quoted ? "'" + expansion + "'" : expansion
                index = close.upperBound
                continue
            }
            let character = command[index]
            if character == "'" { quoted.toggle() }
            result.append(character)
            if character == "\\", !quoted, command.index(after: index) < command.endIndex {
                index = command.index(after: index)
                result.append(command[index])
            }
            index = command.index(after: index)
        }
        return result
    }

    /// A variable, or the shell's way of making a built-in.
    private static func shellExpansion(_ name: String, names: CurlShellNames) -> String {
        let words = name.split(separator: " ").map(String.init)
        switch words.first {
        case "$uuid"?: return "$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)"
        case "$timestamp"?: return "$(date +%s)"
        case "$isoTimestamp"?: return "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        case "$randomInt"? where words.count == 3 && words.dropFirst().allSatisfy({ Int($0) != nil }):
            return "$(awk 'BEGIN { srand(); print int(\(words[1]) + rand() * (\(words[2]) - \(words[1]) + 1)) }')"
        case "$env"? where words.count == 2: return "${\(shellName(words[1]))}"
        default: return "${\(names.identifier(for: name))}"
        }
    }

    /// Letters, digits and `_`, not starting with a digit (`x-session-token` gives `x_session_token`).
    static func shellName(_ name: String) -> String {
        let kept = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        return kept.first?.isNumber == true || kept.isEmpty ? "_" + kept : kept
    }
}
