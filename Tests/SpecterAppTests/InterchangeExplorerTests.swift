import Testing
import SpecterJSON
import SpecterRequest
import SpecterTerminal
@testable import SpecterApp

/// curl commands pasted into the explorer, and requests copied out of it in other tools' formats.
@Suite struct InterchangeExplorerTests {
    @Test func aPastedCurlCommandOpensTheFormOfItsOperationFilledIn() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40))
        app.send(.input(.paste("curl -H 'api_key: special-key' 'https://petstore3.swagger.io/api/v3/pet/7'")))
        let session = try app.openSession
        #expect(session.operation.operationID == "getPetById")
        let workspace = try app.workspace
        let draft = session.draft(settings: workspace.settings)
        #expect(draft.parameter("petId", in: .path) == .int(7))
        #expect(workspace.settings.credentials["api_key"]?.text == "special-key", "a pasted secret is a typed-in credential, kept in memory only")
        #expect(app.frame.text.contains("Opened the curl command as getPetById"))
    }

    @Test func aPastedCommandForNoOperationSaysSoAndOpensNothing() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40))
        app.send(.input(.paste("curl -X PATCH https://petstore3.swagger.io/api/v3/nowhere")))
        #expect(throws: (any Error).self) { try app.openSession }
        #expect(app.frame.text.contains("No operation of this description matches PATCH https://petstore3.swagger.io/api/v3/nowhere"))
        app.send(.input(.paste("curl 'https://petstore3.swagger.io/api/v3/pet/1")))
        #expect(app.frame.text.contains("The pasted curl command does not read: "), "an unterminated quote is refused with its reason")
    }

    @Test func yCopiesTheSentRequestInTheChosenFormat() async throws {
        var app = try await AppHarness(size: Size(width: 120, height: 40))
        app.server.answer({ _ in true }, status: 200, body: #"{"id": 7, "name": "Rex", "photoUrls": []}"#)
        app.send(.input(.paste("curl -H 'api_key: special-key' 'https://petstore3.swagger.io/api/v3/pet/7'")))
        await app.sendAnyway()
        while try app.workspace.focus == .form { app.press(.tab) }
        app.effects = []
        app.press(.character("y"), .right, .enter)
        let http = try #require(app.copied)
        #expect(http.hasPrefix("### GET /api/v3/pet/7\nGET https://petstore3.swagger.io/api/v3/pet/7\n"), "\(http)")
        #expect(http.contains("api_key: ••••••") && !http.contains("special-key"))
        app.effects = []
        app.press(.character("y"), .right, .right, .enter)
        let hurl = try #require(app.copied)
        #expect(hurl.hasPrefix("# GET /api/v3/pet/7\nGET https://petstore3.swagger.io/api/v3/pet/7\n") && !hurl.contains("special-key"),
                "one entry, named, with no collection file to speak of: \(hurl)")
        app.effects = []
        app.press(.character("y"), .left, .enter)
        let har = try #require(app.copied)
        #expect(try JSONParser.parse(har)["log"]?["entries"]?[0]?["request"]?["url"] == .string("https://petstore3.swagger.io/api/v3/pet/7"))
    }
}
