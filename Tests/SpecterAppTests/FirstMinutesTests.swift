import Testing
import SpecterJSON
import SpecterSchema
import SpecterTerminal
@testable import SpecterApp

/// What a new user met in their first minutes with the explorer's form.
@Suite struct FirstMinutesTests {
    static let spec = "Tests/SpecterAppTests/Fixtures/first-minutes.yaml"

    func openAddThing(width: Int = 80) async throws -> AppHarness {
        var app = try await AppHarness(size: Size(width: width, height: 40), spec: Self.spec)
        app.press(.enter)
        return app
    }

    func session(_ app: AppHarness) throws -> OperationSession {
        try app.openSession
    }

    /// Bounds are never cut: what does not fit beside the field goes whole on the line below it.
    @Test func constraintHintsAreShownWhole() async throws {
        let app = try await openAddThing()
        let text = app.frame.text
        for hint in ["1–200000", "> 0, ≤ 500", "2–40 characters", "at most 5000 characters · pattern ^[a-z ]+$"] {
            #expect(text.contains(hint), "\(hint) is not shown whole:\n\(text)")
        }
        #expect(!text.contains("0–500"), "an exclusive minimum is not a minimum")
    }

    /// An optional object shows folded and not sent; its fields' errors count once it is included.
    @Test func optionalObjectsStartFoldedAndTheirErrorsCountOnceIncluded() async throws {
        var app = try await openAddThing()
        #expect(try session(app).invalidCount == 0)
        #expect(!app.frame.text.contains("address"), "the fields of an object not sent are not listed")
        for _ in 0..<10 {
            if case .field(let id, _)? = try session(app).selectedRow, try session(app).form.field(id)?.name == "shipping" { break }
            app.press(.down)
        }
        app.press(.character(" "))
        #expect(try session(app).form.bodyJSON?["shipping"] == .object([:]))
        #expect(try session(app).invalidCount == 1)
        #expect(app.frame.text.contains("address") && app.frame.text.contains("✗ required"))
    }

    /// Switching an alternative sets what selects it (a single-value enum, a const).
    @Test func switchingAnAlternativeSetsTheValueThatSelectsIt() async throws {
        var app = try await openAddThing()
        for _ in 0..<12 {
            if case .field(let id, _)? = try session(app).selectedRow, try session(app).form.field(id)?.name == "rule" { break }
            app.press(.down)
        }
        app.press(.character(" "))
        let body = try #require(try session(app).form.bodyJSON)
        #expect(body["rule"] == ["type": "creation"])
        app.press(.right)
        let rule = try #require(try session(app).form.bodyJSON?["rule"])
        #expect(rule["type"] == "update", "\(rule)")
        #expect(try session(app).form.invalidFields.allSatisfy { $0.field.name != "type" })
    }

