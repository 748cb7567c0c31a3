import Foundation
import SpecterInterchange
import Testing
import TestSupport

/// Insomnia's curl importer fixtures and its expected import (a vitest snapshot): method, URL,
/// headers, credentials and body of every request compared.
@Suite struct CurlInsomniaOracleTests {
    static let knownExceptions: [String: String] = [
        "complex-input.sh": "Insomnia merges the -b cookie into the -H Cookie header; the import keeps two Cookie headers, as curl sends them",
        "dollar-sign-input.sh": "Insomnia mis-reads `\\'` inside $'…' (it keeps a backslash and drops the quote); bash gives a quote",
    ]

    @Test func everyFixtureImportsAsInsomniaDoes() throws {
        let snapshot = String(decoding: try Fixtures.bytes(Fixtures.shared("interchange/postman/insomnia-importer/__snapshots__/index.test.ts.snap")),
                              as: UTF8.self)
        var failures: [String: [String]] = [:]
        let scripts = try Fixtures.files(in: Fixtures.shared("interchange/curl/insomnia-importer"))
        for script in scripts {
            let name = script.lastPathComponent
            let text = String(decoding: try Fixtures.bytes(script), as: UTF8.self)
            let requests = try CurlImport.parse(text, file: name, readFile: { _ in [] }).requests.map(Self.summary)
            let expected = try #require(Self.expectedSummaries(name, in: snapshot))
            if requests != expected { failures[name] = zip(requests, expected).filter { $0 != $1 }.map { "\($0) ≠ \($1)" } + ["count \(requests.count)"] }
        }
        for (name, differences) in failures where Self.knownExceptions[name] == nil {
            Issue.record("\(name): \(differences)")
        }
        #expect(Set(failures.keys) == Set(Self.knownExceptions.keys))
        #expect(scripts.count == 8)
    }

    /// One request as lines `method url`, `header: value`…, `auth …`, `body …` (form bodies as `name=value` fields).
    static func summary(_ request: ForeignRequest) -> [String] {
        var lines = ["\(request.method) \(withoutBarePath(request.url))"] + request.headers.map { "\($0.name): \($0.value)" }
        if case .basic(let user, let password) = request.auth { lines.append("auth \(user) \(password)") }
        switch request.body {
        case .text(let text, let mediaType) where mediaType?.hasPrefix("application/x-www-form-urlencoded") == true:
            lines += text.split(separator: "&").map { "field \($0.removingPercentEncoding ?? String($0))" }
        case .text(let text, _):
            lines.append("body \(text)")
        case .multipart(let parts):
            lines += parts.map { part in
                switch part.content {
                case .text(let value): "field \(part.name)=\(value)"
                case .file(let path, _): "file \(part.name)=\(path)"
                }
            }
        default:
            break
        }
        return lines
    }

    /// `https://host/` as Insomnia writes it (`https://host`): both send the path `/`.
    private static func withoutBarePath(_ url: String) -> String {
        let afterScheme = url.components(separatedBy: "://").last ?? url
        return afterScheme.firstIndex(of: "/") == afterScheme.index(before: afterScheme.endIndex) ? String(url.dropLast()) : url
    }

    /// The same summary read from the snapshot's block for `name`.
    static func expectedSummaries(_ name: String, in snapshot: String) -> [[String]]? {
        guard let start = snapshot.range(of: "exports[`Fixtures > Import curl > \(name) 1`] = `"),
              let end = snapshot.range(of: "\n`;", range: start.upperBound..<snapshot.endIndex) else { return nil }
        let block = snapshot[start.upperBound..<end.lowerBound]
        return block.components(separatedBy: "\"_type\": \"request\",").dropFirst().map(summary(ofResource:))
    }

    private static func summary(ofResource resource: String) -> [String] {
        let lines = resource.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func value(_ line: String, _ key: String) -> String? {
            guard line.hasPrefix("\"\(key)\": \""), line.hasSuffix("\",") else { return nil }
            return String(line.dropFirst(key.count + 5).dropLast(2))
        }
        let method = lines.compactMap { value($0, "method") }.first ?? ""
        let url = lines.compactMap { value($0, "url") }.last ?? ""
        var summary = ["\(method) \(url)"]
        let headerLines = lines.drop { $0 != "\"headers\": [" }.prefix { $0 != "]," }
        let headerNames = headerLines.compactMap { value($0, "name") }
        let headerValues = headerLines.compactMap { value($0, "value") }
        summary += zip(headerNames, headerValues).map { "\($0): \($1)" }
        if let user = lines.compactMap({ value($0, "username") }).first, let password = lines.compactMap({ value($0, "password") }).first {
            summary.append("auth \(user) \(password)")
        }
        summary += bodySummary(lines, value: value)
        return summary
    }

    private static func bodySummary(_ lines: [String], value: (String, String) -> String?) -> [String] {
        let bodyLines = lines.drop { $0 != "\"body\": {" }.prefix { $0 != "\"headers\": [" && $0 != "\"headers\": []," }
        if let text = bodyLines.compactMap({ value($0, "text") }).first { return ["body \(text)"] }
        var fields: [String] = []
        var fileName: String?
        var name: String?
        for line in bodyLines {
            if let file = value(line, "fileName") { fileName = file }
            if let field = value(line, "name") { name = field }
            if let fieldValue = value(line, "value"), let field = name { fields.append("field \(field)=\(fieldValue)") }
            if line.hasPrefix("\"type\": \"file\""), let field = name, let file = fileName { fields.append("file \(field)=\(file)") }
            if line.hasPrefix("},") || line == "}" { (name, fileName) = (nil, nil) }
        }
        return fields
    }
}
