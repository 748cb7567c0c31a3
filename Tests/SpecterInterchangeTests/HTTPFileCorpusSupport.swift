import Foundation
import SpecterInterchange
import TestSupport

/// The `.http` and `.rest` files of the shared corpus, read with the scripts and environment files beside them.
enum HTTPCorpus {
    static let folder = Fixtures.shared("interchange/http")

    /// Paths relative to `interchange/http`, sorted.
    static func requestFiles() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".http") || path.hasSuffix(".rest") { files.append(path) }
        }
        return files.sorted()
    }

    static let importer = HTTPFileImport { path in try? String(contentsOfFile: path, encoding: .utf8) }

    static func collection(_ relativePath: String) throws -> ForeignCollection {
        try importer.collection(atPath: folder.appendingPathComponent(relativePath).path)
    }
}
