import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// A body ready to send: its bytes and the `Content-Type` that describes them.
public struct EncodedBody: Sendable, Equatable {
    public var contentType: String
    public var bytes: [UInt8]
    /// Files the body carries (path and part name), for showing what was sent.
    public var files: [String]
    /// The same body as curl arguments (`--data-raw …`, `-F name=@file`).
    public var curlArguments: [String] = []
}

/// Why a body cannot be built.
public struct BodyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Encodes a JSON value as a body of a media type, following the media type's encoding object.
///
/// JSON and `+json` types; `application/x-www-form-urlencoded` and `multipart/form-data` with per-property
/// styles and content types, arrays, and files read from disk under their own names; `text/plain`;
/// `application/octet-stream` (and other binary types) from a file.
public struct BodyEncoder: Sendable {
    /// Properties that hold files (binary strings): their values are paths.
    public var fileProperties: Set<String>
    /// Where relative file paths are resolved.
    public var workingDirectory: URL
    /// Makes the multipart boundary (fixed in tests).
    public var boundary: String

    public init(fileProperties: Set<String> = [], workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                boundary: String = "specter-" + UUID().uuidString.lowercased()) {
        self.fileProperties = fileProperties
        self.workingDirectory = workingDirectory
        self.boundary = boundary
    }

    public func encode(_ value: JSONValue, as media: APIMediaType) throws(BodyError) -> EncodedBody {
        let type = MediaType.essence(of: media.name)
        if MediaType.isJSON(type) || type == "*/*" {
            let text = JSONWriter.compact.string(value)
            return EncodedBody(contentType: media.name == "*/*" ? "application/json" : media.name, bytes: Array(text.utf8), files: [],
                               curlArguments: ["--data-raw", text])
        }
        switch type {
        case "application/x-www-form-urlencoded":
            let text = try Self.formURLEncoded(value, encoding: media.encoding)
            return EncodedBody(contentType: type, bytes: Array(text.utf8), files: [], curlArguments: ["--data-raw", text])
        case "multipart/form-data", "multipart/mixed":
            return try multipart(value, type: type, encoding: media.encoding)
        case _ where type.hasPrefix("text/") || type.hasSuffix("+xml") || type == "application/xml":
            let text = ParameterSerializer.text(value)
            return EncodedBody(contentType: media.name, bytes: Array(text.utf8), files: [], curlArguments: ["--data-raw", text])
        default:
            guard case .string(let path) = value else {
                throw BodyError(description: "a \(type) body is sent from a file: give its path (@file)")
            }
            let file = try read(path)
            return EncodedBody(contentType: media.name, bytes: file.bytes, files: [file.name], curlArguments: ["--data-binary", "@" + file.path])
        }
    }

    /// An object as `name=value&…` with the encoding object's rules: a form body, or the whole query string of a `querystring` parameter.
    static func formURLEncoded(_ value: JSONValue, encoding: [APIEncoding]) throws(BodyError) -> String {
        guard case .object(let object) = value else { throw BodyError(description: "a form body must be an object of fields") }
        var pairs: [String] = []
        for member in object.members {
            let rule = encoding.first { $0.property == member.key }
            let style: ParameterStyle = rule?.style ?? .form
            let explode = rule?.explode ?? (style == .form)
            let name = URLEncoding.formComponent(member.key)
            if style == .deepObject, member.value.arrayValue != nil || member.value.objectValue != nil {
                pairs += DeepObject.encoded(member.key, member.value, component: URLEncoding.formComponent)
                continue
            }
            switch member.value {
            case .array(let items):
                let texts = items.map { URLEncoding.formComponent(ParameterSerializer.text($0)) }
                switch rule?.style {
                case .spaceDelimited?: pairs.append("\(name)=" + texts.joined(separator: "+"))
                case .pipeDelimited?: pairs.append("\(name)=" + texts.joined(separator: "%7C"))
                default: pairs += explode ? texts.map { "\(name)=\($0)" } : ["\(name)=" + texts.joined(separator: ",")]
                }
            case .object(let nested):
                if explode && rule?.style != nil {
                    pairs += nested.members.map { "\(URLEncoding.formComponent($0.key))=\(URLEncoding.formComponent(ParameterSerializer.text($0.value)))" }
                } else {
                    pairs.append("\(name)=" + URLEncoding.formComponent(JSONWriter.compact.string(member.value)))
                }
            default:
                pairs.append("\(name)=" + URLEncoding.formComponent(ParameterSerializer.text(member.value)))
            }
        }
        return pairs.joined(separator: "&")
    }

    private func multipart(_ value: JSONValue, type: String, encoding: [APIEncoding]) throws(BodyError) -> EncodedBody {
        guard case .object(let object) = value else { throw BodyError(description: "a multipart body must be an object of parts") }
        var body: [UInt8] = []
        var files: [String] = []
        var curl: [String] = []
        func part(name: String, filename: String?, contentType: String?, bytes: [UInt8]) {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\""
            if let filename { head += "; filename=\"\(Self.quoted(filename))\"" }
            head += "\r\n"
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            body += Array((head + "\r\n").utf8) + bytes + Array("\r\n".utf8)
        }
        for member in object.members {
            let rule = encoding.first { $0.property == member.key }
            let values = member.value.arrayValue.map { items in items } ?? [member.value]
            for item in values {
                if fileProperties.contains(member.key), case .string(let path) = item {
                    let file = try read(path)
                    files.append(file.name)
                    let contentType = rule?.contentType ?? Self.guessContentType(file.name)
                    part(name: member.key, filename: file.name, contentType: contentType, bytes: file.bytes)
                    curl += ["-F", "\(member.key)=@\(file.path);type=\(contentType)"]
                } else if case .object = item {
                    part(name: member.key, filename: nil, contentType: rule?.contentType ?? "application/json", bytes: Array(JSONWriter.compact.string(item).utf8))
                    curl += ["-F", "\(member.key)=\(JSONWriter.compact.string(item));type=\(rule?.contentType ?? "application/json")"]
                } else if case .array = item {
                    part(name: member.key, filename: nil, contentType: rule?.contentType ?? "application/json", bytes: Array(JSONWriter.compact.string(item).utf8))
                    curl += ["-F", "\(member.key)=\(JSONWriter.compact.string(item));type=\(rule?.contentType ?? "application/json")"]
                } else {
                    part(name: member.key, filename: nil, contentType: rule?.contentType, bytes: Array(ParameterSerializer.text(item).utf8))
                    curl += ["--form-string", "\(member.key)=\(ParameterSerializer.text(item))"]
                }
            }
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return EncodedBody(contentType: "\(type); boundary=\(boundary)", bytes: body, files: files, curlArguments: curl)
    }

    /// Reads a file named in a body (`@photo.png` or `photo.png`); the part is named after the file, never a path.
    private func read(_ reference: String) throws(BodyError) -> (name: String, path: String, bytes: [UInt8]) {
        let path = reference.hasPrefix("@") ? String(reference.dropFirst()) : reference
        let url = URL(fileURLWithPath: path, relativeTo: workingDirectory)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BodyError(description: "cannot read the file \(path)")
        }
        return (url.lastPathComponent, path, Array(data))
    }

    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
    }

    static func guessContentType(_ filename: String) -> String {
        switch (filename as NSString).pathExtension.lowercased() {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "svg": return "image/svg+xml"
        case "pdf": return "application/pdf"
        case "json": return "application/json"
        case "txt", "md", "csv": return "text/plain"
        case "html": return "text/html"
        case "zip": return "application/zip"
        default: return "application/octet-stream"
        }
    }
}
