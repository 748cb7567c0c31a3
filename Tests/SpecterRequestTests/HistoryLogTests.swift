import Foundation
import Testing
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec
import TestSupport

/// The history file: records written one line at a time, read back after a restart, a torn last
/// line skipped, pruned by count and size, and no secret value in it.
@Suite struct HistoryLogTests {
    /// A server that echoes the request's headers back as JSON, as `/echo/headers` does (answered in
    /// process: these tests are about the file, not the network).
    struct EchoServer: HTTPClient {
        func send(_ request: HTTPRequest, options: HTTPOptions) async throws(TransportError) -> HTTPResponse {
            let echoed = JSONValue.object(JSONObject(request.headers.fields.map { JSONObject.Member(key: $0.name.lowercased(), value: .string($0.value)) }))
            let body = Array(JSONWriter.compact.string(echoed).utf8)
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json", "Content-Length": String(body.count)], body: ResponseBytes(body), url: request.url)
        }
    }

    /// An exchange whose request carries a credential header that the server echoes back.
    static func echoExchange(token: String) async throws -> (RequestDraft, Exchange) {
        let document = try await SpecLoader().load(Fixtures.package("sample-specs/fastapi-pets.json").path)
        let service = DescriptionService(document: document)
        var draft = RequestDraft(operation: .id("echo_headers_echo_headers_get"), server: .url("http://127.0.0.1:8000"))
        draft.headers = [DraftHeader(name: "X-Token", value: "{{token}}", isCredential: true)]
        let exchange = try await RequestRunner(client: EchoServer())
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

    @Test func theVariablesARequestUsedAreKeptSoItCanBeSentAgainButNotThoseOfCredentials() async throws {
        let (draft, exchange) = try await Self.echoExchange(token: "t")
        var withQuery = draft
        withQuery.setParameter("q", in: .query, to: "{{term}}")
        let record = HistoryRecord(draft: withQuery, exchange: exchange, sentAt: Date(), variables: ["term": "lamp", "token": "t", "unused": "x"])
        #expect(record.variables == ["term": "lamp"], "token is only in a credential header; unused is not used")
        #expect(try HistoryRecord(json: record.json).variables == ["term": "lamp"])
        #expect { try Placeholders.fill("x-{{term", from: VariableScope(values: ["term": "a"])) } throws: { ($0 as? PlaceholderError)?.reason == .unclosed }
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
