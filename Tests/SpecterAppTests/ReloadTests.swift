import Foundation
import Testing
import SpecterJSON
import SpecterSpec
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// A reloaded description keeps everything typed: values follow their operation and field, input
/// whose field is gone is kept aside (and returns with the field), and the banner says what changed.
@Suite struct ReloadTests {
    static let size = Size(width: 120, height: 40)

    static func version(_ second: Bool) -> String {
        """
        openapi: 3.1.0
        info: {title: Items, version: '\(second ? 2 : 1)'}
        servers: [{url: 'http://127.0.0.1:9'}]
        paths:
          /items:
            get:
              operationId: listItems
              parameters:
                - {name: limit, in: query, required: \(second), schema: {type: integer}}
        \(second ? "" : "        - {name: tag, in: query, schema: {type: string}}")
              responses: {'200': {description: ok}}
            post:
              operationId: createItem
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
              responses: {'201': {description: created}}
        \(second ? "  /items/{id}:\n    delete:\n      operationId: deleteItem\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: gone}}" : "  /legacy/{id}:\n    get:\n      operationId: getLegacy\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}")
        components:
          schemas:
            Item:
              type: object
              required: \(second ? "[name, priority]" : "[name]")
              properties:
                name: {type: string}
                price: {type: number}
        \(second ? "        priority: {type: integer}" : "        legacy: {type: string}")
        """
    }

    static func load(_ second: Bool) async throws -> APIDocument {
        let folder = try Fixtures.temporaryFolder("reload")
        return try await SpecLoader().load(bytes: Array(version(second).utf8), url: folder.appendingPathComponent("openapi.yaml"), displayName: "openapi.yaml")
    }

    /// Opens an operation through the filter and types into its fields, as a user would.
    static func fill(_ query: String, _ values: [(String, String)], in app: inout AppHarness) throws {
        app.press(.character("/"))
        app.type(query)
        app.press(.enter)
        for (name, text) in values {
            try select(name, in: &app)
            app.type(text)
        }
    }

    static func select(_ name: String, in app: inout AppHarness) throws {
        for _ in 0..<40 {
            let session = try app.openSession
            if case .field(let id, _)? = session.selectedRow, session.form.field(id)?.name == name { return }
            app.press(.down)
        }
        throw HarnessError(description: "no field \(name)")
    }

    /// The operation's form as opening it shows it (a parked one is built, as opening does).
    static func session(_ operationID: String, in app: AppHarness) throws -> OperationSession {
        var workspace = try app.workspace
        let entry = try #require(workspace.index.entries.firstIndex { $0.operation.operationID == operationID })
        workspace.unpark(entry)
        return try #require(workspace.sessions[entry])
    }

    static func reload(_ app: inout AppHarness, from old: APIDocument, to new: APIDocument) {
        let fingerprints = OperationFingerprints(new)
        app.send(.reloaded(new))
        app.send(.changesFound(DescriptionChanges(from: old, to: new, newFingerprints: fingerprints), fingerprints))
    }

    @Test func valuesStayAndWhatHasNoFieldIsKeptAsideUntilItReturns() async throws {
        let first = try await Self.load(false)
        let second = try await Self.load(true)
        var app = AppHarness(size: Self.size, document: first, isWatching: true)
        try Self.fill("getLegacy", [("id", "7")], in: &app)
        app.press(.escape)
        try Self.fill("createItem", [("name", "Widget"), ("price", "3.5"), ("legacy", "old")], in: &app)
        app.press(.escape)
        try Self.fill("listItems", [("limit", "5"), ("tag", "red")], in: &app)

        Self.reload(&app, from: first, to: second)
        let listing = try Self.session("listItems", in: app)
        #expect(try app.workspace.screen == .operation(listing.entry), "the open operation stays open")
        #expect(listing.form.parameterValues.map(\.value) == [5])
        #expect(listing.keptAside.lines == [#"query tag = "red""#])
        let creating = try Self.session("createItem", in: app)
        #expect(creating.form.bodyJSON == ["name": "Widget", "price": 3.5])
        #expect(creating.keptAside.lines == [#"body /legacy = "old""#])
        #expect(creating.hasUnsentInput)
        #expect(try app.workspace.keptAside.keys.map(\.description) == ["GET /legacy/{id}"])
        let text = app.frame.text
        #expect(text.contains("Reloaded at"))
        #expect(text.contains("+ DELETE /items/{id}"))
        #expect(text.contains("− GET /legacy/{id}"))
        #expect(text.contains("~ GET /items: query limit now required; query tag removed"))
        #expect(text.contains("~ POST /items: body field priority added (required); body field legacy removed"))
        #expect(text.contains("Input whose field is gone is kept aside in 3 forms (not sent)"))
        #expect(text.contains("Kept aside"))

        Self.reload(&app, from: second, to: first)
        let back = try Self.session("listItems", in: app)
        #expect(back.form.parameterValues.map(\.value) == [5, "red"], "the field is back, and so is its value")
        #expect(back.keptAside.isEmpty)
        #expect(try Self.session("createItem", in: app).form.bodyJSON == ["name": "Widget", "price": 3.5, "legacy": "old"])
        #expect(try Self.session("getLegacy", in: app).form.parameterValues.map(\.value) == ["7"], "an operation's input returns with it")
        #expect(try app.workspace.keptAside.isEmpty)
    }

