import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterYAML

/// A response body as Specter presents it: text (decoded by its charset), a binary summary, or,
/// past `inspectionLimit`, a large body left in its file and read through a window.
///
/// Bodies that are not text (binary media types, NUL bytes, invalid UTF-8 without a declared charset)
/// are never shown raw: they get a summary with type and size, and can be saved to a file.
public struct ResponseBody: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case empty
        case text(String)
        case binary
        /// Too large to hold and parse; `isText` from its first bytes.
        case large(isText: Bool)
    }

    public var content: Content
    public var mediaType: String?
    public var size: Int
    /// The body parsed as JSON (or YAML for YAML media types), when it is.
    public var json: JSONValue?
    /// Where a JSON body became too deep to parse, if that is why `json` is missing.
    public var parseProblem: String?

    /// Bodies up to this size are read, parsed and checked whole; larger ones are shown from their file.
    public static let inspectionLimit = 16 << 20

    public init(_ response: HTTPResponse) {
        let mediaType = response.mediaType
        self.mediaType = mediaType
        size = response.body.count
        json = nil
        if response.body.isEmpty {
            content = .empty
            return
        }
        guard let bytes = response.body.load(upTo: Self.inspectionLimit) else {
            let sample = response.body.read(at: 0, count: 64 * 1024)
            content = .large(isText: Self.decodeText(sample, mediaType: mediaType, charset: response.charset, isSample: true) != nil)
            return
        }
        guard let text = Self.decodeText(bytes, mediaType: mediaType, charset: response.charset) else {
            content = .binary
            return
        }
        content = .text(text)
        if let mediaType, MediaType.isYAML(mediaType) {
            json = try? YAMLLoader().load(bytes)
        } else if mediaType.map(MediaType.isJSON) ?? true {
            do {
                json = try JSONParser.parse(bytes)
            } catch {
                if error.isTooDeep { parseProblem = error.description }
            }
        }
    }

    /// `image/png, 68 bytes`
    public var summary: String {
        "\(mediaType ?? "unknown type"), \(ByteCount.text(size))"
    }

    static let binaryPrefixes = ["image/", "audio/", "video/", "font/"]
    static let binaryTypes: Set<String> = [
        "application/octet-stream", "application/pdf", "application/zip", "application/gzip", "application/x-tar", "application/wasm",
        "application/vnd.ms-excel", "application/x-protobuf", "application/protobuf", "application/msgpack",
    ]

    /// The text, or `nil` for binary content. A sample (the start of a large body) may end inside a character.
    static func decodeText(_ bytes: [UInt8], mediaType: String?, charset: String?, isSample: Bool = false) -> String? {
        if let mediaType, binaryPrefixes.contains(where: mediaType.hasPrefix) && !mediaType.hasSuffix("+xml") || binaryTypes.contains(mediaType) {
            return nil
        }
        if let charset, let encoding = Self.encoding(charset) {
            return String(data: Data(bytes), encoding: encoding)
        }
        guard !bytes.contains(0) else { return nil }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // A cut multi-byte character at the end of a sample is not a reason to call it binary.
        guard isSample else { return nil }
        for cut in 1...3 where bytes.count > cut {
            if let text = String(validating: bytes.dropLast(cut), as: UTF8.self) { return text }
        }
        return nil
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
