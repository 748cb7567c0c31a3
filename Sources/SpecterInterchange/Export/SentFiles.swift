import Foundation
import SpecterSpec

/// Files a request sends, as an export names them: by absolute path (a saved request names them from
/// its collection; the export's reader may be anywhere), and only where the description says a
/// field holds a file — any other `@text` is text, as Specter sends it.
struct SentFiles {
    let root: URL
    let documents: DocumentSet

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : root.appendingPathComponent(path).standardizedFileURL.path
    }

    func part(_ field: FormField, isFile: Bool) -> MultipartPart {
        isFile && field.value.hasPrefix("@") && field.value.count > 1
            ? MultipartPart(name: field.name, content: .file(path: absolute(String(field.value.dropFirst())), filename: nil))
            : MultipartPart(name: field.name, content: .text(field.value))
    }
}

extension ForeignRequest {
    /// The same request with the files its body sends named otherwise (relative to where an export is written).
    public func relocatingFiles(_ transform: (String) -> String) -> ForeignRequest {
        var copy = self
        switch body {
        case .file(let path, let mediaType)?:
            copy.body = .file(path: transform(path), mediaType: mediaType)
        case .multipart(let parts)?:
            copy.body = .multipart(parts.map { part in
                guard case .file(let path, let filename) = part.content else { return part }
                return MultipartPart(name: part.name, content: .file(path: transform(path), filename: filename), mediaType: part.mediaType)
            })
        default:
            break
        }
        return copy
    }
}
