import Foundation
import SpecterJSON

/// One HAR request object as a `ForeignRequest`: browser-made headers left out (their names
/// handed back for the file's note), `queryString` pairs the URL lacks added to it, cookies kept
/// unless a browser's, `postData` as text, form or multipart.
struct HARRequestReader {
    /// Whether the cookies of this request belong to a browser session (and so are left out).
    let browserCookies: Bool

    struct Reading {
        var request: ForeignRequest
        /// Names (lower case) of the headers left out as browser-made.
        var leftOut: [String]
    }

    func read(_ request: JSONValue, name: String?, place: SourcePlace) -> Reading? {
        guard let url = request["url"]?.stringValue, !url.isEmpty else { return nil }
        var leftOut: [String] = []
        var headers: [ForeignHeader] = []
        for header in request["headers"]?.arrayValue ?? [] {
            guard let name = header["name"]?.scalarText, !BrowserHeaders.isPseudo(name) else { continue }
            let value = header["value"]?.scalarText ?? ""
            if BrowserHeaders.isBrowserMade(name) || (browserCookies && name.lowercased() == "cookie") {
                leftOut.append(name.lowercased())
            } else {
                headers.append(ForeignHeader(name: name, value: value))
            }
        }
        if !browserCookies { headers = Self.withCookies(headers, request["cookies"]?.arrayValue ?? []) }
        let foreign = ForeignRequest(name: name, method: request["method"]?.stringValue ?? "GET", url: Self.withQuery(url, request["queryString"]?.arrayValue ?? []),
                                     headers: headers, body: request["postData"].flatMap(Self.body), place: place)
        return Reading(request: foreign, leftOut: leftOut)
    }

    /// The URL with the `queryString` pairs it does not already carry (HAR writes the query in both).
    private static func withQuery(_ url: String, _ pairs: [JSONValue]) -> String {
        var present = URLParts(url).query
        var added: [String] = []
        for pair in pairs {
            let field = FormField(name: pair["name"]?.scalarText ?? "", value: pair["value"]?.scalarText ?? "")
            if let index = present.firstIndex(of: field) {
                present.remove(at: index)
            } else if !field.name.isEmpty {
                added.append(encoded(field.name) + "=" + encoded(field.value))
            }
        }
        guard !added.isEmpty else { return url }
        let hash = url.firstIndex(of: "#") ?? url.endIndex
        let separator = url[..<hash].contains("?") ? "&" : "?"
        return url[..<hash] + separator + added.joined(separator: "&") + url[hash...]
    }

    private static func encoded(_ text: String) -> String {
        PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
    }

    /// The `cookies` list merged into the `Cookie` header: pairs the header lacks are added to it.
    private static func withCookies(_ headers: [ForeignHeader], _ cookies: [JSONValue]) -> [ForeignHeader] {
        let index = headers.firstIndex { $0.name.lowercased() == "cookie" }
        let header = index.map { headers[$0].value } ?? ""
        let present = Set(header.split(separator: ";").map { $0.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" })
        let added = cookies.compactMap { cookie -> String? in
            guard let name = cookie["name"]?.scalarText, !name.isEmpty, !present.contains(name) else { return nil }
            return name + "=" + (cookie["value"]?.scalarText ?? "")
        }
        guard !added.isEmpty else { return headers }
        let value = ([header].filter { !$0.isEmpty } + added).joined(separator: "; ")
        var merged = headers
        if let index { merged[index].value = value } else { merged.append(ForeignHeader(name: "Cookie", value: value)) }
        return merged
    }

    /// `params` give a form (or multipart, when the type says so or a part is a file); otherwise the text.
    private static func body(_ postData: JSONValue) -> ForeignBody? {
        let mediaType = postData["mimeType"]?.stringValue ?? ""
        let params = postData["params"]?.arrayValue ?? []
        let hasFile = params.contains { $0["fileName"]?.stringValue != nil }
        if !params.isEmpty && (mediaType.lowercased().hasPrefix("multipart/form-data") || hasFile) {
            return .multipart(params.map { param in
                let name = param["name"]?.scalarText ?? ""
                let contentType = param["contentType"]?.stringValue
                if let file = param["fileName"]?.stringValue, param["value"]?.stringValue == nil {
                    return MultipartPart(name: name, content: .file(path: file, filename: nil), mediaType: contentType)
                }
                return MultipartPart(name: name, content: .text(param["value"]?.scalarText ?? ""), mediaType: contentType)
            })
        }
        if !params.isEmpty && (mediaType.isEmpty || mediaType.lowercased().hasPrefix("application/x-www-form-urlencoded")) {
            return .form(params.map { FormField(name: $0["name"]?.scalarText ?? "", value: $0["value"]?.scalarText ?? "") })
        }
        guard let text = postData["text"]?.scalarText, !text.isEmpty else { return nil }
        return .text(text, mediaType: mediaType.isEmpty ? nil : mediaType)
    }
}
