import Foundation
import SpecterJSON
import SpecterYAML

/// The syntax a document is written in.
public enum DocumentFormat: String, Sendable {
    case json, yaml

    /// JSON or YAML, decided by the media type, then the file extension, then the first character;
    /// the one place descriptions, data files and bodies are told apart.
    public static func detect(_ bytes: [UInt8], path: String? = nil, mediaType: String? = nil) -> DocumentFormat {
        if let mediaType {
            let essence = mediaType.lowercased()
            if essence.contains("json") { return .json }
            if essence.contains("yaml") || essence.contains("yml") { return .yaml }
        }
        switch path.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "json"?: return .json
        case "yaml"?, "yml"?: return .yaml
        default: break
        }
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .yaml }
        return bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") ? .json : .yaml
    }

    /// Parses data (a body, a file given on the command line) in this syntax.
    public func parse(_ bytes: [UInt8]) throws(DataSyntaxError) -> JSONValue {
        switch self {
        case .json:
            do {
                return try JSONParser.parse(bytes)
            } catch {
                throw DataSyntaxError(message: error.message, position: error.position)
            }
        case .yaml:
            do {
                return try YAMLLoader().load(bytes)
            } catch {
                throw DataSyntaxError(message: error.message, position: error.position)
            }
        }
    }
}

/// Why JSON or YAML data could not be read, and where.
public struct DataSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: TextPosition?

    /// `line:column: message`, to follow a file name.
    public var description: String { position.map { "\($0): \(message)" } ?? message }
}

/// One parsed document of a description (the root, or a file or URL it references).
public struct LoadedDocument: Sendable {
    public let url: URL
    public let value: JSONValue
    public let format: DocumentFormat
    /// The `$ref` strings in the document, noted while it was parsed.
    let references: [String]
    /// Remote documents keep their text so errors can name line and column; files are re-read instead.
    let retainedBytes: [UInt8]?
}

/// Parses document bytes as JSON or YAML, choosing by media type, file extension, then content.
enum DocumentParser {
    static func parse(_ bytes: [UInt8], url: URL, mediaType: String? = nil, displayName: String) throws(SpecError) -> LoadedDocument {
        let format = DocumentFormat.detect(bytes, path: url.path, mediaType: mediaType)
        let retained = url.isFileURL ? nil : bytes
        switch format {
        case .json:
            do {
                let parsed = try JSONParser.parseDocument(bytes)
                return LoadedDocument(url: url, value: parsed.value, format: .json, references: parsed.references, retainedBytes: retained)
            } catch {
                throw SpecError(error.message, at: SourceLocation(source: displayName, position: error.position))
            }
        case .yaml:
            do {
                let parsed = try YAMLLoader().loadDocument(bytes)
                return LoadedDocument(url: url, value: parsed.value, format: .yaml, references: parsed.references, retainedBytes: retained)
            } catch {
                throw SpecError(error.message, at: SourceLocation(source: displayName, position: error.position ?? TextPosition(line: 1, column: 1)))
            }
        }
    }
}
