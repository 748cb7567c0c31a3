import Foundation
import SpecterInterchange
import Testing
import TestSupport

/// Hurl's own integration tests (`/work/shared/interchange/hurl/hurl-integration`): every file
/// imports, and each entry of a file that came with its `hurl --curl` output says what curl sent.
@Suite struct HurlCorpusTests {
    static let folder = Fixtures.shared("interchange/hurl/hurl-integration")

    static func hurlFiles() throws -> [URL] {
        let names = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return names.filter { $0.pathExtension == "hurl" }.sorted { $0.path < $1.path }
    }

    static func name(_ url: URL) -> String { url.deletingPathExtension().lastPathComponent }

    static func collection(_ url: URL) throws -> ForeignCollection {
        try HurlImport.collection(from: try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    @Test func everyFileImports() throws {
        let files = try Self.hurlFiles()
        #expect(files.count == 29)
        var entries = 0
        for file in files {
            entries += try Self.collection(file).requests.count
        }
        #expect(entries == 154)
    }

    /// Files whose `.curl` was not regenerated when entries were added: the entries it covers.
    static let staleOracles: [String: (entries: [Int], reason: String)] = [
        "assert_header": (Array(1...2), "the .curl predates the three Location entries"),
        "assert_json": (Array(1...5), "the .curl predates the last two entries (filter-by-name, big-number)"),
        "cookies": (Array(1...9), "the .curl predates the last two entries (cookie attributes, expires)"),
        "post_file": ([1, 3], "the .curl predates the second entry (file,{{filename}};)"),
    ]

    /// Entries whose curl command holds what only the run knew, or that the `.curl` does not match.
    static let knownExceptions: [String: String] = [
        "captures#2": "{{param1}} and {{param2}} are captured from the first response",
        "captures#3": "{{param1}} and {{param2}} are captured from the first response",
        "post_json#9": "{{name}} is captured from the previous response",
        "variables#1": "its variables come from --variables-file files that are not in the corpus",
        "cookies#5": "curl sends cookie2, set by the previous response (Hurl's cookie store)",
        "cookies#6": "curl also sends cookie2=valueA from Hurl's cookie store",
        "cookies#7": "curl sends cookie2, set by an earlier response (Hurl's cookie store)",
        "querystring_params#5": "the .curl line repeats entry 4's (param5 after param4) while the URL puts param5 first; Hurl appends [Query] after the URL's own query",
    ]

    @Test func entriesSayWhatCurlSent() throws {
        var countMismatches: [String] = []
        var failures: [String: [String]] = [:]
        var passed = 0
        for file in try Self.hurlFiles() {
            let oracle = file.deletingPathExtension().appendingPathExtension("curl")
            guard let expected = try? String(contentsOf: oracle, encoding: .utf8) else { continue }
            let script = try String(contentsOf: file.deletingPathExtension().appendingPathExtension("sh"), encoding: .utf8)
            let collection = try Self.collection(file)
            let commands = HurlCurlCommand.commands(in: expected)
            let covered = Self.staleOracles[Self.name(file)]?.entries ?? Array(1...max(collection.requests.count, 1))
            guard commands.count == covered.count, covered.allSatisfy({ $0 <= collection.requests.count }) else {
                countMismatches.append(Self.name(file))
                continue
            }
            var variables = HurlInvocation.variables(in: script)
            for variable in collection.variables { variables[variable.name] = variable.value }
            let comparison = HurlOracleComparison(variables: variables)
            for (number, command) in zip(covered, commands) {
                let mismatches = comparison.mismatches(collection.requests[number - 1], command)
                if mismatches.isEmpty { passed += 1 } else { failures["\(Self.name(file))#\(number)"] = mismatches }
            }
        }
        #expect(countMismatches.isEmpty)
        #expect(Set(failures.keys) == Set(Self.knownExceptions.keys), "\(failures.sorted { $0.key < $1.key })")
        #expect(passed == 113)
    }
}

/// Export, then import again: the same requests, captures and assertions.
@Suite struct HurlRoundTripTests {
    /// What a round trip must keep: everything but the place and the notes.
    static func kept(_ request: ForeignRequest) -> ForeignRequest {
        var request = request
        request.place = SourcePlace(file: "")
        request.notes = []
        return request
    }

    @Test func corpusFilesComeBackTheSame() throws {
        var noteFree: [String] = []
        var differing: [String] = []
        var exportNotes: [ImportNote] = []
        for file in try HurlCorpusTests.hurlFiles() {
            let original = try HurlCorpusTests.collection(file)
            let exported = HurlExport.file(for: original)
            exportNotes += exported.notes
            let again = try HurlImport.collection(from: exported.text, file: "exported.hurl")
            if original.allNotes.isEmpty { noteFree.append(HurlCorpusTests.name(file)) }
            if again.requests.map(Self.kept) != original.requests.map(Self.kept) || again.variables != original.variables {
                differing.append(HurlCorpusTests.name(file))
            }
        }
        #expect(noteFree.count == 12, "\(noteFree)")
        #expect(differing.isEmpty)
        #expect(exportNotes.isEmpty, "\(exportNotes)")
    }
}

/// Cut files: every prefix of every corpus file imports or fails with a placed error, never a crash or a hang.
@Suite struct HurlTruncationTests {
    @Test func everyPrefixImportsOrFailsWithAPlace() throws {
        var imported = 0
        var refused = 0
        for file in try HurlCorpusTests.hurlFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            for end in stride(from: 0, to: scalars.count, by: 13) {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<end])
                do {
                    _ = try HurlImport.collection(from: String(prefix), file: "cut.hurl")
                    imported += 1
                } catch {
                    #expect(error.line >= 1 && error.column >= 1)
                    refused += 1
                }
            }
        }
        #expect((imported, refused) == (1_523, 2_318))
    }
}