    @Test func aBrokenVersionKeepsTheLastGoodOneOnScreen() async throws {
        let first = try await Self.load(false)
        var app = AppHarness(size: Self.size, document: first, isWatching: true)
        try Self.fill("listItems", [("limit", "5")], in: &app)
        app.send(.reloadFailed("openapi.yaml:7:3: mapping values are not allowed here"))
        #expect(try app.workspace.document.info.version == "1")
        #expect(try Self.session("listItems", in: app).form.parameterValues.map(\.value) == [5])
        let text = app.frame.text
        #expect(text.contains("Could not reload"))
        #expect(text.contains("openapi.yaml:7:3: mapping values are not allowed here"))
        #expect(text.contains("watching"))
        app.send(.tick(.seconds(60)))
        #expect(app.frame.text.contains("openapi.yaml:7:3"), "a failure stays until a version loads")
        #expect(!app.state.isAnimating, "a failure that stays does not keep the screen redrawing")
    }

    @Test func ctrlRAsksForOneReloadAtATime() async throws {
        let first = try await Self.load(false)
        var app = AppHarness(size: Self.size, document: first)
        app.press(.control("r"))
        #expect(app.effects.filter { if case .reload = $0 { return true } else { return false } }.count == 1)
        app.press(.control("r"))
        app.send(.sourceChanged)
        #expect(app.effects.filter { if case .reload = $0 { return true } else { return false } }.count == 1, "asked again while one runs: once more after it")
        app.effects = []
        Self.reload(&app, from: first, to: first)
        #expect(app.effects.filter { if case .reload = $0 { return true } else { return false } }.count == 1)
        #expect(app.frame.text.contains("no operation changed"))
    }

    /// Only the open form is built on reload; the others wait, parked, until opened. Their input
    /// still counts as unsent (recovery, quitting), follows later reloads, and is in the form when
    /// it opens. The new version is on screen before what changed is known; the banner follows.
    @Test func formsNotOnScreenAreBuiltWhenOpened() async throws {
        let first = try await Self.load(false)
        var app = AppHarness(size: Self.size, document: first, isWatching: true)
        try Self.fill("createItem", [("name", "Widget")], in: &app)
        app.press(.escape)
        try Self.fill("listItems", [("limit", "5")], in: &app)
        let creating = try Self.session("createItem", in: app).entry

        let again = try await Self.load(false)
        app.send(.reloaded(again))
        #expect(try app.workspace.document.info.version == "1")
        #expect(try app.workspace.sessions[creating] == nil, "not built")
        #expect(try app.workspace.parked[creating] != nil)
        #expect(try Self.session("listItems", in: app).form.parameterValues.map(\.value) == [5], "the open form is built at once")
        #expect(try app.workspace.unsentSessions == 2)
        #expect(try app.workspace.unsentDrafts.map { JSONWriter.compact.string($0) }.filter { $0.contains(#""name":"Widget""#) }.count == 1,
                "recovery writes the parked input")
        #expect(!app.frame.text.contains("Reloaded at"), "what changed is not known yet")
        app.send(.changesFound(DescriptionChanges(from: first, to: again), OperationFingerprints(again)))
        #expect(app.frame.text.contains("no operation changed"))
        #expect(try app.workspace.parked[creating] != nil, "an unchanged operation stays parked")

        let third = try await Self.load(false)
        Self.reload(&app, from: again, to: third)
        #expect(try app.workspace.parked[creating] != nil, "parked input follows the next version too")
        app.press(.escape)
        try Self.fill("createItem", [], in: &app)
        #expect(try app.workspace.parked.isEmpty)
        let opened = try Self.session("createItem", in: app)
        #expect(opened.form.bodyJSON == ["name": "Widget"])
        #expect(opened.hasUnsentInput)
    }

    /// The first version with a name and a legacy value typed into `createItem`, the list on screen.
    static func createItemTypedAndLeft(_ first: APIDocument) throws -> AppHarness {
        var app = AppHarness(size: Self.size, document: first, isWatching: true)
        try Self.fill("createItem", [("name", "Widget"), ("legacy", "old")], in: &app)
        app.press(.escape)
        app.press(.escape)
        return app
    }

    /// A parked form whose operation changed is built when the changes are known: its input may
    /// have lost its field, and the banner counts what was kept aside.
    @Test func aParkedFormWhoseOperationChangedIsBuiltWithTheChanges() async throws {
        let (first, second) = (try await Self.load(false), try await Self.load(true))
        var app = try Self.createItemTypedAndLeft(first)
        app.send(.reloaded(second))
        let entry = try #require(try app.workspace.parked.keys.first)
        app.send(.changesFound(DescriptionChanges(from: first, to: second), OperationFingerprints(second)))
        #expect(try app.workspace.parked.isEmpty)
        #expect(try app.workspace.sessions[entry]?.keptAside.lines == [#"body /legacy = "old""#])
        #expect(app.frame.text.contains("kept aside in 1 form"))
    }

    /// Input kept aside is never sent: a form parked with some (reloaded twice, not opened between)
    /// is written for recovery as typed, without it, and with the server as it is now.
    @Test func recoveryOfAParkedFormLeavesWhatIsKeptAsideOut() async throws {
        let (first, second) = (try await Self.load(false), try await Self.load(true))
        var app = try Self.createItemTypedAndLeft(first)
        Self.reload(&app, from: first, to: second)
        let entry = try Self.session("createItem", in: app).entry
        #expect(try app.workspace.sessions[entry]?.keptAside.lines == [#"body /legacy = "old""#])
        Self.reload(&app, from: second, to: try await Self.load(true))
        #expect(try app.workspace.parked[entry] != nil)
        let written = try app.workspace.unsentDrafts.map { JSONWriter.compact.string($0) }
        #expect(written.count == 1)
        #expect(written.first?.contains(#""name":"Widget""#) == true)
        #expect(written.first?.contains("legacy") == false, "kept-aside input is not written to be restored and sent")
    }
}
