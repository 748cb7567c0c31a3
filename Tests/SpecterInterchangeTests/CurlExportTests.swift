import Foundation
import SpecterInterchange
import Testing
import TestSupport

@Suite struct CurlExportTests {
    @Test func writesOneOptionPerLineWithMethodOnlyWhenNeeded() {
        let request = ForeignRequest(method: "POST", url: "https://api.example.com/pets", headers: [ForeignHeader(name: "Content-Type", value: "application/json")],
                                     body: .text("{\"name\":\"Rex\"}", mediaType: "application/json"), auth: .basic(user: "ann", password: "s3cret"),
                                     place: SourcePlace(file: "x"))
        #expect(CurlExport.command(for: request) == """
            curl 'https://api.example.com/pets' \\
              -H 'Content-Type: application/json' \\
              -u 'ann:s3cret' \\
              --data-raw '{"name":"Rex"}'
            """)
        var put = request
        put.method = "PUT"
        #expect(CurlExport.command(for: put).contains("curl 'https://api.example.com/pets' \\\n  -X PUT \\\n"))
    }

    @Test func writesMultipartFilesAndVariablesAsTheyAre() {
        let request = ForeignRequest(method: "POST", url: "{{base}}/upload",
                                     body: .multipart([MultipartPart(name: "note", content: .text("@not a file")),
                                                       MultipartPart(name: "meta", content: .text("{\"a\":1}"), mediaType: "application/json"),
                                                       MultipartPart(name: "file", content: .file(path: "dir;x/a.png", filename: "b.png"), mediaType: "image/png")]),
                                     place: SourcePlace(file: "x"))
        #expect(CurlExport.command(for: request) == """
            curl '{{base}}/upload' \\
              --form-string 'note=@not a file' \\
              -F 'meta="{\\"a\\":1}";type=application/json' \\
              -F 'file=@"dir;x/a.png";filename="b.png";type=image/png'
            """)
    }

    /// The exported words, run through `/bin/sh`, reach the program exactly as the request holds them.
    @Test func theShellPassesEveryValueUnchanged() throws {
        let awkward = "it's \"quoted\" $HOME `id` $(id) \\ back\nslash\ttab — ünï 🐍 {{var}}"
        let request = ForeignRequest(method: "PATCH", url: "http://h/p?q=1&r=$x", headers: [ForeignHeader(name: "X-Awkward", value: awkward)],
                                     body: .text(awkward, mediaType: "text/plain"), place: SourcePlace(file: "x"))
        let command = CurlExport.command(for: request)
        let script = "printf '%s\\0' " + command.dropFirst("curl ".count)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let arguments = String(decoding: bytes, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(arguments == ["http://h/p?q=1&r=$x", "-X", "PATCH", "-H", "X-Awkward: " + awkward, "-H", "Content-Type: text/plain", "--data-raw", awkward])
    }

    @Test func aScriptStopsBeforeSendingWhenAnEnvironmentVariableItReadsIsUnset() throws {
        let request = ForeignRequest(method: "GET", url: "http://127.0.0.1:9/me", headers: [ForeignHeader(name: "Authorization", value: "Bearer {{$env PETS_BEARER}}")],
                                     place: SourcePlace(file: "me.yaml"))
        let script = InterchangeFormat.curl.write([request], variables: [], version: "test").text
        #expect(script.contains(": \"${PETS_BEARER:?set PETS_BEARER: read from the environment}\"\n"), "\(script)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("specter-env-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(script.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [file.path]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(message.contains("PETS_BEARER: set PETS_BEARER: read from the environment"), "\(message)")
    }

    /// A variable in a header holding a line break would add a header of its own: Specter refuses to
    /// send it, and so does the script, before curl runs; without one the value goes as it is.
    @Test func aScriptRefusesALineBreakInAHeaderVariable() throws {
        let request = ForeignRequest(method: "GET", url: "http://127.0.0.1:9/me", headers: [ForeignHeader(name: "X-Note", value: "note: {{note}}")],
                                     place: SourcePlace(file: "me.yaml"))
        let script = InterchangeFormat.curl.write([request], variables: [ForeignVariable(name: "note", value: "fine")], version: "test").text
        #expect(script.contains("note_header=$(header_text \"${note}\")\n") && script.contains(#"-H 'X-Note: note: '"${note_header}"''"#), "\(script)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("specter-header-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: file) }
        // `curl` here only prints its arguments.
        try Data(script.replacingOccurrences(of: "\ncurl -sS", with: "\nprintf '%s\\n'").utf8).write(to: file)
        func run(_ note: String) throws -> (status: Int32, output: String, errors: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [file.path]
            process.environment = ["PATH": "/usr/bin:/bin", "note": note]
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, printed, message)
        }
        let plain = try run("tab\there 'quoted' $HOME é")
        #expect(plain.status == 0 && plain.output.contains("X-Note: note: tab\there 'quoted' $HOME é\n"), "\(plain)")
        for injected in ["ok\r\nX-Injected: yes", "trailing\n"] {
            let refused = try run(injected)
            #expect(refused.status != 0 && !refused.output.contains("X-Note") && refused.errors.contains("a header value cannot contain a line break"), "\(refused)")
        }
    }

    @Test func aScriptSpecterWroteReadsBackWithItsVariables() throws {
        let request = ForeignRequest(method: "POST", url: "http://127.0.0.1:9/pets?name={{pet_name}}&id={{pet_id}}",
                                     headers: [ForeignHeader(name: "Authorization", value: "Bearer {{$env PETS_BEARER}}"), ForeignHeader(name: "X-Key", value: "{{key}}")],
                                     place: SourcePlace(file: "create.yaml"))
        let variables = [ForeignVariable(name: "pet_name", value: "Rex d'Or"), ForeignVariable(name: "key", value: "", isSecret: true)]
        let script = InterchangeFormat.curl.write([request], variables: variables, version: "test").text
        let read = try CurlImport.parse(script, file: "pets.curl") { _ in [] }
        #expect(read.notes.allSatisfy { !$0.message.contains("is not a curl command") }, "\(read.notes)")
        #expect(read.variables == [ForeignVariable(name: "pet_name", value: "Rex d'Or"), ForeignVariable(name: "key", value: "", isSecret: true)])
        #expect(read.requests.first?.url == "http://127.0.0.1:9/pets?name={{pet_name}}&id={{pet_id}}")
        // What the script reads from the environment is what the collection read from it.
        #expect(read.requests.first?.header("Authorization") == "Bearer {{$env PETS_BEARER}}")
        // In a script Specter did not write, the same guard names a variable that reads the environment.
        let handWritten = try CurlImport.parse(script.replacingOccurrences(of: "exported by Specter", with: "written by hand"), file: "pets.curl") { _ in [] }
        #expect(handWritten.variables.contains(ForeignVariable(name: "PETS_BEARER", value: "env:PETS_BEARER")), "\(handWritten.variables)")
        #expect(handWritten.requests.first?.header("Authorization")?.contains("$env") == false)
    }

    /// Values a default cannot hold on one line, a secret-like name with a default (so not a secret),
    /// escaped copies of variables: all read back as the variables they were, with no note about them.
    @Test func escapedVariablesAndDefaultsReadBackQuietly() throws {
        var request = ForeignRequest(method: "POST", url: "http://127.0.0.1:9/pets/{{id}}?q={{key}}", headers: [ForeignHeader(name: "X-Note", value: "{{note}}")],
                                     body: .text(#"{"{{key}}": "{{note}}", "n": {{count}}}"#, mediaType: "application/json"), place: SourcePlace(file: "create.yaml"))
        request.encodedVariables = ["id", "key"]
        let variables = [ForeignVariable(name: "id", value: "7"), ForeignVariable(name: "key", value: "not a secret"),
                         ForeignVariable(name: "note", value: "two\nlines\u{2028}and \u{1}"), ForeignVariable(name: "count", value: "3")]
        let script = InterchangeFormat.curl.write([request], variables: variables, version: "test").text
        #expect(script.contains(#"url_text() {"#) && script.contains(#"json_text() {"#))
        #expect(script.contains("id_url=$(url_text \"${id}\")\nkey_url=$(url_text \"${key}\")\n"), "\(script)")
        #expect(script.contains(#"'"${key_json}"'": "'"${note_json}"'", "n": '"${count}"'"#), "a value outside a string stays as it is: \(script)")
        let read = try CurlImport.parse(script, file: "pets.curl") { _ in [] }
        #expect(read.notes.isEmpty && read.requests.first?.notes.isEmpty == true, "\(read.notes) \(read.requests.first?.notes ?? [])")
        #expect(read.variables.sorted { $0.name < $1.name } == variables.sorted { $0.name < $1.name }, "key has a default, so it is no secret")
        #expect(read.requests.first?.url == "http://127.0.0.1:9/pets/{{id}}?q={{key}}")
        #expect(read.requests.first?.body == request.body)
        #expect(read.requests.first?.header("X-Note") == "{{note}}")
    }

    /// Two variables whose shell spellings meet, and one named like the shell's own, each keep their
    /// value under a shell name of their own, named in the notes.
    @Test func variablesKeepTheirValuesWhenTheirShellNamesWouldMeet() throws {
        let request = ForeignRequest(method: "GET", url: "http://127.0.0.1:9/pets?a={{pet-name}}&b={{pet_name}}&c={{PATH}}&d={{$env TOKEN}}&e={{TOKEN}}",
                                     place: SourcePlace(file: "list.yaml"))
        let variables = [ForeignVariable(name: "pet-name", value: "dash"), ForeignVariable(name: "pet_name", value: "under"),
                         ForeignVariable(name: "PATH", value: "/pets"), ForeignVariable(name: "TOKEN", value: "mine")]
        let document = InterchangeFormat.curl.write([request], variables: variables, version: "test")
        let script = document.text
        #expect(script.contains("|| pet_name='dash'\n") && script.contains("|| pet_name_='under'\n") && script.contains("|| PATH_='/pets'\n") && script.contains("|| TOKEN_='mine'\n"), "\(script)")
        #expect(script.contains(#"?a='"${pet_name}"'&b='"${pet_name_}"'&c='"${PATH_}"'&d='"${TOKEN}"'&e='"${TOKEN_}"''"#), "\(script)")
        #expect(document.notes.map(\.message) == [
            "the variable pet_name is the shell variable pet_name_ in the script (pet_name is the shell's own or another variable's); it reads back as pet_name_",
            "the variable PATH is the shell variable PATH_ in the script (PATH is the shell's own or another variable's); it reads back as PATH_",
            "the variable TOKEN is the shell variable TOKEN_ in the script (TOKEN is the shell's own or another variable's); it reads back as TOKEN_",
        ])
    }

    /// The comment Specter's export writes above each command gives the request back its name and
    /// folder; other comments, or one a blank line away, name nothing.
    @Test func aRequestsNameAndFolderComeBackFromTheExportsComment() throws {
        var request = ForeignRequest(name: "Sold pets", method: "GET", url: "http://127.0.0.1:9/pets?status=sold", place: SourcePlace(file: "pets/store/sold.yaml"))
        request.folder = ["pets", "store"]
        let script = InterchangeFormat.curl.write([request], variables: [], version: "test").text
        #expect(script.contains("# Sold pets (pets/store/sold.yaml)\ncurl "))
        let read = try CurlImport.parse(script, file: "pets.sh") { _ in [] }
        #expect(read.requests.first?.name == "Sold pets" && read.requests.first?.folder == ["pets", "store"])
        let others = try CurlImport.parse("# Sold pets (pets/sold.yaml)\n\ncurl http://h/a\n# just a note\ncurl http://h/b\n", file: "other.sh") { _ in [] }
        #expect(others.requests.map(\.name) == [nil, nil])
    }

    /// A variable in the server's own URL is filled as it is, even when the same variable is a
    /// parameter's value elsewhere in the URL (encoded there).
    @Test func theServersOwnPlaceholdersAreNotEncoded() {
        var request = ForeignRequest(method: "GET", url: "{{baseUrl}}/echo/query?q={{baseUrl}}/callback", place: SourcePlace(file: "q.yaml"))
        request.encodedVariables = ["baseUrl"]
        request.serverLength = "{{baseUrl}}".count
        let script = InterchangeFormat.curl.write([request], variables: [ForeignVariable(name: "baseUrl", value: "http://h")], version: "test").text
        #expect(script.contains(#"curl -sS ''"${baseUrl}"'/echo/query?q='"${baseUrl_url}"'/callback'"#), "\(script)")
    }

    /// What only Specter's own export means is read only from a script it wrote: a hand-written
    /// script's guarded default of a token stays a secret, and its comments name nothing.
    @Test func onlySpecterScriptsNameRequestsOrUnmakeSecrets() throws {
        let handWritten = "# Uses the sample (docs/api.yaml)\n[ -n \"${GITHUB_TOKEN+set}\" ] || GITHUB_TOKEN='ghp_1234'\ncurl -H \"Authorization: Bearer $GITHUB_TOKEN\" http://h/a\n"
        let read = try CurlImport.parse(handWritten, file: "mine.sh") { _ in [] }
        #expect(read.variables == [ForeignVariable(name: "GITHUB_TOKEN", value: "ghp_1234", isSecret: true)])
        #expect(read.requests.first?.name == nil)
        let lookAlike = "a_json=$(json_text \"${a}\")\ncurl \"http://h/$a_json\"\n"
        let alike = try CurlImport.parse(lookAlike, file: "mine.sh") { _ in [] }
        #expect(alike.requests.first?.url == "http://h/{{a_json}}" && alike.variables.map(\.name) == ["a_json"], "not read as Specter's escaped copy of a")
        let specter = "#!/bin/sh\n# 2 requests exported by Specter test.\r\n# First (a/one.yaml)\r\ncurl http://h/a; curl http://h/b\r\n"
        #expect(try CurlImport.parse(specter, file: "s.sh") { _ in [] }.requests.map(\.name) == ["First", nil], "a comment names one command, whatever the line endings")
    }

    /// Every corpus command that imports without notes exports to a command that imports to the same request.
    @Test func corpusCommandsSurviveARoundTrip() throws {
        var checked = 0
        var mismatches: [String] = []
        for script in try Self.corpusScripts() {
            let text = String(decoding: try Fixtures.bytes(script), as: UTF8.self)
            for request in try CurlImport.parse(text, file: script.lastPathComponent, readFile: Self.noFiles).requests where request.notes.isEmpty {
                let exported = CurlExport.command(for: request)
                var again = try #require(try CurlImport.parse(exported, file: "exported", readFile: Self.noFiles).requests.first)
                again.place = request.place
                if again != request { mismatches.append("\(script.lastPathComponent):\n\(exported)") }
                checked += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 59)
    }

    static func corpusScripts() throws -> [URL] {
        try Fixtures.files(in: Fixtures.shared("interchange/curl/curlconverter/curl_commands"))
            + Fixtures.files(in: Fixtures.shared("interchange/curl/insomnia-importer"))
    }

    static func noFiles(_ path: String) throws -> [UInt8] { throw CocoaError(.fileNoSuchFile) }
}
