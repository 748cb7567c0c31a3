import Foundation
import SpecterInterchange
import SpecterJSON
import Testing
import TestSupport

/// The corpus HARs against mitmproxy's and Insomnia's imports of them, and through our export and back.
@Suite struct HARCorpusTests {
    static let mitmproxyFiles = ["charles", "chrome", "firefox", "head-content-length", "insomnia", "postdata", "with-bom"]
    static let allFiles = mitmproxyFiles.map { "har/mitmproxy/\($0).har" } + [
        "har/mitmproxy/flows/successful_log.har", "har/insomnia-importer/deep-input.json", "har/insomnia-importer/form-data-input.json",
    ]

    static func imported(_ path: String, includeAssets: Bool = false) throws -> ForeignCollection {
        let text = String(decoding: try Fixtures.bytes(Fixtures.shared("interchange/" + path)), as: UTF8.self)
        return try HARImport.read(text, file: path, includeAssets: includeAssets)
    }

    /// The names the file's one note says were left out.
    static func leftOutNames(_ collection: ForeignCollection) -> Set<String> {
        guard let note = collection.notes.first(where: { $0.message.contains("browser-made header") }),
              let colon = note.message.range(of: "left out: ") else { return [] }
        return Set(note.message[colon.upperBound...].components(separatedBy: ", "))
    }

    @Test func mitmproxyImportsTheSameRequests() throws {
        var agreeing = 0
        var differences: [String] = []
        for name in Self.mitmproxyFiles {
            let ours = try Self.imported("har/mitmproxy/\(name).har", includeAssets: true)
            let flows = (try JSONParser.parse(try Fixtures.bytes(Fixtures.shared("interchange/har/mitmproxy/\(name).json"))).arrayValue ?? []).map(MitmproxyFlow.init)
            #expect(ours.requests.count == flows.count, "\(name)")
            let leftOut = Self.leftOutNames(ours)
            for (index, (request, flow)) in zip(ours.requests, flows).enumerated() {
                var aspects: [String] = []
                if request.method != flow.method { aspects.append("method") }
                let parts = MitmproxyFlow.parts(of: request.url)
                if parts?.scheme != flow.scheme || parts?.host != flow.host || parts?.port != flow.port || parts?.path != flow.path { aspects.append("url") }
                // mitmproxy writes a content-length for every body (0 for none), as Specter does when sending.
                let unexplained = flow.headers.filter { header in
                    !request.headers.contains(header) && !header.name.hasPrefix(":") && !leftOut.contains(header.name.lowercased())
                        && !(header.name.lowercased() == "content-length" && header.value == String(flow.contentLength))
                }
                if !unexplained.isEmpty || !request.headers.allSatisfy(flow.headers.contains) { aspects.append("headers") }
                let body: [UInt8] = if case .text(let text, _) = request.body { Array(text.utf8) } else { [] }
                if body.count != flow.contentLength || SHA256.hex(body) != flow.contentHash { aspects.append("body") }
                if aspects.isEmpty { agreeing += 1 } else { differences.append("\(name) #\(index + 1): \(aspects.joined(separator: ", "))") }
            }
        }
        // All 22 flows agree: headers we leave out are pseudo-headers or named in the file's note.
        #expect(agreeing == 22)
        #expect(differences == [])
    }

    @Test func insomniaImportsTheSameRequests() throws {
        let deep = try Self.imported("har/insomnia-importer/deep-input.json")
        let deepExpected = InsomniaSnapshot.requests(try InsomniaSnapshot.export("har > deep-input.json")).map(InsomniaSnapshot.foreign)
        // Insomnia keeps the entry without a URL; we leave it out, saying so.
        #expect(deepExpected.count == 2 && deepExpected[0].url.isEmpty)
        #expect(deep.notes.map(\.description).contains("har/insomnia-importer/deep-input.json:10: entry 1 has no request URL: left out"))
        #expect(deep.requests.count == 1)
        let request = try #require(deep.requests.first)
        #expect(request.method == deepExpected[1].method)
        #expect(request.url == deepExpected[1].url)
        #expect(request.body == deepExpected[1].body)
        // Insomnia keeps Host and the browser's cookies (a WebInspector recording); we leave them out, in the note.
        #expect(request.headers.isEmpty && deepExpected[1].headers.map(\.name) == ["Host", "cookie"])
        #expect(Self.leftOutNames(deep) == ["host", "cookie"])

        let form = try Self.imported("har/insomnia-importer/form-data-input.json")
        let formExpected = InsomniaSnapshot.requests(try InsomniaSnapshot.export("har > form-data-input.json")).map(InsomniaSnapshot.foreign)
        #expect(form.requests.map(\.url) == formExpected.map(\.url))
        #expect(form.requests.map(\.method) == formExpected.map(\.method))
        // Insomnia calls a list with a file urlencoded; a file can only be sent as multipart.
        #expect(formExpected.first?.body == .form([FormField(name: "file", value: ""), FormField(name: "foo", value: "bar")]))
        #expect(form.requests.first?.body == .multipart([MultipartPart(name: "file", content: .file(path: "/home/user/test.txt", filename: nil)),
                                                        MultipartPart(name: "foo", content: .text("bar"))]))
    }

    @Test func staticAssetsAreLeftOutUnlessAsked() throws {
        let firefox = try Self.imported("har/mitmproxy/firefox.har")
        #expect(firefox.requests.map { URLParts.path($0.url) } == ["/", "/github-btn.html", "/github-btn.html", "/snapshots.mitmproxy.org", "/data/github-stats.json"])
        #expect(firefox.notes.map(\.message).contains("9 static assets (images, fonts, style sheets, scripts, media) left out"))
        let chrome = try Self.imported("har/mitmproxy/chrome.har")
        #expect(chrome.requests.count == 2)
        #expect(try Self.imported("har/mitmproxy/firefox.har", includeAssets: true).requests.count == 14)
    }

    @Test func everyHARSurvivesExportAndImport() throws {
        var withoutNotes: [String] = []
        var equal = 0
        for path in Self.allFiles {
            let first = try Self.imported(path, includeAssets: true)
            if first.allNotes.isEmpty { withoutNotes.append(path) }
            let exported = HARExport.export(first.requests, creatorVersion: "1.0")
            #expect(exported.notes.isEmpty)
            let again = try HARImport.read(exported.text, file: "exported.har", includeAssets: true)
            #expect(again.allNotes.isEmpty, "\(path)")
            let place = SourcePlace(file: "-")
            let before = first.requests.map { var request = $0; request.place = place; return request }
            let after = again.requests.map { var request = $0; request.place = place; return request }
            #expect(before == after, "\(path)")
            if before == after { equal += 1 }
        }
        #expect(withoutNotes == ["har/mitmproxy/insomnia.har", "har/insomnia-importer/form-data-input.json"])
        #expect(equal == Self.allFiles.count)
    }
}

private enum URLParts {
    static func path(_ url: String) -> String {
        let withoutQuery = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return MitmproxyFlow.parts(of: withoutQuery)?.path ?? ""
    }
}
