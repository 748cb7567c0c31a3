import SpecterInterchange
import Testing

@Suite struct ForeignRequestTests {
    @Test func headersAreFoundWhateverTheirCase() {
        let request = ForeignRequest(method: "GET", url: "http://h/", headers: [ForeignHeader(name: "X-Token", value: "a"), ForeignHeader(name: "x-token", value: "b")],
                                     place: SourcePlace(file: "a.http", line: 3))
        #expect(request.header("x-TOKEN") == "a")
        #expect(request.header("Accept") == nil)
    }

    @Test func notesNameTheirFileAndLine() {
        let collection = ForeignCollection(requests: [ForeignRequest(method: "GET", url: "/", place: SourcePlace(file: "a.http", line: 3),
                                                                     notes: [ImportNote(place: SourcePlace(file: "a.http", line: 4), "script not carried over")])],
                                           notes: [ImportNote(place: SourcePlace(file: "env.json"), "unreadable")])
        #expect(collection.allNotes.map(\.description) == ["env.json: unreadable", "a.http:4: script not carried over"])
    }
}
