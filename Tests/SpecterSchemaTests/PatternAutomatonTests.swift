import Foundation
import Testing
import SpecterJSON
import SpecterYAML
@testable import SpecterSchema
import TestSupport

/// Our pattern automaton must answer exactly as ICU does, on every pattern of the JSON Schema test
/// suite and of the real descriptions in `../shared/specs`, for strings built to sit on either side of
/// each pattern. (Where ICU departs from ECMA-262 — `.` and `\s` on a few rare separators — those
/// characters are left out of the strings; ECMA-262 is followed there, and tested below.)
@Suite struct PatternAutomatonTests {
    static func collectPatterns(in value: JSONValue, into patterns: inout Set<String>) {
        switch value {
        case .object(let object):
            for member in object.members {
                if member.key == "pattern", case .string(let pattern) = member.value { patterns.insert(pattern) }
                if member.key == "patternProperties", let names = member.value.objectValue?.keys { patterns.formUnion(names) }
                collectPatterns(in: member.value, into: &patterns)
            }
        case .array(let items):
            for item in items { collectPatterns(in: item, into: &patterns) }
        default:
            break
        }
    }

    static func corpusPatterns() throws -> Set<String> {
        var found: Set<String> = []
        let roots = [Fixtures.shared("conformance/json-schema-test-suite/tests"), Fixtures.shared("specs")]
        for root in roots {
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where ["json", "yaml", "yml"].contains(file.pathExtension) {
                guard let bytes = try? Fixtures.bytes(file),
                      let value = file.pathExtension == "json" ? try? JSONParser.parse(bytes) : try? YAMLLoader().load(bytes) else { continue }
                collectPatterns(in: value, into: &found)
            }
        }
        return found
    }

    /// Strings around a pattern: a sample that matches, longer ones, and each broken a few ways.
    static func probes(for pattern: String) -> [String] {
        var probes = ["", "a", "0", "9", " ", "\t", "\n", "\r", "\u{A0}", "\u{3000}", "\u{2028}", "abc", "ABC_123", "0123456789", "az_AZ.09",
                      "~!@#$%^&*()[]{}<>|\\/?,;:'\"`", "é", "日本", "😀", "-1.5e3", "2024-01-31T12:00:00Z", "x\ny", "+1 (555) 010-9999"]
        for length in [0, 8, 40] {
            if let sample = PatternSampler.sample(pattern, minimumLength: length) { probes.append(sample) }
        }
        let samples = probes
        for sample in samples where !sample.isEmpty {
            probes += [String(sample.dropFirst()), String(sample.dropLast()), sample + "x", "x" + sample, sample + "\n", sample + sample,
                       sample.uppercased(), sample.replacingOccurrences(of: "-", with: "_"), shifted(sample, by: 1), shifted(sample, by: -1),
                       shifted(sample, by: 9)]
        }
        let unlike: Set<Unicode.Scalar> = ["\u{0B}", "\u{0C}", "\u{85}", "\u{FEFF}", "\u{180E}"]
        return probes.filter { !$0.unicodeScalars.contains(where: unlike.contains) }
    }