    /// Headers and query parameters the description does not list can be added (a token for an API
    /// that declares no security); a credential typed in is masked and never saved.
    @Test func extraHeadersAndQueryParametersAreSent() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 201, body: "{}")
        var app = try await AppHarness(size: Size(width: 100, height: 40), spec: Self.spec, server: server)
        app.press(.enter)
        for (kind, name, value) in [(ExtraField.Kind.header, "Authorization", "Bearer tok-123"), (.query, "debug", "1")] {
            for _ in 0..<30 where try session(app).selectedRow != .addExtra(kind) { app.press(.down) }
            app.press(.enter)
            app.type(name)
            app.press(.enter)
            app.type(value)
        }
        #expect(!app.frame.text.contains("tok-123"), "a credential typed in is masked")
        #expect(app.frame.text.contains("Authorization"))
        app.send(.tick(.seconds(3)))
        let saved = app.effects.compactMap { effect -> String? in if case .saveRecovery(let drafts) = effect { return JSONWriter.compact.string(.array(drafts)) } else { return nil } }.last
        #expect(saved?.contains("debug") == true && saved?.contains("tok-123") == false, "\(saved ?? "nothing saved")")
        await app.sendAnyway()
        let request = try #require(server.requests.last)
        #expect(request.headers["Authorization"] == "Bearer tok-123")
        #expect(request.url.query?.contains("debug=1") == true)
        #expect(request.credentials.headers.contains("Authorization"), "dropped on a redirect to another origin")
    }

    /// y copies a curl that masks credentials; Y copies one that runs, after asking; c copies the body.
    @Test func copyingCurlWithAndWithoutCredentialsAndTheBody() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: #"{"secret":"s3cret-key","ok":true}"#)
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "Tests/SpecterAppTests/Fixtures/servers.yaml", server: server)
        app.press(KeyPress(.function(2)))
        guard case .options(let picker)? = try app.workspace.overlay, let key = picker.rows.firstIndex(of: .credential("key")) else { Issue.record("no picker"); return }
        for _ in 0..<key { app.press(.down) }
        app.type("s3cret-key")
        app.press(.escape, .character("/"))
        app.type("getSecret")
        app.press(.enter)
        await app.sendAnyway()
        while try app.workspace.focus == .form { app.press(.tab) }
        app.effects = []
        app.press(.character("y"))
        #expect(app.copied == nil && app.frame.text.contains("Copy the request as"), "y asks which format")
        app.press(.enter)
        #expect(app.copied?.contains("X-Key: ••••••") == true)
        app.effects = []
        app.press(.character("Y"))
        #expect(app.copied == nil, "asks first")
        #expect(app.frame.text.contains("Copy the credentials in clear?"))
        app.press(.enter)
        #expect(app.copied == nil, "Cancel is the default")
        app.press(.character("Y"), .left, .enter)
        #expect(app.copied?.contains("X-Key: s3cret-key") == true)
        app.effects = []
        app.press(.character("c"))
        #expect(app.copied == #"{"secret":"••••••","ok":true}"#, "the body, with an echoed credential masked")
    }

    /// Nothing is cut for good: long body lines wrap with `w`, and the Headers and Request tabs (the
    /// curl command) always continue long lines below.
    @Test func longLinesCanBeReadWhole() async throws {
        let long = String(repeating: "abcdefghij", count: 30) + "-THE-END"
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: #"{"name":"\#(long)"}"#)
        var app = try await AppHarness(size: Size(width: 100, height: 40), spec: "sample-specs/fastapi-pets.json", server: server)
        app.useServer("http://127.0.0.1:8000/" + String(repeating: "x", count: 120) + "/end-of-url")
        app.press(.character("/"))
        app.type("get a pet")
        app.press(.enter)
        app.type("1")
        await app.sendAnyway()
        while try app.workspace.focus == .form { app.press(.tab) }
        #expect(!app.frame.text.contains("-THE-END"), "cut at the edge by default")
        app.press(.character("w"))
        #expect(app.frame.text.contains("-THE-END"), "wrapped:\n\(app.frame.text)")
        #expect(app.frame.text.contains("↪"))
        app.press(.right, .right)
        #expect(try session(app).response.tab == .request)
        #expect(app.frame.text.replacingOccurrences(of: "\n", with: "").contains("end-of-url/pets/1"), "the URL is there whole:\n\(app.frame.text)")
    }

    /// `i` shows the API itself: its description, servers, security schemes, contact.
    @Test func theOverviewShowsTheAPIItself() async throws {
        var app = try await AppHarness(size: Size(width: 100, height: 40), spec: "sample-specs/petstore.yaml")
        app.press(.character("i"))
        #expect(try app.workspace.screen == .overview)
        let text = app.frame.text
        for expected in ["About Swagger Petstore", "This is a sample Pet Store Server", "Servers", "https://petstore3.swagger.io/api/v3",
                         "Security schemes", "petstore_auth", "OAuth2 implicit", "api_key", "API key in header api_key", "apiteam@swagger.io",
                         "Apache 2.0"] {
            #expect(text.contains(expected), "\(expected) is missing:\n\(text)")
        }
        app.press(.escape)
        #expect(try app.workspace.screen == .browse)
    }

    /// FastAPI writes an `UploadFile` as `contentMediaType`: a file field, not a text field.
    @Test func contentMediaTypeIsAFileField() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40), spec: "sample-specs/fastapi-pets.json")
        app.press(.character("/"))
        app.type("uploads")
        app.press(.enter)
        let form = try session(app).form
        let file = try #require(form.body?.children.first { $0.name == "file" })
        guard case .file = file.kind else { Issue.record("file is a \(file.kind) field"); return }
        #expect(app.frame.text.contains("file (@path)"))
    }

    /// Naming a new map entry moves to its value, so what is typed next goes there; letters on the
    /// map's own row are not commands.
    @Test func aNewMapEntryTakesTheTypedValue() async throws {
        var app = try await openAddThing()
        for _ in 0..<16 {
            if case .field(let id, _)? = try session(app).selectedRow, try session(app).form.field(id)?.name == "metadata" { break }
            app.press(.down)
        }
        app.type("a")
        #expect(try session(app).form.bodyJSON?["metadata"] == nil, "a letter on the map row does nothing")
        app.press(.character("+"))
        app.type("order_id")
        app.press(.enter)
        app.type("42")
        #expect(try session(app).form.bodyJSON?["metadata"] == ["order_id": "42"])
    }

    /// An empty string among an enum's values is shown as `""`, not as nothing.
    @Test func anEmptyStringValueIsShownAsQuotes() async throws {
        var app = try await openAddThing()
        for _ in 0..<14 {
            if case .field(let id, _)? = try session(app).selectedRow, try session(app).form.field(id)?.name == "visibility" { break }
            app.press(.down)
        }
        app.press(.enter)
        guard case .choices(_, let values, _)? = try app.workspace.overlay else { Issue.record("no choice list"); return }
        #expect(values == ["", "\"\"", "public", "private"])
        // The list opens at the field: its top border is on the line under the field's row.
        let lines = app.frame.text.split(separator: "\n", omittingEmptySubsequences: false)
        let field = try #require(lines.firstIndex { $0.contains("visibility") })
        #expect(lines[field + 1].contains("┌ Choose"), "the list opened elsewhere:\n\(app.frame.text)")
        app.press(.down, .enter)
        #expect(try session(app).form.bodyJSON?["visibility"] == "")
    }
}
