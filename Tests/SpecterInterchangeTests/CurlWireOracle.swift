import Foundation
import SpecterInterchange

/// A raw HTTP/1.1 request as an oracle wrote it (curl's test suite, curlconverter), read into the
/// parts `CurlWireRequest` has, so an import can be compared with what curl sends.
struct RecordedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var headers: [ForeignHeader]
    var body: CurlWireRequest.Body?

    /// Reads the first request of `bytes`; the body is `Content-Length` bytes long (or the rest
    /// when the length is missing and `bodyWithoutLength` says so).
    init?(_ bytes: [UInt8], bodyWithoutLength: Bool) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        guard let headEnd = text.range(of: lineEnd + lineEnd) else { return nil }
        let lines = text[..<headEnd.lowerBound].components(separatedBy: lineEnd)
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        method = String(requestLine[0])
        target = requestLine.count > 2 ? String(requestLine[1]) : "/"
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return ForeignHeader(name: String(line[..<colon]), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let rest = Array(text[headEnd.upperBound...].utf8)
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
        let bodyBytes = length.map { Array(rest.prefix($0)) } ?? (bodyWithoutLength ? rest : [])
        let contentType = headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        if let boundary = contentType.components(separatedBy: "boundary=").dropFirst().first, contentType.hasPrefix("multipart/form-data") {
            body = .multipart(Self.parts(of: rest, boundary: boundary))
        } else {
            body = length == nil && bodyBytes.isEmpty ? nil : .bytes(bodyBytes)
        }
    }

    init(_ wire: CurlWireRequest) {
        method = wire.method
        target = wire.target
        headers = wire.headers
        body = wire.body
    }

    private static func parts(of bytes: [UInt8], boundary: String) -> [CurlWireRequest.Part] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.components(separatedBy: "--" + boundary).dropFirst().compactMap { chunk in
            guard !chunk.hasPrefix("--"), let split = chunk.range(of: "\r\n\r\n") else { return nil }
            let head = chunk[..<split.lowerBound]
            var content = String(chunk[split.upperBound...])
            if content.hasSuffix("\r\n") { content.removeLast() }
            let disposition = head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") } ?? ""
            let type = head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-type:") }
            return CurlWireRequest.Part(name: parameter("name", in: disposition) ?? "", filename: parameter("filename", in: disposition),
                                        contentType: type.map { String($0.dropFirst("content-type:".count)).trimmingCharacters(in: .whitespaces) },
                                        content: Array(content.utf8))
        }
    }

    private static func parameter(_ name: String, in disposition: String) -> String? {
        guard let start = disposition.range(of: "; \(name)=\"") else { return nil }
        let rest = disposition[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return rest[..<end].replacingOccurrences(of: "%22", with: "\"")
    }

    /// The headers to compare: curl's own (Host, a `curl/` User-Agent, `Accept: */*`) left out
    /// unless the other side set them, the multipart Content-Type without its boundary and
    /// Content-Length left out for multipart (it depends on the boundary); sorted by name.
    func comparableHeaders(against other: RecordedRequest) -> [String] {
        let isMultipart = if case .multipart = body { true } else { false }
        return headers.compactMap { header -> String? in
            let name = header.name.lowercased()
            let otherSets = other.headers.contains { $0.name.lowercased() == name && $0.value == header.value }
            switch name {
            case "host" where !otherSets, "user-agent" where header.value.hasPrefix("curl/") && !otherSets,
                 "accept" where header.value == "*/*" && !otherSets, "content-length" where isMultipart:
                return nil
            case "content-type" where isMultipart:
                return "content-type: " + (header.value.components(separatedBy: ";").first ?? "")
            default:
                return name + ": " + header.value
            }
        }.sorted()
    }

    /// Empty when the two match; otherwise what differs.
    func differences(from expected: RecordedRequest) -> [String] {
        var differences: [String] = []
        if method != expected.method { differences.append("method \(method) ≠ \(expected.method)") }
        if target != expected.target { differences.append("target \(target) ≠ \(expected.target)") }
        let mine = comparableHeaders(against: expected)
        let theirs = expected.comparableHeaders(against: self)
        if mine != theirs { differences.append("headers \(mine) ≠ \(theirs)") }
        if body != expected.body, !(Self.isEmpty(body) && Self.isEmpty(expected.body)) { differences.append("body \(Self.show(body)) ≠ \(Self.show(expected.body))") }
        return differences
    }

    /// No body and an empty one put the same bytes on the wire.
    private static func isEmpty(_ body: CurlWireRequest.Body?) -> Bool {
        body == nil || body == .bytes([])
    }

    static func show(_ body: CurlWireRequest.Body?) -> String {
        switch body {
        case .bytes(let bytes): String(reflecting: String(decoding: bytes, as: UTF8.self))
        case .multipart(let parts): parts.map { "\($0.name)|\($0.filename ?? "-")|\($0.contentType ?? "-")|\(String(decoding: $0.content, as: UTF8.self))" }.description
        case nil: "none"
        }
    }

    var description: String { "\(method) \(target) \(headers.map { "\($0.name): \($0.value)" }) \(Self.show(body))" }
}
