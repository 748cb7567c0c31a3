import Foundation
import Testing
import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal
@testable import SpecterApp
import TestSupport

/// What keys do in the explorer, checked on the state (the frames are in ScreenGoldenTests).
@Suite struct ExplorerBehaviourTests {
    static let size = Size(width: 120, height: 40)

    func open(_ query: String, spec: String = "sample-specs/petstore.yaml", server: CannedServer = CannedServer()) async throws -> AppHarness {
        var app = try await AppHarness(size: Self.size, spec: spec, server: server)
        app.useServer("http://127.0.0.1:8000")
        app.press(.character("/"))
        app.type(query)
        app.press(.enter)
        return app
    }

    func session(_ app: AppHarness) throws -> OperationSession {
        try app.openSession
    }

    /// Moves the selection to the field row with this name.
    func select(_ name: String, in app: inout AppHarness) throws {
        for _ in 0..<60 {
            let session = try session(app)
            if case .field(let id, _)? = session.selectedRow, session.form.field(id)?.name == name { return }
            app.press(.down)
        }
        throw HarnessError(description: "no field \(name)")
    }

    @Test func filteringRanksAndEscClears() async throws {
        var app = try await AppHarness(size: Self.size)
        app.press(.character("/"))
        app.type("fbs")
        let workspace = try app.workspace
        #expect(workspace.browser.rows.count == 3)
        #expect(workspace.browser.selectedEntry.map { workspace.index.entries[$0].operation.operationID } == "findPetsByStatus")
        app.press(.escape)
        #expect(try app.workspace.browser.query.isEmpty)
        #expect(try app.workspace.browser.rows.count == 22)
    }

    @Test func slashStartsANewFilterAfterComingBack() async throws {
        var app = try await AppHarness(size: Self.size)
        app.press(.character("/"))
        app.type("login")
        app.press(.enter, .escape)
        #expect(try app.workspace.browser.query == "login", "the list stays filtered on the way back")
        app.press(.character("/"))
        app.type("logout")
        #expect(try app.workspace.browser.query == "logout")
    }

    @Test func groupsFoldAndUnfold() async throws {
        var app = try await AppHarness(size: Self.size)
        app.press(.character("g"), .enter)
        #expect(try app.workspace.browser.rows.count == 14)
        app.press(.right)
        #expect(try app.workspace.browser.rows.count == 22)
    }

    /// OpenAPI 3.2 tag parents: folding a tag folds the tags below it.
    @Test func foldingAParentTagHidesItsChildTags() async throws {
        var app = try await AppHarness(size: Self.size, spec: "Tests/SpecterSpecTests/Fixtures/openapi-3.2.yaml")
        let groups = try app.workspace.index.groups
        let external = try #require(groups.firstIndex { $0.name == "external" })
        let partner = try #require(groups.firstIndex { $0.name == "partner" })
        let before = try app.workspace.browser.rows
        let externalRow = try #require(before.firstIndex(of: .group(external)))
        #expect(before[externalRow + 1] == .group(partner))
        app.press(.character("g"))
        for _ in 0..<externalRow { app.press(.down) }
        app.press(.left)
        let after = try app.workspace.browser.rows
        #expect(!after.contains(.group(partner)))
        #expect(after.count == before.count - 2, "the child tag and its one operation are hidden")
        #expect(app.frame.text.contains("▸ External"))
        app.press(.right)
        #expect(try app.workspace.browser.rows == before)
        #expect(app.frame.text.contains("▾   Partner"))
    }

    @Test func arraysGrowShrinkAndReorder() async throws {
        var app = try await open("addpet")
        try select("photoUrls", in: &app)
        app.press(.character("+"))
        app.type("one")
        app.press(.up)
        app.press(.character("+"))
        app.type("two")
        #expect(try session(app).form.bodyJSON?["photoUrls"] == ["one", "two"])
        app.press(KeyPress(.up, .alt))
        #expect(try session(app).form.bodyJSON?["photoUrls"] == ["two", "one"])
        app.press(.control("x"))
        #expect(try session(app).form.bodyJSON?["photoUrls"] == ["one"])
    }

