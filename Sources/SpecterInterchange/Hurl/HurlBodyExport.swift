import Foundation

/// Writes a request body the way Hurl reads it back as the same body and media type: JSON and
/// XML as they are, texts as multiline or backtick strings, bytes as base64, forms as sections.
enum HurlBodyExport {
    struct Written {
        /// Sections (`[Form]`, `[Multipart]`) come before the body in an entry.
        var sectionLines: [String] = []
        var bodyLines: [String] = []
        /// The media type Hurl sends without a header.
        var impliedMediaType: String?
        var notes: [String] = []
    }

    static func write(_ body: ForeignBody) -> Written {
        switch body {
        case .text(let text, let mediaType):
            return textBody(text, mediaType: mediaType)
        case .form(let fields):
            return Written(sectionLines: ["[Form]"] + fields.map { "\(HurlEscaping.key($0.name)): \(HurlEscaping.value($0.value))" }, impliedMediaType: "application/x-www-form-urlencoded")
        case .multipart(let parts):
            var written = Written(sectionLines: ["[Multipart]"], impliedMediaType: "multipart/form-data")
            for part in parts { written.sectionLines.append(multipartLine(part, notes: &written.notes)) }
            return written
        case .file(let path, _):
            return Written(bodyLines: ["file,\(HurlEscaping.filename(path));"])
        }
    }

    private static func multipartLine(_ part: MultipartPart, notes: inout [String]) -> String {
        let name = HurlEscaping.key(part.name)
        switch part.content {
        case .text(let value):
            if part.mediaType != nil { notes.append("the media type of the multipart field \(part.name) has no Hurl equivalent") }
            return "\(name): \(HurlEscaping.value(value))"
        case .file(let path, let filename):
            if let filename { notes.append("the file name \(filename) announced for \(part.name) has no Hurl equivalent") }
            return "\(name): file,\(HurlEscaping.filename(path));" + (part.mediaType.map { " \($0)" } ?? "")
        }
    }

    private static func textBody(_ text: String, mediaType: String?) -> Written {
        let type = mediaType?.lowercased() ?? ""
        if type.contains("json"), isWhole(text, reader: { (source) throws(HurlSyntaxError) in try HurlJSONExtent.end(in: source, from: 0, lineEnd: source.contentEnd(ofLine: 0)) }) {
            return Written(bodyLines: [text], impliedMediaType: "application/json")
        }
        if type.contains("xml"), text.hasPrefix("<"), isWhole(text, reader: { (source) throws(HurlSyntaxError) in try HurlXMLExtent.end(in: source, from: 0) }) {
            return Written(bodyLines: [text], impliedMediaType: "application/xml")
        }
        if type == "application/octet-stream" {
            return Written(bodyLines: ["base64,\(Data(text.utf8).base64EncodedString());"], impliedMediaType: mediaType)
        }
        guard text.hasSuffix("\n"), !text.contains("```") else {
            return Written(bodyLines: [HurlEscaping.backtick(text)])
        }
        let language = type == "application/json" ? "json" : type == "application/xml" ? "xml" : ""
        return Written(bodyLines: ["```\(language)", text + "```"], impliedMediaType: language.isEmpty ? nil : mediaType)
    }

    /// Whether reading the text as a body of that kind takes all of it.
    private static func isWhole(_ text: String, reader: (HurlSource) throws(HurlSyntaxError) -> Int) -> Bool {
        let source = HurlSource(text: text, file: "")
        guard !source.scalars.isEmpty, HurlBodyReader.startsBody(in: source, at: 0, lineEnd: source.contentEnd(ofLine: 0)) else { return false }
        return (try? reader(source)) == source.scalars.count
    }
}
