import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

/// The history file: records written one line at a time, read back after a restart, a torn last
/// line skipped, pruned by count and size, and no secret value in it.
@Suite(.serialized) struct HistoryLogTests {
    /// A real exchange with the FastAPI app: a credential header that the server echoes back.
    static func echoExchange(token: String) async throws -> (RequestDraft, Exchange) {
        let base = try await TestServers.shared.url(for: .fastapi)
        let service = DescriptionService(document: try await SpecLoader().load(base.absoluteString))
        var draft = RequestDraft(operation: .id("echo_headers_echo_headers_get"), server: .url(base.absoluteString))
        draft.headers = [DraftHeader(name: "X-Token", value: "{{token}}", isCredential: true)]
        let exchange = try await RequestRunner(client: URLSessionHTTPClient())
            .run(draft, service: service, scope: VariableScope(values: ["token": token]), workingDirectory: Fixtures.packageRoot)
        return (draft, exchange)
    }

    static func log(_ limits: [String: String] = [:]) throws -> HistoryLog {
        let state = try Fixtures.temporaryFolder("state")
        return HistoryLog(source: "http://127.0.0.1:8000", environment: limits.merging(["XDG_STATE_HOME": state.path]) { $1 })
    }

    @Test func recordsSurviveARestartWithoutTheSecret() async throws {
        let token = "history-secret-\(UUID().uuidString)"
        let (draft, exchange) = try await Self.echoExchange(token: token)
        let log = try Self.log()
        let sentAt = Date(timeIntervalSince1970: 1_796_000_000.25)
        log.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: sentAt))
        log.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: sentAt.addingTimeInterval(1)))
        let read = log.load()
        #expect(read.count == 2)
        #expect(read.first?.sentAt == sentAt && read.first?.status == 200 && read.first?.method == "GET")
        #expect(read.first?.draft == draft, "the inputs come back, ready to send again")
        #expect(read.first?.body?.contains("x-token") == true && read.first?.body?.contains(Redactor.mask) == true, "\(read.first?.body ?? "")")
        let bytes = try Fixtures.bytes(log.file)
        #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "the echoed token is masked in the kept body")
        #expect(try FileManager.default.attributesOfItem(atPath: log.file.path)[.posixPermissions] as? Int == 0o600)
        #expect(log.file.path.contains("/specter/history/"))
    }

    @Test func aTornLastLineIsSkippedNotFatal() async throws {
        let (draft, exchange) = try await Self.echoExchange(token: "t")
        let log = try Self.log()
        log.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date()))
        let handle = try FileHandle(forWritingTo: log.file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"sentAt":"2026-12-02T10:00:00.000Z","method":"GET","ur"#.utf8))
        try handle.close()
        #expect(log.load().count == 1)
        log.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date()))
        #expect(log.load().count == 2, "the file was cleaned when read, so the next line starts on its own")
    }

    @Test func theFileIsPrunedToTheNewestRecordsByCountAndSize() async throws {
        let (draft, exchange) = try await Self.echoExchange(token: "t")
        let byCount = try Self.log(["SPECTER_HISTORY_MAX_ENTRIES": "3"])
        for second in 0..<5 { byCount.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date(timeIntervalSince1970: Double(second)))) }
        #expect(byCount.load().map(\.sentAt.timeIntervalSince1970) == [2, 3, 4])
        #expect(byCount.load().count == 3)
        let line = JSONWriter.compact.string(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date()).json).utf8.count + 1
        let bySize = try Self.log(["SPECTER_HISTORY_MAX_BYTES": String(line * 2 + line / 2)])
        for second in 0..<4 { bySize.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date(timeIntervalSince1970: Double(second)))) }
        #expect(bySize.load().map(\.sentAt.timeIntervalSince1970) == [2, 3])
        let off = try Self.log(["SPECTER_HISTORY_MAX_ENTRIES": "0"])
        off.append(HistoryRecord(draft: draft, exchange: exchange, sentAt: Date()))
        #expect(!FileManager.default.fileExists(atPath: off.file.path), "0 turns the history off")
    }
}
