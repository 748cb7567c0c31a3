import Foundation
import SpecterInterchange
import Testing
import TestSupport

/// curlconverter's fixtures: each command's request as curlconverter renders it (raw HTTP) and
/// as its JSON model. Its model, not a capture of real curl, so some differences are its own.
@Suite struct CurlConverterOracleTests {
    static let folder = Fixtures.shared("interchange/curl/curlconverter")

    /// Commands whose HTTP rendering differs from ours, and why.
    static let knownHTTPExceptions: [String: String] = [
        "get_with_env_var": "curlconverter keeps $DO_API_TOKEN literally; the import makes it the variable {{DO_API_TOKEN}} (noted)",
        "post_binary_file": "curlconverter renders the file's name (@./sample.sparql) as the body; the file is not in the corpus",
        "upload_file": "curlconverter renders the file's name and a placeholder length; the file is not in the corpus",
        "put_with_T_option": "curlconverter sends the -d data with -T; the import sends the -T file (and notes the data it leaves out)",
        "read_stdin": "curlconverter renders `@-` literally; the import has no standard input and leaves the body empty (noted)",
        "redirect_variable_data": "curlconverter renders `@$FILENAME`; the import reads standard input from {{FILENAME}}, which is not in the corpus",
        "url_query": "curlconverter's request line lacks the leading / of the path (`GET ?foo=bar&baz=qux`)",
        "multiple_urls": "the first URL uploads a file (-T) that is not in the corpus, which curlconverter renders as the file's name",
    ]

    @Test func requestsMatchCurlConvertersHTTPRendering() throws {
        var failures: [String: [String]] = [:]
        var passed = 0
        let oracles = try Fixtures.files(in: Self.folder.appendingPathComponent("http"))
        for oracle in oracles {
            let name = oracle.deletingPathExtension().lastPathComponent
            let request = try Self.firstRequest(name)
            let expected = try #require(RecordedRequest(try Fixtures.bytes(oracle), bodyWithoutLength: false))
            let wire = try? CurlWireRequest.render(request, readFile: Self.noFiles)
            let differences = wire.map { RecordedRequest($0).differences(from: expected) } ?? ["sends a file that is not in the corpus"]
            if differences.isEmpty { passed += 1 } else { failures[name] = differences }
        }
        for (name, differences) in failures where Self.knownHTTPExceptions[name] == nil {
            Issue.record("\(name): \(differences.joined(separator: "; "))")
        }
        #expect(Set(failures.keys) == Set(Self.knownHTTPExceptions.keys))
        #expect(oracles.count == 40)
        #expect(passed == 32)
    }

    /// The JSON model's only difference is the HTTP rendering's `get_with_env_var` ($VAR made a variable).
    @Test func requestsMatchCurlConvertersJSONModel() throws {
        var failures: [String: [String]] = [:]
        let oracles = try Fixtures.files(in: Self.folder.appendingPathComponent("json"))
        for oracle in oracles {
            let name = oracle.deletingPathExtension().lastPathComponent
            let request = try Self.firstRequest(name)
            let model = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.bytes(oracle))) as? [String: Any])
            let differences = Self.differences(request, model)
            if !differences.isEmpty { failures[name] = differences }
        }
        #expect(failures.keys.sorted() == ["get_with_env_var"], "\(failures)")
        #expect(oracles.count == 8)
    }

    @Test func everyCommandImports() throws {
        var counts: [String: Int] = [:]
        for script in try Fixtures.files(in: Self.folder.appendingPathComponent("curl_commands")) {
            let text = String(decoding: try Fixtures.bytes(script), as: UTF8.self)
            counts[script.lastPathComponent] = try CurlImport.parse(text, file: script.lastPathComponent, readFile: Self.noFiles).requests.count
        }
        #expect(counts.count == 51)
        #expect(counts.filter { $0.value != 1 } == ["form_quotes.sh": 5, "multiple_commands.sh": 3])
    }

    static func firstRequest(_ name: String) throws -> ForeignRequest {
        let script = folder.appendingPathComponent("curl_commands/\(name).sh")
        let text = String(decoding: try Fixtures.bytes(script), as: UTF8.self)
        return try #require(try CurlImport.parse(text, file: "\(name).sh", readFile: noFiles).requests.first)
    }

    /// The corpus holds only the commands, not the files they read.
    static func noFiles(_ path: String) throws -> [UInt8] { throw CocoaError(.fileNoSuchFile) }

    /// Compares method, URL, headers and data (a string, or form fields and files for `-F`).
    static func differences(_ request: ForeignRequest, _ model: [String: Any]) -> [String] {
        var differences: [String] = []
        if request.method.lowercased() != model["method"] as? String { differences.append("method \(request.method)") }
        if CurlWireRequest.render(request, readFile: { _ in [] }).url != model["raw_url"] as? String { differences.append("url \(request.url)") }
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) } + contentType(request), uniquingKeysWith: { first, _ in first })
        if headers != (model["headers"] as? [String: String] ?? [:]) { differences.append("headers \(headers)") }
        switch request.body {
        case .text(let text, _): if text != model["data"] as? String { differences.append("data \(text)") }
        case .multipart(let parts): differences += multipartDifferences(parts, model)
        default: if model["data"] != nil { differences.append("no data") }
        }
        return differences
    }

    private static func contentType(_ request: ForeignRequest) -> [(String, String)] {
        guard request.header("Content-Type") == nil, case .text(_, let mediaType?) = request.body else { return [] }
        return [("Content-Type", mediaType)]
    }

    private static func multipartDifferences(_ parts: [MultipartPart], _ model: [String: Any]) -> [String] {
        var texts: [String: String] = [:]
        var files: [String: String] = [:]
        for part in parts {
            switch part.content {
            case .text(let value): texts[part.name] = value
            case .file(let path, _): files[part.name] = path
            }
        }
        let expectedTexts = model["data"] as? [String: String] ?? [:]
        let expectedFiles = model["files"] as? [String: String] ?? [:]
        return texts == expectedTexts && files == expectedFiles ? [] : ["parts \(texts) \(files)"]
    }
}
