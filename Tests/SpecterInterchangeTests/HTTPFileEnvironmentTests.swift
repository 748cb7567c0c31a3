import SpecterInterchange
import Testing

@Suite struct HTTPFileEnvironmentTests {
    private func environments(_ sources: HTTPEnvironmentSources) throws -> ForeignCollection {
        try HTTPFileImport().collection(text: "GET http://x\n", file: "a.http", environments: sources)
    }

    @Test func jetBrainsPublicPrivateAndShared() throws {
        let publicFile = HTTPSourceFile(path: "http-client.env.json", text: """
        {"$schema": "x", "$shared": {"host": "http://shared", "retries": 3},
         "dev": {"host": "http://dev", "flag": true, "deep": {"var": "v"}, "Security": {"Auth": {}}},
         "prod": {"user": "p"}}
        """)
        let privateFile = HTTPSourceFile(path: "http-client.private.env.json", text: "{\"dev\": {\"password\": \"{{$processEnv PW}}\", \"host\": \"http://private\"}, \"test\": {\"token\": \"t\"}}")
        let collection = try environments(HTTPEnvironmentSources(jetBrains: publicFile, jetBrainsPrivate: privateFile))
        #expect(collection.environments == [
            ForeignEnvironment(name: "dev", variables: [ForeignVariable(name: "host", value: "http://dev"), ForeignVariable(name: "retries", value: "3"),
                                                       ForeignVariable(name: "password", value: "{{$env PW}}", isSecret: true), ForeignVariable(name: "flag", value: "true"),
                                                       ForeignVariable(name: "deep.var", value: "v")]),
            ForeignEnvironment(name: "prod", variables: [ForeignVariable(name: "host", value: "http://shared"), ForeignVariable(name: "retries", value: "3"), ForeignVariable(name: "user", value: "p")]),
            ForeignEnvironment(name: "test", variables: [ForeignVariable(name: "host", value: "http://shared"), ForeignVariable(name: "retries", value: "3"),
                                                        ForeignVariable(name: "token", value: "t", isSecret: true)]),
        ])
        #expect(collection.notes.map(\.description) == [
            "http-client.private.env.json: ‘host’ of the environment ‘dev’ is set in both files; JetBrains uses the public value",
            "http-client.env.json:2: ‘Security’ (auth configurations) is not carried over",
        ].reversed())
    }

    @Test func vsCodeSettingsWithCommentsAndShared() throws {
        let settings = HTTPSourceFile(path: ".vscode/settings.json", text: """
        {
          // REST Client
          "editor.tabSize": 2,
          "rest-client.environmentVariables": {
            "$shared": {"version": "v1", "host": "http://shared"},
            "local": {"host": "http://localhost", "api": "{{host}}/{{$shared version}}", /* trailing */},
          },
        }
        """)
        let collection = try environments(HTTPEnvironmentSources(vsCodeSettings: settings))
        #expect(collection.environments == [ForeignEnvironment(name: "local", variables: [ForeignVariable(name: "version", value: "v1"), ForeignVariable(name: "host", value: "http://localhost"),
                                                                                          ForeignVariable(name: "api", value: "{{host}}/v1")])])
        #expect(collection.notes.isEmpty)
    }

    @Test func unreadableEnvironmentFileIsANoteWithItsPlace() throws {
        let collection = try environments(HTTPEnvironmentSources(jetBrains: HTTPSourceFile(path: "http-client.env.json", text: "{\n  \"dev\": {\"a\": }\n}")))
        #expect(collection.environments.isEmpty)
        #expect(collection.notes.count == 1)
        #expect(collection.notes.first?.place == SourcePlace(file: "http-client.env.json", line: 2))
    }
}