    /// Every scalar moved by `offset`, to land just past the ends of the ranges a sample was drawn from.
    static func shifted(_ text: String, by offset: Int32) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.compactMap { Unicode.Scalar(UInt32(max(0, Int32($0.value) + offset))) }))
    }

    @Test func theAutomatonAgreesWithICUOnEveryCorpusPattern() async throws {
        // Seconds of parsing and matching: on a thread of its own, so the async tests beside it keep running.
        let (patterns, byAutomaton, disagreements) = try await offPool { () throws -> (Set<String>, Int, [String]) in
            let patterns = try Self.corpusPatterns()
            var byAutomaton = 0
            var disagreements: [String] = []
            for pattern in patterns.sorted() {
                guard let regex = SchemaRegex(pattern), regex.isMatchedByAutomaton else { continue }
                byAutomaton += 1
                for probe in Self.probes(for: pattern) where regex.matches(probe) != regex.icuMatches(probe) {
                    disagreements.append("/\(pattern)/ on \(JSONValue.string(probe)): automaton \(regex.matches(probe)), ICU \(regex.icuMatches(probe))")
                }
            }
            return (patterns, byAutomaton, disagreements)
        }
        print("patterns: \(patterns.count) in the corpus, \(byAutomaton) matched by the automaton")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(byAutomaton * 10 > patterns.count * 8, "most corpus patterns need nothing ICU alone has")
    }

    @Test func handWrittenPatternsCoverEachConstruct() {
        let cases: [(String, [String: Bool])] = [
            ("^(0|[1-9][0-9]*)$", ["0": true, "1234": true, "0123": false, "": false, "12a": false]),
            ("^#(([0-9a-fA-F]{2}){3}|([0-9a-fA-F]){3})$", ["#fff": true, "#a0B1c2": true, "#ffff": false, "fff": false]),
            ("a{2,3}", ["a": false, "aa": true, "xaaax": true]),
            ("^a{2,}$", ["a": false, "aaaa": true]),
            ("^(?:ab)+c?$", ["abab": true, "ababc": true, "abac": false]),
            ("^[^\\d\\s]+$", ["abc": true, "a b": false, "a1": false]),
            ("^[\\w.-]+@[\\w-]+\\.[a-z]{2,}$", ["a.b@c-d.io": true, "a@b.c": false]),
            ("^\\u00e9\\x41$", ["éA": true, "eA": false]),
            ("^.$", ["\n": false, "\u{2028}": false, "😀": true, "a": true]),
            ("^\\s$", ["\u{FEFF}": true, "\u{A0}": true, "\u{3000}": true, "a": false]),
            ("^[]$", ["": false, "a": false]),
            ("^[^]$", ["a": true, "\n": true]),
            ("x*", ["": true, "anything": true]),
            ("^$", ["": true, "\n": false]),
            ("(a|ab)(c|bcd)(d*)", ["abcd": true, "ac": true, "b": false]),
            ("^(a*)*$", [String(repeating: "a", count: 40) + "b": false, String(repeating: "a", count: 40): true]),
            ("$", ["": true, "abc": true]),
            ("b$|^a", ["ab": true, "ba": false, "xb": true]),
            // Over 64 states: the list-based search instead of the bit-parallel one.
            ("^[a-z]{70}$", [String(repeating: "q", count: 70): true, String(repeating: "q", count: 69): false]),
            ("x[0-9]{3,80}y", ["ax123y": true, "x12y": false, "x" + String(repeating: "7", count: 80) + "y": true]),
        ]
        for (pattern, expectations) in cases {
            guard let regex = SchemaRegex(pattern) else {
                Issue.record("/\(pattern)/ did not compile")
                continue
            }
            #expect(regex.isMatchedByAutomaton, "/\(pattern)/")
            for (text, expected) in expectations {
                #expect(regex.matches(text) == expected, "/\(pattern)/ on \(JSONValue.string(text))")
            }
        }
    }

    @Test func whatTheAutomatonLeavesToICU() throws {
        for pattern in ["(a)\\1", "a(?=b)", "(?<!a)b", "\\bword\\b", "\\p{L}+", "(?<name>x)", "\\cA", "[\\d-z]"] {
            let regex = try #require(SchemaRegex(pattern), "/\(pattern)/ is valid: ICU takes it")
            #expect(!regex.isMatchedByAutomaton, "/\(pattern)/")
        }
        #expect(SchemaRegex("(a)\\1")?.matches("aa") == true)
        #expect(SchemaRegex("\\bword\\b")?.matches("a word here") == true)
    }

    @Test func sizeAndNestingAreBounded() throws {
        #expect(try #require(SchemaRegex("^(a{1000}){1000}$")).isMatchedByAutomaton == false, "too large to expand: left to ICU")
        // Repeats of something that reads nothing are emitted once, however they nest (10^18 copies otherwise).
        let empty = try #require(PatternTree.read("^((((((){1000}){1000}){1000}){1000}){1000}){1000}$").flatMap(PatternAutomaton.init))
        #expect(empty.matches("") && !empty.matches("x"))
        let anchors = try #require(SchemaRegex("(^)*a($){2,5}"))
        #expect(anchors.matches("xa") && !anchors.matches("ax"))
        let deep = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(PatternTree.read(deep) == nil)
    }
}
