import Foundation
import Testing
import SpecterRequest
import SpecterTerminal
@testable import SpecterApp

/// An OAuth2 sign-in from the explorer: the dialog says what to do while the request waits, Esc
/// cancels the request, and the dialog goes once the request is done.
@Suite struct SignInDialogTests {
    static let size = Size(width: 120, height: 34)

    static func sending() async throws -> AppHarness {
        var app = try await AppHarness(size: Self.size)
        app.useServer("http://127.0.0.1:9")
        app.press(.character("/"))
        app.type("findPetsByStatus")
        app.press(.enter)
        app.press(KeyPress(.function(5)))
        app.press(KeyPress(.function(5)))
        #expect(try app.workspace.hasRequestInFlight)
        return app
    }

    @Test func theDeviceCodeShowsAndEscCancelsTheRequest() async throws {
        var app = try await Self.sending()
        let code = DeviceCode(userCode: "WDJB-MJHT", verificationURL: "https://auth.example.com/device", expiresIn: .seconds(600))
        app.send(.signInNeeded(.enterCode(code), browserOpened: false))
        let text = app.frame.text
        #expect(text.contains("OAuth2 sign-in"))
        #expect(text.contains("WDJB-MJHT"))
        #expect(text.contains("https://auth.example.com/device"))
        app.effects = []
        app.press(.escape)
        #expect(app.effects.contains { if case .cancel = $0 { return true } else { return false } })
        #expect(try app.workspace.overlay == nil)
        #expect(try !app.workspace.hasRequestInFlight)
    }

    @Test func theDialogGoesWhenTheRequestIsDone() async throws {
        var app = try await Self.sending()
        app.send(.signInNeeded(.authorize(URL(string: "https://auth.example.com/authorize?state=x")!), browserOpened: true))
        #expect(app.frame.text.contains("Sign in in the browser that opened"))
        await app.deliverResponses()
        #expect(try !app.workspace.hasRequestInFlight)
        #expect(try app.workspace.overlay == nil)
    }
}
