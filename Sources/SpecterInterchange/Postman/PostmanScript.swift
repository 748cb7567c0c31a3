import Foundation
import SpecterJSON

/// A Postman event script, carried over only when every statement in it is one Specter can say
/// exactly (a status check, a header's presence, a variable set from the JSON body); any other
/// statement keeps the whole script out, so no check is half kept.
struct PostmanScript {
    enum Listen: String {
        case prerequest
        case test
    }

    var listen: Listen
    /// Its lines, as written.
    var lines: [String]

    /// The events of an item or collection that run, in order (unknown kinds and empty scripts left out).
    static func events(_ events: JSONValue?) -> [PostmanScript] {
        (events?.arrayValue ?? []).compactMap { event in
            guard !event.isSwitchedOff, let listen = event["listen"]?.stringValue.flatMap(Listen.init) else { return nil }
            let exec = event["script"]?["exec"]
            let text = exec?.arrayValue?.compactMap(\.scalarText).joined(separator: "\n") ?? exec?.scalarText
                ?? event["script"]?.stringValue.map { "// the script \($0), defined elsewhere" } ?? ""
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            return lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) ? nil : PostmanScript(listen: listen, lines: lines)
        }
    }

    struct Translation: Equatable {
        var asserts: [String] = []
        var captures: [ForeignCapture] = []
    }

    /// The script in Specter's replay language, or `nil` when some statement has no exact equivalent.
    var translation: Translation? {
        guard listen == .test else { return nil }
        var translation = Translation()
        for statement in lines.flatMap(Self.statements) {
            if statement.isEmpty || Self.isTestWrapper(statement) { continue }
            if let assert = Self.assert(statement) {
                translation.asserts.append(assert)
            } else if let capture = Self.capture(statement) {
                translation.captures.append(capture)
            } else {
                return nil
            }
        }
        return translation
    }

    /// What a note shows of it: its first statement.
    var summary: String {
        let first = lines.map(Self.statement).first { !$0.isEmpty } ?? ""
        return first.count > 60 ? String(first.prefix(59)) + "…" : first
    }

    private static func statement(_ line: String) -> String {
        var text = line.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix(";") { text.removeLast() }
        return text
    }

    /// A line's statements: a test written on one line (`pm.test("ok", function () { A; B; });`) is its
    /// opening, A, B and its closing; a `;` inside a string stays in its statement.
    private static func statements(_ line: String) -> [String] {
        var rest = Substring(line.trimmingCharacters(in: .whitespaces))
        var found: [String] = []
        if let opening = rest.prefixMatch(of: testOpening) {
            found.append(String(opening.output.0))
            rest = rest[opening.range.upperBound...]
        }
        for piece in outsideStrings(rest, splitAt: ";").map(statement) where !piece.isEmpty {
            if piece != "})", piece.hasSuffix("})") {
                found += [statement(String(piece.dropLast(2))), "})"]
            } else {
                found.append(piece)
            }
        }
        return found
    }

    /// `text` cut at each `separator` that is not inside a '…', "…" or `…` string.
    private static func outsideStrings(_ text: Substring, splitAt separator: Character) -> [String] {
        var pieces: [String] = [], current = "", quote: Character?, escaped = false
        for character in text {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" || character == "`" {
                quote = character
            } else if character == separator {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        return pieces + [current]
    }

    private static var testOpening: Regex<(Substring, Substring, Substring)> { /pm\.test\((["'])[^"']*\1,\s*(function\s*\(\)|\(\)\s*=>)\s*\{/ }

    private static func isTestWrapper(_ statement: String) -> Bool {
        statement == "})" || statement.wholeMatch(of: testOpening) != nil
    }

    private static func assert(_ statement: String) -> String? {
        if let match = statement.wholeMatch(of: /pm\.response\.to\.have\.status\((\d{3})\)/) {
            return "status == \(match.1)"
        }
        if let match = statement.wholeMatch(of: /tests\[(["'])[^"']*\1\]\s*=\s*\(?\s*responseCode\.code\s*===?\s*(\d{3})\s*\)?/) {
            return "status == \(match.2)"
        }
        if let match = statement.wholeMatch(of: /pm\.response\.to\.have\.header\((["'])([A-Za-z0-9-]+)\1\)/) {
            return "header \(match.2) exists"
        }
        if let match = statement.wholeMatch(of: /tests\[(["'])[^"']*\1\]\s*=\s*responseBody\.has\((["'])([^"'\\]*)\2\)/) {
            var text = "body contains "
            JSONWriter.writeString(String(match.3), into: &text)
            return text
        }
        return nil
    }

    private static func capture(_ statement: String) -> ForeignCapture? {
        let pattern = /pm\.(environment|collectionVariables)\.set\((["'])([A-Za-z0-9_.-]+)\2,\s*pm\.response\.json\(\)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)\)/
        guard let match = statement.wholeMatch(of: pattern) else { return nil }
        return ForeignCapture(variable: String(match.3), query: "$" + match.4)
    }
}
