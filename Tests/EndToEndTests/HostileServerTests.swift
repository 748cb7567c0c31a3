import Foundation
import Testing
import SpecterJSON
import TestSupport

/// `specter call` (the real binary) against `Tests/Servers/hostile.py`: huge bodies and compression
/// bombs with bounded memory, slow drips, cut connections, bodies where none belong, redirect loops,
/// credentials and redirects to another origin, hostile bytes, and costly response checks.
@Suite(.serialized) struct HostileServerTests {
    static func spec() async throws -> String {
        try await TestServers.shared.url(for: .hostile).absoluteString + "/openapi.json"
    }

    /// A fresh folder, also used as TMPDIR so spilled bodies can be looked for afterwards.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Memory a test run may use at most: a guard against holding whole bodies (they cost 1–2.5 GB
    /// before), not the goal, with room for the debug build; `specter-bench bodies` measures the
    /// goals in release mode.
    static let memoryCeiling = 400 << 20

    static func leftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".specter-body-") }
    }

    @Test func aHugeBodySavedWithOutputNeverFillsMemory() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.json")
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "big", "-p", "mb=500", "-o", file.path], environment: ["TMPDIR": folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) == 500 << 20)
        #expect(run.output.contains("(body: application/json, 500.0 MB — saved to \(file.path))"), "\(run.output.suffix(300))")
        #expect(!run.output.contains("abcdefghijklmnopqrstuvwxyz"), "with -o the body is not printed")
        #expect(run.peakMemory < Self.memoryCeiling, "peak memory \(run.peakMemory >> 20) MB")
        #expect(Self.leftovers(in: folder).isEmpty)
    }

    @Test func aHugeBodyPrintedIsSummarisedAndItsSpillFileRemoved() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "big", "-p", "mb=500"], environment: ["TMPDIR": folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.contains("(body: application/json, 500.0 MB, too large to print here (over 16.0 MB) — save it with --output FILE)"))
        #expect(run.output.contains("the body (500.0 MB) is larger than 16.0 MB, so it was not checked"))
        #expect(run.peakMemory < Self.memoryCeiling, "peak memory \(run.peakMemory >> 20) MB")
        #expect(Self.leftovers(in: folder).isEmpty)
    }

    @Test func aCompressionBombIsStoppedQuickly() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "bomb"], environment: ["TMPDIR": folder.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("compressed body expands more than 50 times (a compression bomb?)"), "\(run.stderr)")
        #expect(run.seconds < 8, "took \(run.seconds) s")
        #expect(run.peakMemory < Self.memoryCeiling, "peak memory \(run.peakMemory >> 20) MB")
        #expect(Self.leftovers(in: folder).isEmpty)
    }

    /// Without a declared length the bomb's expansion is measured against the bytes read so far
    /// (Specter's own transport counts them), so it stops long before the 200 MB body limit.
    @Test func aBombWithoutALengthIsStoppedByItsExpansion() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "bombChunked", "--max-body", "200M"], environment: ["TMPDIR": folder.path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("compressed body expands more than 50 times (a compression bomb?)"), "\(run.stderr)")
        #expect(run.seconds < 8, "took \(run.seconds) s")
        #expect(run.peakMemory < Self.memoryCeiling, "peak memory \(run.peakMemory >> 20) MB")
        #expect(Self.leftovers(in: folder).isEmpty)
    }

    @Test func aDeclaredLengthOverTheLimitIsRefusedAtOnce() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "big", "-p", "mb=50", "--max-body", "10M"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("larger than the limit of 10.0 MB"))
        #expect(run.seconds < 2)
    }

    @Test func aSlowDripMeetsTheDeadline() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "drip", "-p", "bytes=100", "-p", "ms=100", "--timeout", "1"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("within 1 s (timed out)"), "\(run.stderr)")
        #expect(run.seconds < 3, "took \(run.seconds) s")
    }

    @Test func aConnectionCutMidBodyIsOneSentence() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "reset"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("was closed before a complete response arrived."), "\(run.stderr)")
    }

    @Test(arguments: [("noContentWithBody", "204 No Content"), ("notModifiedWithBody", "304 Not Modified")])
    func aBodyWhereNoneBelongsIsIgnored(_ operation: String, _ status: String) async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), operation])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.hasPrefix(status), "\(run.output)")
        #expect(!run.output.contains("oops"))
    }

    @Test func aRedirectLoopEnds() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "loop"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("Stopped after 10 redirects"))
    }

    /// Every credential a security scheme placed stays behind when a redirect leaves the origin.
    @Test(arguments: [("HeaderKey", "X-API-Key"), ("QueryKey", "query parameter api_key"), ("CookieKey", "Cookie")])
    func credentialsStayOnTheirOrigin(_ scheme: String, _ dropped: String) async throws {
        let spec = try await Self.spec()
        let verbose = try await SpecterBinary.run(["call", spec, "keyedElsewhere", "--auth", "\(scheme)=k-secret-1", "-v"])
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.output.contains("(dropped \(dropped): another origin)"), "\(verbose.output)")
        let run = try await SpecterBinary.run(["call", spec, "keyedElsewhere", "--auth", "\(scheme)=k-secret-1", "--format", "json"])
        #expect(!run.output.contains("k-secret-1"), "the credential reached the other origin or was printed: \(run.output)")
        let record = try JSONParser.parse(run.output)
        #expect(record["redirects"]?[0]?["dropped"] == [.string(dropped)])
        let echoed = try #require(record["response"]?["body"])
        #expect(echoed["headers"]?["x-api-key"] == nil && echoed["headers"]?["cookie"] == nil, "\(echoed)")
        #expect(echoed["target"]?.stringValue?.contains("api_key") == false, "\(echoed)")
    }

    @Test func escapeSequencesArePrintedInert() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "escapes"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains(0x1B), "an escape byte reached the terminal")
        #expect(!run.output.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        #expect(run.output.contains("x-evil: ␛]52;c;cHduZWQ=␇"), "\(run.output)")
    }

    @Test func aLatinOneStatusLineAndHeaderAreShown() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "latin1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.contains("x-name: café"), "\(run.output)")
        #expect(run.output.contains("café"))
    }

    @Test func controlCharactersInJSONOutputAreEscaped() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "controlsJSON", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.contains("\\u009b31m") && run.output.contains("\\u202eevil") && run.output.contains("\\u001b[2J"), "\(run.output)")
        #expect(!run.output.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x1B })
        #expect(try JSONParser.parse(run.output)["response"]?["body"]?["bidi"] == "\u{202E}evil")
    }

    @Test func aBodyTooDeepToReadSaysSo() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "deepJSON"])
        #expect(run.output.contains("the body was not checked: it is nested deeper than 512 levels"), "\(run.output)")
    }

    @Test func aCostlyCheckStopsAtTheDeadline() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "costly", "--timeout", "1", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.seconds < 3, "took \(run.seconds) s")
        let record = try JSONParser.parse(run.output)
        #expect(record["verdict"]?["stopped"] == "deadline", "\(run.output)")
        #expect(record["verdict"]?["conforms"] == false)
    }

    @Test func theRecursivePetIsJudgedQuickly() async throws {
        let run = try await SpecterBinary.run(["call", try await Self.spec(), "pet", "--timeout", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.contains("✓ matches the schema of 200 (application/json)"), "\(run.output)")
        #expect(run.seconds < 3)
    }
}