    @Test func enumsCycleAndPickFromAList() async throws {
        var app = try await open("addpet")
        try select("status", in: &app)
        app.press(.right)
        #expect(try session(app).form.bodyJSON?["status"] == "available")
        app.press(.enter)
        guard case .choices(_, let values, _)? = try app.workspace.overlay else { Issue.record("no choice list"); return }
        #expect(values == ["", "available", "pending", "sold"])
        app.press(.down, .enter)
        #expect(try session(app).form.bodyJSON?["status"] == "pending")
    }

    @Test func optionalObjectsAreIncludedWithSpaceAndDefaultsComeWithCtrlD() async throws {
        var app = try await open("addpet")
        try select("name", in: &app)
        app.press(.control("d"))
        #expect(try session(app).form.bodyJSON?["name"] == "doggie")
        try select("category", in: &app)
        app.press(.character(" "))
        #expect(try session(app).form.bodyJSON?["category"] == .object([:]))
        app.press(.down, .down, .control("d"))
        #expect(try session(app).form.bodyJSON?["category"] == ["name": "Dogs"])
    }

    @Test func alternativesAndNullWorkFromTheKeyboard() async throws {
        var app = try await open("path_simple_plain", spec: "sample-specs/fastapi-pets.json")
        try select("color", in: &app)
        app.press(.right)
        guard case .variant(_, let selected)? = try session(app).form.field(.parameter("color", in: .path))?.kind else {
            Issue.record("color is not a variant")
            return
        }
        #expect(selected == 1)
        var nullable = try await open("echo_query", spec: "sample-specs/fastapi-pets.json")
        try select("q", in: &nullable)
        nullable.press(.control("n"))
        #expect(try session(nullable).form.parameterValues.first?.value == .null)
    }

