import Foundation
import Testing
import SpecterJSON
@testable import SpecterRequest

/// The stream parsers, fed whole and cut at every byte position: the items must not depend on where
/// the chunks break.
@Suite struct StreamParserTests {
    /// Items from `bytes` fed as one chunk, then as two chunks split at every position, then byte by byte;
    /// every way must give the same items, which are returned.
    static func items(_ format: StreamFormat, _ bytes: [UInt8], limit: Int = StreamLimits.itemBytes,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [StreamItem] {
        func run(_ chunks: [[UInt8]]) -> [StreamItem] {
            var decoder = format.decoder(limit: limit)
            var items: [StreamItem] = []
            for chunk in chunks { items += decoder.feed(chunk) }
            return items + decoder.finish()
        }
        let whole = run([bytes])
        for cut in 0...bytes.count {
            let split = run([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split == whole, "split at \(cut)", sourceLocation: sourceLocation)
        }
        #expect(run(bytes.map { [$0] }) == whole, "byte by byte", sourceLocation: sourceLocation)
        return whole
    }

    static func items(_ format: StreamFormat, _ text: String, limit: Int = StreamLimits.itemBytes,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [StreamItem] {
        items(format, Array(text.utf8), limit: limit, sourceLocation: sourceLocation)
    }

    // MARK: Server-Sent Events

    @Test func serverSentEventsFollowTheWHATWGRules() {
        let text = "\u{FEFF}: comment\n\nretry: 1500\nevent: greeting\nid: 7\ndata: hello\ndata:world\n\n"
            + "data:  two spaces\nid: bad\u{0}id\n\n" + "event: named\nretry: 12x\n\n" + "data\n\n" + "field-without-colon\ndata: last\n\n"
        let items = Self.items(.serverSentEvents, text)
        #expect(items == [
            StreamItem(event: "greeting", id: "7", retry: 1500, data: "hello\nworld"),
            StreamItem(event: nil, id: "7", data: " two spaces"),
            StreamItem(id: "7", data: ""),
            StreamItem(id: "7", data: "last"),
        ])
    }

    @Test func everyLineEndingWorksAndMixes() {
        for ending in ["\n", "\r", "\r\n"] {
            let text = "event: a\(ending)data: 1\(ending)data: 2\(ending)\(ending)data: 3\(ending)\(ending)"
            let items = Self.items(.serverSentEvents, text)
            #expect(items.map(\.data) == ["1\n2", "3"], "ending \(ending.debugDescription)")
            #expect(items.first?.event == "a")
        }
        let mixed = Self.items(.serverSentEvents, "data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r")
        #expect(mixed.map(\.data) == ["a\nb\nc", "d"])
    }

    @Test func anEventCutOffAtTheEndIsReportedNotDispatched() {
        let items = Self.items(.serverSentEvents, "data: whole\n\nevent: tick\ndata: half of an ev")
        #expect(items.count == 2)
        #expect(items[0].data == "whole")
        #expect(items[1].problem == .unfinished(bytes: 19))
        let withoutBlankLine = Self.items(.serverSentEvents, "data: no blank line\n")
        #expect(withoutBlankLine.map(\.problem) == [.unfinished(bytes: 14)])
    }

    @Test func anOversizedEventIsReportedAndSkippedUpToItsEnd() {
        let big = String(repeating: "x", count: 100)
        let items = Self.items(.serverSentEvents, "data: \(big)\ndata: more\n\ndata: after\n\n", limit: 50)
        #expect(items.map(\.problem) == [.tooLarge(limit: 50), nil])
        #expect(items.last?.data == "after")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let items = Self.items(.serverSentEvents, Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8))
        #expect(items.map(\.data) == ["a\u{FFFD}b"])
    }

    // MARK: JSON Lines

    @Test func jsonLinesSkipBlankLinesAndReportBadOnesWithTheirLineNumber() {
        let items = Self.items(.jsonLines, "{\"n\": 0}\n\n  \r\n[1, 2]\r\nnot json\n\"text\"\n{\"last\": true}")
        #expect(items.map(\.line) == [1, 4, 5, 6, 7])
        #expect(items.map(\.json) == [["n": 0], [1, 2], nil, "text", ["last": true]])
        guard case .notJSON? = items[2].problem else {
            Issue.record("line 5 should be a problem, got \(items[2])")
            return
        }
        #expect(items[2].data == "not json")
    }

    @Test func aLastLineCutOffIsUnfinished() {
        let items = Self.items(.jsonLines, "{\"n\": 0}\n{\"n\": 1, \"wo")
        #expect(items.count == 2)
        #expect(items[1].problem == .unfinished(bytes: 12))
        #expect(items[1].line == 2)
    }

    @Test func anOversizedLineIsSkippedAndTheNextOneRead() {
        let items = Self.items(.jsonLines, "[\"\(String(repeating: "y", count: 80))\"]\n{\"ok\": 1}\n", limit: 40)
        #expect(items.map(\.problem) == [.tooLarge(limit: 40), nil])
        #expect(items.map(\.line) == [1, 2])
    }

    // MARK: JSON text sequences

    @Test func jsonSequenceRecordsAndATruncatedNumber() {
        let items = Self.items(.jsonSequence, "\u{1E}{\"n\": 0}\n\u{1E}{\"n\":\n 1}\n\u{1E}\u{1E}\"s\"\n\u{1E}42")
        #expect(items.map(\.json) == [["n": 0], ["n": 1], "s", nil])
        #expect(items.last?.problem == .unfinished(bytes: 2))
    }

    @Test func jsonSequenceReportsBadRecordsAndStrayBytes() {
        let items = Self.items(.jsonSequence, "stray\u{1E}{bad}\n\u{1E}[1]\n")
        #expect(items.count == 3)
        #expect(items[0].problem == .outsideRecord(bytes: 5))
        guard case .notJSON? = items[1].problem else {
            Issue.record("the second record should not parse: \(items[1])")
            return
        }
        #expect(items[2].json == [1])
    }

    @Test func formatsAreKnownByTheirMediaTypes() {
        #expect(StreamFormat(contentType: "text/event-stream; charset=utf-8") == .serverSentEvents)
        #expect(StreamFormat(contentType: "application/x-ndjson") == .jsonLines)
        #expect(StreamFormat(contentType: "Application/JSONL") == .jsonLines)
        #expect(StreamFormat(contentType: "application/json-seq") == .jsonSequence)
        #expect(StreamFormat(contentType: "application/json") == nil)
        #expect(StreamFormat(contentType: nil) == nil)
    }
}

/// The log a front end shows from: bounded however long the stream.
@Suite struct StreamLogTests {
    static func event(_ index: Int, data: String = "{}", problem: StreamProblem? = nil) -> StreamEvent {
        StreamEvent(index: index, time: .milliseconds(index), item: StreamItem(data: data, problem: problem))
    }

    @Test func aLongStreamKeepsTheNewestEventsAndCountsTheRest() {
        var log = StreamLog(capacity: 1_000)
        for index in 0..<100_000 { log.append(Self.event(index, problem: index % 10 == 0 ? .notJSON(detail: "x") : nil)) }
        #expect(log.count == 1_000)
        #expect(log.received == 100_000)
        #expect(log.dropped == 99_000)
        #expect(log.invalid == 10_000)
        #expect(log[0]?.index == 99_000)
        #expect(log.last?.index == 99_999)
        #expect(log.position(ofIndex: 99_500) == 500)
        #expect(log.position(ofIndex: 10) == nil)
    }

    @Test func largeEventsAreDroppedByBytesToo() {
        var log = StreamLog(capacity: 1_000, byteCapacity: 10_000)
        for index in 0..<50 { log.append(Self.event(index, data: String(repeating: "z", count: 1_000))) }
        #expect(log.count < 10)
        #expect(log.count + log.dropped == 50)
        #expect(log.last?.index == 49)
    }
}
