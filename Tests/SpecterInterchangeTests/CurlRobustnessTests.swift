import Foundation
import SpecterInterchange
import Testing
import TestSupport

@Suite struct CurlRobustnessTests {
    /// Where Insomnia's expected import differs (see `CurlInsomniaOracleTests`), the import does what bash and curl do.
    @Test func insomniaExceptionsFollowBashAndCurl() throws {
        let folder = Fixtures.shared("interchange/curl/insomnia-importer")
        let dollar = try #require(try Self.parse(folder.appendingPathComponent("dollar-sign-input.sh")).requests.first)
        #expect(dollar.header("Cookie")?.hasPrefix("CookieTestConsent={stamp:'xxx") == true)
        #expect(dollar.header("Cookie")?.hasSuffix("=='%2Cnecessary...") == true)
        let complex = try #require(try Self.parse(folder.appendingPathComponent("complex-input.sh")).requests.first)
        #expect(complex.headers.filter { $0.name == "Cookie" }.map(\.value) == ["foo=bar", "NID=91=iOf1sU9Ovlns9Dzn2Ipz05syr2K4AlZ4Kgp84eRVLf3_6DgcNrkqpWg4lfUvCB5cNxD26t"])
        #expect(complex.auth == .basic(user: "My User", password: "My:Secret:Password"))
    }

    /// Arbitrary mixes of shell and curl syntax give a request or a typed error, never a crash or a hang.
    @Test func arbitraryInputEndsInARequestOrAnError() {
        let pieces = ["'", "\"", "\\", "$", "(", ")", "{", "}", "`", "<", ">", "|", ";", "&", "#", "\n", "\r", " ", "-", "d", "F", "@", "=", "curl ",
                      "-X", "é", "<<E\n", "\nE\n", "$'", "${", "--data-urlencode", "-F", "x=@\"", ";type=", ",", "-T", "h:1"]
        var state: UInt64 = 0x5EED
        var outcomes = (requests: 0, errors: 0)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(state % 30) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            do {
                outcomes.requests += try CurlImport.parse(text, file: "f", readFile: { Array($0.utf8) }).requests.count
            } catch {
                #expect(error.file == "f" && error.position.line >= 1 && error.position.column >= 1)
                outcomes.errors += 1
            }
        }
        #expect(outcomes.requests > 0 && outcomes.errors > 0)
    }

    static func parse(_ url: URL) throws -> ForeignCollection {
        try CurlImport.parse(String(decoding: try Fixtures.bytes(url), as: UTF8.self), file: url.lastPathComponent, readFile: { _ in [] })
    }
}