    @Test func invalidInputNeedsASecondPressThenSends() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: "{}")
        var app = try await open("getpetbyid", server: server)
        try select("petId", in: &app)
        app.type("abc")
        app.press(KeyPress(.function(5)))
        #expect(app.effects.isEmpty)
        #expect(try session(app).warned == .invalidInput)
        app.press(KeyPress(.function(5)))
        #expect(app.effects.contains { if case .send = $0 { return true } else { return false } })
        await app.deliverResponses()
        #expect(server.requests.isEmpty, "the petstore needs a credential: the request is held")
        await app.sendAnyway()
        #expect(server.requests.last?.url.absoluteString == "http://127.0.0.1:8000/pet/abc")
        #expect(try app.workspace.history.entries.count == 1)
    }

    @Test func escCancelsARequestInFlight() async throws {
        var app = try await open("findpetsbystatus")
        app.press(KeyPress(.function(5)))
        guard case .send(let job)? = app.effects.last else { Issue.record("not sent"); return }
        app.press(.escape)
        #expect(app.effects.contains { if case .cancel(requestID: job.id) = $0 { return true } else { return false } })
        #expect(try session(app).isSending == false)
        guard case .cancelled = try session(app).status else { Issue.record("the request is not marked cancelled"); return }
        let frame = AppView.render(app.state)
        #expect((0..<Self.size.height).contains { frame.line($0).contains("Cancelled. F5 sends the request again.") })
    }

    @Test func responseSearchFoldCopyAndSave() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: #"[{"name":"Rex","tags":["a","b"]},{"name":"Tom","tags":[]},{"name":"Rexette"}]"#)
        var app = try await open("findpetsbystatus", server: server)
        await app.sendAnyway()
        while try app.workspace.focus == .form { app.press(.tab) }
        #expect(try app.workspace.focus == .response)
        app.press(.character("/"))
        app.type("rex")
        app.press(.enter)
        #expect(try session(app).response.matches.count == 2)
        let first = try session(app).response.cursor
        app.press(.character("n"))
        #expect(try session(app).response.cursor > first)
        app.press(.character("N"))
        #expect(try session(app).response.cursor == first)
        app.press(.escape, .character("g"), .character(" "))
        #expect(try session(app).response.folded == [0])
        app.effects = []
        app.press(.character("y"), .enter)
        guard case .copyToClipboard(let curl)? = app.effects.first else { Issue.record("nothing copied"); return }
        #expect(curl.hasPrefix("curl 'http://127.0.0.1:8000/pet/findByStatus"))
        app.press(.character("s"))
        app.type("pets.json")
        app.press(.enter)
        guard case .save(let bytes, let path)? = app.effects.last else { Issue.record("not saved"); return }
        #expect(path == "pets.json" && bytes.count > 10)
    }

    /// A body of 250 000 lines is searched away from the keys: a keystroke only asks for the search,
    /// and the first match lands in the middle of the pane.
    @Test func searchingALongBodyNeverHoldsUpTyping() async throws {
        let server = CannedServer()
        let items = (0..<50_000).map { #"{"id":\#($0),"name":"pet \#($0)"}"# }.joined(separator: ",")
        server.answer({ _ in true }, status: 200, body: "[" + items + "]")
        var app = try await open("findpetsbystatus", server: server)
        await app.sendAnyway()
        while try app.workspace.focus == .form { app.press(.tab) }
        #expect(try session(app).response.body?.count ?? 0 > 200_000)
        app.effects = []
        let start = ContinuousClock.now
        app.press(.character("/"))
        app.type("pet 4999")
        #expect(ContinuousClock.now - start < .milliseconds(500), "typing waited for the search")
        guard case .searchBody(let entry, let term, let body)? = app.effects.last else { Issue.record("no search asked for"); return }
        #expect(term == "pet 4999")
        let found = body.search(term)
        app.send(.bodySearched(entry: entry, term: term, lines: found.lines, truncated: found.truncated))
        let response = try session(app).response
        #expect(response.matches.count == 11)
        let height = try app.workspace.bodyHeight(try session(app), app.state.context)
        #expect(response.cursor - response.top == height / 2, "the match is in the middle of the pane")
    }

    /// One key fills the whole body, as Swagger UI pre-fills it; the editor starts from it too.
    @Test func ctrlGFillsTheBodyFromTheExample() async throws {
        var app = try await open("addpet")
        app.press(.control("e"))
        guard case .editExternally(_, let text)? = app.effects.last else { Issue.record("no editor"); return }
        #expect(text.contains("\"doggie\""), "the editor starts from the example: \(text)")
        app.press(.control("g"))
        let body = try #require(try session(app).form.bodyJSON)
        #expect(body["name"] == "doggie")
        #expect(body["photoUrls"]?.arrayValue != nil)
        #expect(try session(app).invalidCount == 0)
        #expect(try session(app).hasUnsentInput)
    }

    @Test func theExternalEditorsTextComesBack() async throws {
        var app = try await open("addpet")
        app.press(.control("e"))
        guard case .editExternally(let entry, let text)? = app.effects.last else { Issue.record("no editor"); return }
        #expect(text.contains("\"photoUrls\""))
        app.send(.edited(entry: entry, text: #"{"name":"From the editor","photoUrls":["x"]}"#, error: nil))
        #expect(try session(app).form.bodyJSON?["name"] == "From the editor")
        app.send(.edited(entry: entry, text: "{ broken", error: nil))
        #expect(try session(app).raw?.problems.isEmpty == false, "text that does not parse stays, in the raw editor")
    }

    @Test func historyReopensInputsAndResponse() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: #"{"id":7,"name":"Rex","photoUrls":[]}"#)
        var app = try await open("getpetbyid", server: server)
        try select("petId", in: &app)
        app.type("7")
        await app.sendAnyway()
        app.press(.escape, .escape)
        app.press(.character("/"))
        app.type("getpetbyid")
        app.press(.enter)
        try select("petId", in: &app)
        app.press(.backspace)
        app.type("8")
        app.press(KeyPress(.function(3)), .enter)
        #expect(try session(app).form.parameterValues.first?.value == 7)
        #expect(try session(app).exchange != nil)
        #expect(try session(app).response.body?.count ?? 0 > 1, "the Body tab shows the body again")
        #expect(app.frame.text.contains("\"name\": \"Rex\""))
    }

    /// A resize keeps the selected field in view, and a pane grown taller fills with the rows above
    /// it instead of empty lines below.
    @Test func aResizeKeepsTheSelectedFieldInViewAndThePaneFull() async throws {
        var app = try await open("addpet")
        try select("status", in: &app)
        app.send(.input(.resize(Size(width: 60, height: 15))))
        let small = app.state.context.layout.formRows.size
        #expect(try session(app).selectionLine(in: small) != nil, "the selected field is on screen")
        let scrolled = try session(app).offset
        #expect(scrolled > 0)
        app.send(.input(.resize(Self.size)))
        let large = app.state.context.layout.formRows.size
        #expect(try session(app).offset < scrolled, "rows above come back")
        #expect(try session(app).selectionLine(in: large) != nil)
        #expect(app.frame.text.contains("status"))
    }

    /// In the raw editor a problem at a long path says its message first, the path after it.
    @Test func aRawProblemAtALongPathSaysItsMessageFirst() async throws {
        let text = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /things:
                post:
                  operationId: makeThing
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema:
                          type: object
                          required: [outer_configuration]
                          properties:
                            outer_configuration:
                              type: object
                              required: [inner_settings_block]
                              properties:
                                inner_settings_block:
                                  type: object
                                  required: [deeply_nested_value]
                                  properties:
                                    deeply_nested_value: {type: integer}
                  responses: {'200': {description: ok}}
            """
        let document = try await SpecLoader().load(bytes: Array(text.utf8), url: URL(fileURLWithPath: "/things.yaml"), displayName: "things.yaml")
        var app = AppHarness(size: Self.size, document: document)
        app.press(.character("/"))
        app.type("makething")
        app.press(.enter)
        app.press(.control("t"))
        let problems = try session(app).raw?.problems ?? []
        #expect(problems.contains { $0.hasSuffix("is missing (at outer_configuration.inner_settings_block)") }, "\(problems)")
    }

    /// Ctrl-T to the raw editor and back: the cursor is on the field it left.
    @Test func backFromTheRawEditorTheCursorIsWhereItWas() async throws {
        var app = try await open("addpet")
        try select("status", in: &app)
        app.press(.control("t"), .control("t"))
        guard case .field(let id, _)? = try session(app).selectedRow else { Issue.record("no field selected"); return }
        #expect(try session(app).form.field(id)?.name == "status")
    }

    /// The history cursor is on a request, not on a row: sending another keeps it there.
    @Test func theHistoryCursorStaysOnItsRequestWhenAnotherIsSent() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: #"{"id":7,"name":"Rex","photoUrls":[]}"#)
        var app = try await open("getpetbyid", server: server)
        for value in ["7", "8"] {
            try select("petId", in: &app)
            app.press(.control("u"))
            app.type(value)
            await app.sendAnyway()
        }
        app.press(KeyPress(.function(3)), .down, .escape, .escape)
        app.press(.character("/"))
        app.type("getpetbyid")
        app.press(.enter)
        try select("petId", in: &app)
        app.press(.control("u"))
        app.type("9")
        await app.sendAnyway()
        app.press(KeyPress(.function(3)), .enter)
        #expect(try session(app).form.parameterValues.first?.value == 7, "the row moved down one, the cursor with it")
    }

    @Test func quittingAsksOnlyWhenInputWasNotSent() async throws {
        var app = try await AppHarness(size: Self.size)
        app.press(.character("q"))
        #expect(app.state.exitStatus == 0)
        var edited = try await open("addpet")
        try select("name", in: &edited)
        edited.type("x")
        edited.press(.escape, .character("q"))
        #expect(edited.state.exitStatus == nil)
        edited.press(.enter)
        #expect(edited.state.exitStatus == nil, "Stay is the default")
        edited.press(.control("c"), .character("q"))
        #expect(edited.state.exitStatus == 0)
    }

    @Test func mouseClicksSelectAndTheWheelScrolls() async throws {
        var app = try await AppHarness(size: Self.size)
        let rows = ScreenLayout(size: Self.size).listRows(filtering: false)
        app.send(.input(.mouse(MouseEvent(.press(button: 1), at: Point(x: rows.x + 4, y: rows.y + 4)))))
        #expect(try app.workspace.browser.list.selection == 4)
        app.send(.input(.mouse(MouseEvent(.wheelDown, at: Point(x: rows.x + 4, y: rows.y + 4)))))
        #expect(try app.workspace.browser.list.offset == 0, "nothing to scroll: 22 rows fit in 36")
        app.send(.input(.mouse(MouseEvent(.press(button: 1), at: Point(x: rows.x + 4, y: rows.y + 4)))))
        #expect(try app.workspace.screen == .operation(try app.workspace.browser.selectedEntry ?? -1))
    }

    @Test func theWheelScrollsAListLongerThanTheScreen() async throws {
        var app = try await AppHarness(size: Size(width: 80, height: 20))
        let rows = ScreenLayout(size: Size(width: 80, height: 20)).listRows(filtering: false)
        app.send(.input(.mouse(MouseEvent(.wheelDown, at: Point(x: rows.x + 2, y: rows.y + 2)))))
        #expect(try app.workspace.browser.list.offset == 3)
        app.send(.input(.mouse(MouseEvent(.wheelUp, at: Point(x: rows.x + 2, y: rows.y + 2)))))
        #expect(try app.workspace.browser.list.offset == 0)
    }

    @Test func clickingATabAfterAResponseOpensIt() async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: "[]")
        var app = try await open("findpetsbystatus", server: server)
        await app.sendAnyway()
        let row = ScreenLayout(size: Self.size).operation.response.inset(by: 1).row(0)
        let ranges = Tabs.ranges(try session(app).responseTabTitles, in: row)
        #expect(AppView.render(app.state).line(row.y).contains("Body 200"))
        app.send(.input(.mouse(MouseEvent(.press(button: 1), at: Point(x: ranges[2].lowerBound + 1, y: row.y)))))
        #expect(try session(app).response.tab == .headers)
    }

    @Test func savingNeverOverwritesAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-save-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case .saved(let path, nil) = AppRunner.save([1, 2, 3], to: "body.bin", in: folder) else { Issue.record("not saved"); return }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
        guard case .saved(_, let error?) = AppRunner.save([9], to: "body.bin", in: folder) else { Issue.record("overwrote the file"); return }
        #expect(error == "body.bin already exists; choose another name")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
    }

    @Test func anEditorThatFailsLeavesTheBodyAlone() async throws {
        guard case .edited(1, nil, let error?) = ExternalEditor.edit("{}", entry: 1, environment: ["EDITOR": "false"]) else {
            Issue.record("a failing editor was taken as a success")
            return
        }
        #expect(error == "false exited with status 1; the body is unchanged")
        guard case .edited(1, let text?, nil) = ExternalEditor.edit("{\"a\": 1}", entry: 1, environment: ["VISUAL": "true", "EDITOR": "false"]) else {
            Issue.record("VISUAL did not win over EDITOR")
            return
        }
        #expect(text == "{\"a\": 1}")
        var app = try await open("addpet")
        app.send(.edited(entry: try session(app).entry, text: nil, error: error))
        #expect(try app.workspace.toast?.text == "The editor did not run: false exited with status 1; the body is unchanged")
        #expect(try session(app).raw == nil)
    }

    @Test func theEndOfInputEndsTheExplorer() async throws {
        var app = try await AppHarness(size: Self.size)
        app.send(.input(.endOfInput))
        #expect(app.state.exitStatus == 0)
    }

    @Test func theDemoIsThePetstoreSample() throws {
        let sample = try String(contentsOf: Fixtures.package("sample-specs/petstore.yaml"), encoding: .utf8)
        #expect(DemoDocument.petstore == sample, "run python3 scripts/embed-demo.py")
    }
}

@Suite struct KeymapDocumentationTests {
    /// The README's key table is the binding table: regenerate it with `Keymap.markdownTable()` when keys change.
    /// `SPECTER_RECORD_GOLDEN=1` rewrites the README's table (and fails, like every recording).
    @Test func theReadmeListsTheKeysThatWork() throws {
        let url = Fixtures.package("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let table = Keymap.markdownTable()
        if Golden.isRecording {
            var lines = readme.components(separatedBy: "\n")
            let start = try #require(lines.firstIndex(of: "| where | keys | action |"))
            let end = lines[start...].firstIndex { !$0.hasPrefix("|") } ?? lines.endIndex
            lines.replaceSubrange(start..<end, with: table.components(separatedBy: "\n"))
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
            Issue.record("rewrote README.md's key table; run again without SPECTER_RECORD_GOLDEN")
            return
        }
        #expect(readme.contains(table), "README.md's key table is stale: run SPECTER_RECORD_GOLDEN=1 swift test --filter KeymapDocumentation")
    }
}
