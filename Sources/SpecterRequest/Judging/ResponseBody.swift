import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterYAML

/// A response body as Specter presents it: text (decoded by its charset) or a binary summary.
///
/// Bodies that are not text (binary media types, NUL bytes, invalid UTF-8 without a declared charset)
/// are never shown raw: they get a summary with type and size, and can be saved to a file.
public struct ResponseBody: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case empty
        case text(String)
        case binary
    }

    public var content: Content
    public var mediaType: String?
    public var size: Int
    /// The body parsed as JSON (or YAML for YAML media types), when it is.
    public var json: JSONValue?

    public init(_ response: HTTPResponse) {
        mediaType = response.mediaType
        size = response.body.count
        json = nil
        if response.body.isEmpty {
            content = .empty
            return
        }
        if let text = Self.decodeText(response.body, mediaType: response.mediaType, charset: response.charset) {
            content = .text(text)
            if let mediaType = response.mediaType, MediaType.isYAML(mediaType) {
                json = try? YAMLLoader().load(response.body)
            } else if response.mediaType.map(MediaType.isJSON) ?? true {
                json = try? JSONParser.parse(response.body)
            }
        } else {
            content = .binary
        }
    }

    /// `image/png, 68 bytes`
    public var summary: String {
        "\(mediaType ?? "unknown type"), \(Self.size(size))"
    }

    public static func size(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) byte\(bytes == 1 ? "" : "s")"
        case ..<(1024 * 1024): return String(format: "%.1f KB", Double(bytes) / 1024)
        default: return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
        }
    }

    static let binaryPrefixes = ["image/", "audio/", "video/", "font/"]
    static let binaryTypes: Set<String> = [
        "application/octet-stream", "application/pdf", "application/zip", "application/gzip", "application/x-tar", "application/wasm",
        "application/vnd.ms-excel", "application/x-protobuf", "application/protobuf", "application/msgpack",
    ]

    static func decodeText(_ bytes: [UInt8], mediaType: String?, charset: String?) -> String? {
        if let mediaType, binaryPrefixes.contains(where: mediaType.hasPrefix) && !mediaType.hasSuffix("+xml") || binaryTypes.contains(mediaType ?? "") {
            return nil
        }
        if let charset, let encoding = Self.encoding(charset) {
            return String(data: Data(bytes), encoding: encoding)
        }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text
    }

    private static func encoding(_ charset: String) -> String.Encoding? {
        switch charset.lowercased() {
        case "utf-8", "utf8": return .utf8
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1": return .isoLatin1
        case "us-ascii", "ascii": return .ascii
        case "utf-16": return .utf16
        case "utf-16le": return .utf16LittleEndian
        case "utf-16be": return .utf16BigEndian
        case "windows-1252", "cp1252": return .windowsCP1252
        default: return nil
        }
    }
}
