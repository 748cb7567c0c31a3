import Testing
import SpecterJSON
import SpecterTerminal
import TestSupport
@testable import SpecterApp

@Suite struct EnvironmentTests {
    static let file: JSONValue = [
        "environments": [
            "local": ["server": "http://127.0.0.1:8000", "credentials": ["api_key": "env:PETSTORE_KEY"]],
            "staging": ["variables": ["region": "eu", "version": 2]],
        ],
    ]

    @Test func environmentsAreReadInOrder() throws {
        let environments = try ExplorerEnvironment.list(from: Self.file)
        #expect(environments == [
            ExplorerEnvironment(name: "local", server: "http://127.0.0.1:8000", credentials: ["api_key": "env:PETSTORE_KEY"]),
            ExplorerEnvironment(name: "staging", variables: ["region": "eu", "version": "2"]),
        ])
    }

    @Test(arguments: [
        (["environments": ["local": ["credentials": ["api_key": "s3cret"]]]] as JSONValue, "/environments/local/credentials/api_key",
         "credentials must be env:VARIABLE references: secrets are never written in files"),
        (["environments": ["local": ["serve": "x"]]] as JSONValue, "/environments/local/serve", "unknown key \"serve\" (expected server, variables, credentials)"),
        (["environment": [:]] as JSONValue, "/environment", "unknown key \"environment\" (expected \"environments\")"),
        (["environments": ["local": ["server": 8000]]] as JSONValue, "/environments/local/server", "server must be a URL"),
    ])
    func mistakesNameTheirPlace(file: JSONValue, pointer: String, message: String) {
        #expect(throws: EnvironmentFileError(pointer: JSONPointer(pointer)!, message: message)) { try ExplorerEnvironment.list(from: file) }
    }

    @Test func thePickerAppliesAnEnvironment() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), environments: try ExplorerEnvironment.list(from: Self.file))
        app.press(KeyPress(.function(2)))
        app.golden("options-environments-120x40")
        app.press(.enter)
        let settings = try app.workspace.settings
        #expect(settings.environment == "local")
        #expect(settings.server == .url("http://127.0.0.1:8000"))
        #expect(settings.credentials["api_key"]?.text == "env:PETSTORE_KEY")
        #expect(app.frame.line(0).contains("env: local"))
        #expect(app.frame.line(0).contains("http://127.0.0.1:8000"))
    }
}
