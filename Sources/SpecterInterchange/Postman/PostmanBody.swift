import Foundation
import SpecterJSON

/// A Postman request body (`mode` and its member) as a `ForeignBody`, with what could not be carried.
enum PostmanBody {
    struct Reading {
        var body: ForeignBody?
        /// What the body held that Specter will not send, said for a note.
        var problems: [String] = []
    }

    /// `contentType` is the request's own Content-Type header, which wins over the language Postman recorded.
    static func read(_ body: JSONValue, contentType: String?) -> Reading {
        guard !body.isSwitchedOff, let mode = body["mode"]?.stringValue else { return Reading() }
        switch mode {
        case "raw":
            let text = body["raw"]?.scalarText ?? ""
            let language = body["options"]?["raw"]?["language"]?.stringValue
            return Reading(body: text.isEmpty ? nil : .text(text, mediaType: contentType ?? language.flatMap(mediaType)))
        case "urlencoded":
            let fields = enabled(body["urlencoded"]).compactMap { field in
                field["key"]?.scalarText.map { FormField(name: $0, value: field["value"]?.scalarText ?? "") }
            }
            return Reading(body: fields.isEmpty ? nil : .form(fields))
        case "formdata":
            return multipart(enabled(body["formdata"]))
        case "file":
            guard let path = body["file"]?["src"]?.scalarText, !path.isEmpty else {
                return Reading(problems: ["its file body names no file"])
            }
            return Reading(body: .file(path: path, mediaType: contentType))
        case "graphql":
            return Reading(body: graphQL(body["graphql"]))
        case "none":
            return Reading()
        default:
            return Reading(problems: ["its body mode \(mode) is unknown"])
        }
    }

    private static func enabled(_ list: JSONValue?) -> [JSONValue] {
        (list?.arrayValue ?? []).filter { !$0.isSwitchedOff }
    }

    /// Postman's raw `language` as the media type Postman sends for it.
    private static func mediaType(_ language: String) -> String? {
        switch language {
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "html": return "text/html"
        case "javascript": return "application/javascript"
        case "text": return "text/plain"
        default: return nil
        }
    }

    private static func multipart(_ fields: [JSONValue]) -> Reading {
        var reading = Reading()
        var parts: [MultipartPart] = []
        for field in fields {
            guard let name = field["key"]?.scalarText else { continue }
            let mediaType = field["contentType"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            guard field["type"]?.stringValue == "file" else {
                parts.append(MultipartPart(name: name, content: .text(field["value"]?.scalarText ?? ""), mediaType: mediaType))
                continue
            }
            let paths = (field["src"]?.arrayValue ?? [field["src"] ?? .null]).compactMap(\.scalarText).filter { !$0.isEmpty }
            if paths.isEmpty { reading.problems.append("its form part \(name) names no file") }
            parts += paths.map { MultipartPart(name: name, content: .file(path: $0, filename: nil), mediaType: mediaType) }
        }
        reading.body = parts.isEmpty ? nil : .multipart(parts)
        return reading
    }

    /// GraphQL is sent as JSON `{"query": …, "variables": …}`; the variables are written as the file
    /// has them, since placeholders in them (`{"id": {{id}}}`) make JSON only once filled.
    private static func graphQL(_ graphQL: JSONValue?) -> ForeignBody? {
        let query = graphQL?["query"]?.scalarText ?? ""
        let variables = (graphQL?["variables"]?.scalarText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty || !variables.isEmpty else { return nil }
        var text = "{\"query\":"
        JSONWriter.writeString(query, into: &text)
        if !variables.isEmpty { text += ",\"variables\":" + variables }
        return .text(text + "}", mediaType: "application/json")
    }
}
