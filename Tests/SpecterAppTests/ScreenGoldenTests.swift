import Foundation
import Testing
import SpecterSpec
import SpecterTerminal
import TestSupport
@testable import SpecterApp

/// Every screen of the explorer at 80×24 and 160×48, driven by keys through `update`, against its golden frame.
@Suite struct ScreenGoldenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]

    static func name(_ screen: String, _ size: Size) -> String { "\(screen)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes) func loadingAndLoadError(size: Size) {
        var state = AppState(size: size, source: "http://127.0.0.1:8000", theme: .colour)
        _ = state.update(.tick(.milliseconds(300)))
        Golden.check(AppView.render(state), Self.name("loading", size), in: "Tests/SpecterAppTests/Golden")
        _ = state.update(.loadFailed("missing.yaml:3:5: did not find expected key"))
        Golden.check(AppView.render(state), Self.name("load-error", size), in: "Tests/SpecterAppTests/Golden")
        #expect(state.update(.input(.key(.character("q")))).contains { if case .quit(2) = $0 { return true } else { return false } })
    }

    @Test(arguments: sizes) func browseTheDemo(size: Size) async throws {
        var app = try await AppHarness(size: size, isDemo: true)
        app.golden(Self.name("browse", size))
        app.press(.character("/"))
        #expect(app.frame.text.contains("Endpoints · 19 of 19 match"), "the tag rows are not counted as matches")
        app.type("fbs")
        app.golden(Self.name("browse-filtered", size))
        app.press(.escape, .character("g"), .character(" "), .tab)
        app.golden(Self.name("browse-folded-docs-focused", size))
    }

    @Test(arguments: sizes) func formWithInvalidInput(size: Size) async throws {
        var app = try await AppHarness(size: size, spec: "sample-specs/fastapi-pets.json")
        app.press(.character("/"))
        app.type("create pet")
        app.press(.enter)
        app.type("Rex")
        app.press(.tab)
        app.type("300")
        app.golden(Self.name("form-invalid", size))
        app.press(KeyPress(.function(5)))
        app.golden(Self.name("form-send-blocked", size))
    }

    @Test(arguments: sizes) func responseWithBodyAndVerdict(size: Size) async throws {
        let server = CannedServer()
        server.answer({ $0.url.path == "/pets/1" }, status: 200, body: #"{"name":"Rex","age":3,"status":"available","tags":["dog","good"],"id":1}"#)
        var app = try await AppHarness(size: size, spec: "sample-specs/fastapi-pets.json", server: server)
        app.useServer("http://127.0.0.1:8000")
        app.press(.character("/"))
        app.type("get a pet")
        app.press(.enter)
        app.type("1")
        app.press(.control("j"))
        app.golden(Self.name("sending", size))
        await app.deliverResponses()
        app.golden(Self.name("response-body", size))
        app.press(.tab, .character("j"), .character("j"), .character("j"), .character("j"), .character(" "))
        app.golden(Self.name("response-folded", size))
        app.press(.right)
        app.golden(Self.name("response-headers", size))
        app.press(.right)
        app.golden(Self.name("response-request", size))
    }

    @Test(arguments: sizes) func serverErrorsLandOnTheirFields(size: Size) async throws {
        let server = CannedServer()
        server.answer({ $0.method == "POST" }, status: 422, body: #"{"detail":[{"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 1 character"},{"loc":["body","age"],"msg":"Input should be less than or equal to 50","type":"less_than_equal"}]}"#)
        var app = try await AppHarness(size: size, spec: "sample-specs/fastapi-pets.json", server: server)
        app.useServer("http://127.0.0.1:8000")
        app.press(.character("/"))
        app.type("create pet")
        app.press(.enter)
        app.type("x")
        app.press(.backspace, .tab)
        app.type("77")
        app.press(KeyPress(.function(5)), KeyPress(.function(5)))
        await app.deliverResponses()
        app.golden(Self.name("response-422", size))
    }

    @Test(arguments: sizes) func rawJSONBody(size: Size) async throws {
        var app = try await AppHarness(size: size, spec: "sample-specs/fastapi-pets.json")
        app.press(.character("/"))
        app.type("create pet")
        app.press(.enter)
        app.type("Rex")
        app.press(.control("t"))
        app.press(.down, .end)
        app.type(",\n\"age\": \"three\"")
        app.golden(Self.name("raw-body", size))
        app.press(.control("t"))
        app.golden(Self.name("raw-body-back-to-form", size))
    }

    @Test(arguments: sizes) func overlays(size: Size) async throws {
        var app = try await AppHarness(size: size)
        app.press(.character("?"))
        app.golden(Self.name("help", size))
        app.press(.escape, .enter, .down)
        app.type("doggie")
        app.press(.escape, .character("q"))
        app.golden(Self.name("quit-confirmation", size))
        app.press(.escape, KeyPress(.function(2)))
        app.golden(Self.name("options", size))
    }

    @Test(arguments: sizes) func history(size: Size) async throws {
        let server = CannedServer()
        server.answer({ _ in true }, status: 200, body: "[]")
        var app = try await AppHarness(size: size, spec: "sample-specs/fastapi-pets.json", server: server)
        app.useServer("http://127.0.0.1:8000")
        app.press(.enter, KeyPress(.function(5)))
        await app.deliverResponses()
        app.press(KeyPress(.function(3)))
        app.golden(Self.name("history", size))
    }

    @Test func tooSmallATerminalGetsANotice() async throws {
        var app = try await AppHarness(size: Size(width: 50, height: 12))
        app.golden("too-small-50x12")
        // Keys act on nothing unseen meanwhile: `?` opens no help behind the notice.
        app.press(.character("?"), .character("/"))
        // Narrower, the notice says the same in shorter lines, none of them cut.
        app.send(.input(.resize(Size(width: 40, height: 12))))
        #expect(app.frame.text.contains("Specter needs at least") && app.frame.text.contains("60×15 (this is 40×12).") && app.frame.text.contains("or press q to quit."))
        app.send(.input(.resize(Size(width: 80, height: 24))))
        #expect(app.frame.line(0).contains("Swagger Petstore"))
        #expect(try app.workspace.overlay == nil, "no help was opened unseen")
        #expect(try !app.workspace.browser.isFiltering, "nor the filter")
    }
}
