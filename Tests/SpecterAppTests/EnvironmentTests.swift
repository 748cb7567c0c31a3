import Testing
import SpecterJSON
import SpecterRequest
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
        let environments = try RequestEnvironment.list(from: Self.file)
        #expect(environments == [
            RequestEnvironment(name: "local", server: "http://127.0.0.1:8000", credentials: ["api_key": "env:PETSTORE_KEY"]),
            RequestEnvironment(name: "staging", variables: ["region": "eu", "version": "2"]),
        ])
    }

    @Test(arguments: [
        (["environments": ["local": ["credentials": ["api_key": "s3cret"]]]] as JSONValue, "/environments/local/credentials/api_key",
         "credentials must be env:VARIABLE or secret:NAME references: secrets are never written in files"),
        (["environments": ["local": ["serve": "x"]]] as JSONValue, "/environments/local/serve", "unknown key \"serve\" (expected server, variables, credentials)"),
        (["environment": [:]] as JSONValue, "/environment", "unknown key \"environment\" (expected \"environments\")"),
        (["environments": ["local": ["server": 8000]]] as JSONValue, "/environments/local/server", "server must be a URL"),
    ])
    func mistakesNameTheirPlace(file: JSONValue, pointer: String, message: String) {
        #expect(throws: EnvironmentFileError(pointer: JSONPointer(pointer)!, message: message)) { try RequestEnvironment.list(from: file) }
    }

    @Test func thePickerAppliesAnEnvironment() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), environments: try RequestEnvironment.list(from: Self.file))
        app.press(KeyPress(.function(2)))
        app.golden("options-environments-120x40")
        app.press(.enter)
        let settings = try app.workspace.settings
        #expect(settings.environment == "local")
        #expect(settings.server == .url("http://127.0.0.1:8000"))
        #expect(settings.credentials["api_key"]?.text == "env:PETSTORE_KEY")
        #expect(app.frame.line(0).contains("env: local"))
        #expect(app.frame.line(0).contains("http://127.0.0.1:8000"))
        app.press(KeyPress(.function(2)))
        #expect(app.frame.text.components(separatedBy: "●").count - 1 == 1, "one choice is marked:\n\(app.frame.text)")
        // A URL typed in the picker stays when moving away and coming back.
        guard case .options(let picker)? = try app.workspace.overlay, let custom = picker.rows.firstIndex(of: .customURL) else { Issue.record("no picker"); return }
        for _ in 0..<custom { app.press(.down) }
        app.press(.control("u"))
        app.type("http://127.0.0.1:9999")
        app.press(.down, .escape, KeyPress(.function(2)))
        guard case .options(let reopened)? = try app.workspace.overlay else { Issue.record("no picker"); return }
        #expect(reopened.customURL.text == "http://127.0.0.1:9999")
    }
}

/// Servers, variables and credentials as the request goes out.
@Suite struct ServerAndCredentialTests {
    static let spec = "Tests/SpecterAppTests/Fixtures/servers.yaml"

    func sessionStatus(_ app: AppHarness) throws -> OperationSession.Status? {
        let workspace = try app.workspace
        guard case .operation(let entry) = workspace.screen else { return nil }
        return workspace.sessions[entry]?.status
    }

    func open(_ operation: String, in app: inout AppHarness) {
        app.press(.character("/"))
        app.type(operation)
        app.press(.enter)
    }

    @Test func anEnvironmentsServerTemplateIsFilledIn() async throws {
        let staging = RequestEnvironment(name: "staging", server: "http://127.0.0.1:8000/{version}/x", variables: ["version": "v2"])
        let server = CannedServer()
        server.answer({ _ in true }, status: 201, body: "{}")
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: Self.spec, server: server, environments: [staging], initialEnvironment: "staging")
        open("addThing", in: &app)
        app.type("Rex")
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        #expect(server.requests.last?.url.absoluteString == "http://127.0.0.1:8000/v2/x/things")
        #expect(app.frame.line(0).contains("http://127.0.0.1:8000/v2/x"))
    }

    @Test func thePickerEditsTheVariablesOfTheChosenServer() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: Self.spec)
        app.press(KeyPress(.function(2)))
        guard case .options(let picker)? = try app.workspace.overlay else { Issue.record("no picker"); return }
        #expect(picker.rows.contains(.variable("version")) && !picker.rows.contains(.variable("host")))
        let second = try #require(picker.rows.firstIndex(of: .server(1)))
        for _ in 0..<second { app.press(.down) }
        app.press(.character(" "))
        guard case .options(let chosen)? = try app.workspace.overlay else { Issue.record("the picker closed"); return }
        #expect(chosen.rows.contains(.variable("host")) && chosen.rows.contains(.variable("base")) && !chosen.rows.contains(.variable("version")))
        let base = try #require(chosen.rows.firstIndex(of: .variable("base")))
        for _ in second..<base { app.press(.down) }
        app.press(.backspace, .backspace, .backspace)
        app.type("v9")
        app.press(.escape)
        #expect(try app.workspace.settings.variables["base"] == "v9")
        #expect(app.frame.line(0).contains("http://127.0.0.1:8000/v9"))
    }

    @Test func errorsAtTheBodysRootAreMarkedAsTheServers() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 422, body: #"{"detail":[{"loc":["body"],"msg":"Body is not what I expected","type":"model_attributes_type"}]}"#)
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: Self.spec, server: server)
        open("addThing", in: &app)
        app.type("Rex")
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        let workspace = try app.workspace
        guard case .operation(let entry) = workspace.screen, let session = workspace.sessions[entry] else { Issue.record("no operation"); return }
        #expect(session.serverErrors[.body] == ["Body is not what I expected"])
        #expect(session.rows.contains(.message(.body, "Body is not what I expected", fromServer: true, depth: 0)))
        #expect(app.frame.text.contains("✗ server: Body is not what I expected"))
    }

    @Test func aMissingCredentialHoldsTheRequestUntilF5Again() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: "{}")
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: Self.spec, server: server)
        open("getSecret", in: &app)
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        #expect(server.requests.isEmpty, "held, not sent")
        #expect(try app.workspace.toast?.text == "Not sent: this operation needs key, and no credential was given (F2 sets one). Press F5 again to send anyway.")
        guard case .idle? = try sessionStatus(app) else { Issue.record("the screen should be as before sending"); return }
        app.press(KeyPress(.function(5)))
        await app.deliverResponses()
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.headers["X-Key"] == nil)
    }
}
