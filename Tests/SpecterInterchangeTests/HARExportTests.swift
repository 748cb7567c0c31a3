import SpecterInterchange
import SpecterJSON
import Testing

@Suite struct HARExportTests {
    @Test func requestsBecomeEntriesWithTheRequiredEmptyResponse() throws {
        let requests = [
            ForeignRequest(name: "login", method: "POST", url: "https://h/login?next=%2Fhome", headers: [ForeignHeader(name: "Cookie", value: "a=1; b=2")],
                           body: .form([FormField(name: "user", value: "a b")]), auth: .bearer(token: "t"), place: SourcePlace(file: "x")),
            ForeignRequest(method: "PUT", url: "https://h/up", body: .file(path: "a.bin", mediaType: nil), auth: .digest(user: "u", password: "p"), place: SourcePlace(file: "x", line: 3)),
        ]
        let exported = HARExport.export(requests, creatorVersion: "2.0")
        let log = try JSONParser.parse(exported.text)["log"]
        #expect(log?["version"] == "1.2")
        #expect(log?["creator"] == ["name": "Specter", "version": "2.0"])
        let first = log?["entries"]?[0]
        #expect(first?["comment"] == "login")
        #expect(first?["request"]?["queryString"] == [["name": "next", "value": "/home"]])
        #expect(first?["request"]?["cookies"] == [["name": "a", "value": "1"], ["name": "b", "value": "2"]])
        #expect(first?["request"]?["headers"]?.arrayValue?.last == ["name": "Authorization", "value": "Bearer t"])
        #expect(first?["request"]?["postData"]?["text"] == "user=a%20b")
        #expect(first?["response"]?["status"] == 0)
        #expect(first?["timings"] == ["send": 0, "wait": 0, "receive": 0])
        #expect(exported.notes.map(\.description) == [
            "x:3: digest credentials answer the server's challenge, which HAR cannot hold: left out",
            "x:3: the body is read from a.bin when sent: the HAR holds no text for it",
        ])
        let back = try HARImport.read(exported.text, file: "out.har")
        #expect(back.requests.first?.body == .form([FormField(name: "user", value: "a b")]))
        #expect(back.requests.first?.url == "https://h/login?next=%2Fhome")
    }

    @Test func queryPairsMissingFromTheURLAreAdded() throws {
        let imported = try HARImport.read(#"{"method": "GET", "url": "http://h/p?a=1#f", "queryString": [{"name": "a", "value": "1"}, {"name": "b c", "value": "2"}]}"#, file: "r.json")
        #expect(imported.requests.first?.url == "http://h/p?a=1&b%20c=2#f")
    }

    @Test func notHARIsRefused() {
        #expect(throws: JSONSourceError(file: "x.har", message: "not a HAR log (no log.entries list) nor a HAR request (no method and url)")) {
            try HARImport.read("[]", file: "x.har")
        }
    }
}
