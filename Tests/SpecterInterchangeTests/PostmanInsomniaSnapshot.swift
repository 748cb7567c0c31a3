import Foundation
import SpecterInterchange
import SpecterJSON
import TestSupport

/// Insomnia's expected imports (`__snapshots__/index.test.ts.snap`, vitest's pretty-format inside JS
/// template literals), read as JSON values, and Insomnia's requests restated as `ForeignRequest`s so
/// they compare with ours field by field.
enum InsomniaSnapshot {
    static let url = Fixtures.shared("interchange/postman/insomnia-importer/__snapshots__/index.test.ts.snap")

    /// The snapshot stored under `Fixtures > Import KIND > FILE 1`.
    static func export(_ key: String) throws -> JSONValue {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let start = text.range(of: "exports[`Fixtures > Import \(key) 1`] = `\n"),
              let end = text.range(of: "\n`;\n", range: start.upperBound..<text.endIndex) else { throw Missing(key: key) }
        let literal = String(text[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "\\`", with: "`").replacingOccurrences(of: "\\${", with: "${").replacingOccurrences(of: "\\\\", with: "\\")
        var reader = PrettyFormatReader(Array(literal))
        return try reader.value()
    }

    struct Missing: Error { var key: String }

    static func requests(_ export: JSONValue) -> [JSONValue] {
        (export["resources"]?.arrayValue ?? []).filter { $0["_type"]?.stringValue == "request" }
    }

    /// Insomnia's request as ours would be: its parameters back in the URL, its notation for
    /// Postman's `{{$guid}}` (`{% faker 'guid' %}`) in Specter's.
    static func foreign(_ request: JSONValue) -> ForeignRequest {
        let parameters = enabled(request["parameters"]).map { "\(text($0["name"]))=\(text($0["value"]))" }
        let url = text(request["url"]) + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        let headers = enabled(request["headers"]).map { ForeignHeader(name: text($0["name"]), value: text($0["value"])) }
        return ForeignRequest(name: request["name"]?.stringValue, method: text(request["method"]), url: url, headers: headers,
                              body: body(request["body"]), auth: auth(request["authentication"]), place: SourcePlace(file: "insomnia"))
    }

    /// The authentication types Insomnia keeps that Specter does not.
    static func unsupportedAuth(_ request: JSONValue) -> String? {
        let type = request["authentication"]?["type"]?.stringValue
        return ["basic", "bearer", "apikey", "digest", nil].contains(type) ? nil : type
    }

    static func text(_ value: JSONValue?) -> String {
        (value?.stringValue ?? "").replacingOccurrences(of: "{% faker 'guid' %}", with: "{{$uuid}}")
    }

    private static func enabled(_ list: JSONValue?) -> [JSONValue] {
        (list?.arrayValue ?? []).filter { $0["disabled"]?.boolValue != true }
    }

    private static func body(_ body: JSONValue?) -> ForeignBody? {
        let mimeType = body?["mimeType"]?.stringValue ?? ""
        if let params = body?["params"]?.arrayValue {
            let fields = enabled(.array(params))
            if mimeType == "multipart/form-data" {
                return .multipart(fields.map { field in
                    field["type"]?.stringValue == "file" || field["fileName"] != nil
                        ? MultipartPart(name: text(field["name"]), content: .file(path: text(field["fileName"]), filename: nil))
                        : MultipartPart(name: text(field["name"]), content: .text(text(field["value"])))
                })
            }
            return .form(fields.map { FormField(name: text($0["name"]), value: text($0["value"])) })
        }
        guard let content = body?["text"]?.stringValue, !content.isEmpty else { return nil }
        return .text(text(.string(content)), mediaType: mimeType.isEmpty ? nil : mimeType)
    }

    private static func auth(_ auth: JSONValue?) -> ForeignAuth? {
        switch auth?["type"]?.stringValue {
        case "basic": return .basic(user: text(auth?["username"]), password: text(auth?["password"]))
        case "digest": return .digest(user: text(auth?["username"]), password: text(auth?["password"]))
        case "bearer": return .bearer(token: text(auth?["token"]))
        case "apikey": return .apiKey(name: text(auth?["key"]), value: text(auth?["value"]), inQuery: auth?["addTo"]?.stringValue == "queryParams")
        default: return nil
        }
    }
}

/// vitest's pretty-format, as snapshots write it: `"key": value,` per line, strings in double
/// quotes without escapes (a string ends at the quote that ends its line), `undefined` for absent.
struct PrettyFormatReader {
    private let characters: [Character]
    private var index = 0

    init(_ characters: [Character]) { self.characters = characters }

    struct Malformed: Error { var offset: Int }

    mutating func value() throws -> JSONValue {
        skipSpace()
        guard index < characters.count else { throw Malformed(offset: index) }
        switch characters[index] {
        case "{":
            let members = try container(close: "}") { reader in
                let key = try reader.quoted(untilLineEnd: false)
                try reader.expect(":")
                return (key, try reader.value())
            }
            return .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) }))
        case "[": return .array(try container(close: "]") { reader in ("", try reader.value()) }.map(\.1))
        case "\"": return .string(try quoted(untilLineEnd: true))
        default: return word()
        }
    }

    private mutating func container(close: Character, member: (inout PrettyFormatReader) throws -> (String, JSONValue)) throws -> [(String, JSONValue)] {
        index += 1
        var members: [(String, JSONValue)] = []
        while true {
            skipSpace()
            guard index < characters.count else { throw Malformed(offset: index) }
            if characters[index] == close {
                index += 1
                return members
            }
            members.append(try member(&self))
            skipSpace()
            if index < characters.count, characters[index] == "," { index += 1 }
        }
    }

    /// A quoted text; a value's closing quote is the last one before the end of its line (keys end at the first).
    private mutating func quoted(untilLineEnd: Bool) throws -> String {
        index += 1
        let start = index
        while index < characters.count {
            if characters[index] == "\"" {
                let next = index + 1 < characters.count ? characters[index + 1] : "\n"
                if !untilLineEnd || next == "\n" || (next == "," && (index + 2 >= characters.count || characters[index + 2] == "\n")) {
                    defer { index += 1 }
                    return String(characters[start..<index])
                }
            }
            index += 1
        }
        throw Malformed(offset: start)
    }

    private mutating func word() -> JSONValue {
        let start = index
        while index < characters.count, !",\n}]".contains(characters[index]) { index += 1 }
        let word = String(characters[start..<index])
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "undefined", "null": return .null
        default: return Int(word).map(JSONValue.int) ?? Double(word).map(JSONValue.double) ?? .string(word)
        }
    }

    private mutating func expect(_ character: Character) throws {
        skipSpace()
        guard index < characters.count, characters[index] == character else { throw Malformed(offset: index) }
        index += 1
    }

    private mutating func skipSpace() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }
}
