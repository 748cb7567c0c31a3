import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a description's references may lead, decided once per load.
///
/// A local document may read files inside its version-control work tree (the nearest folder above
/// it that holds `.git`), or its own folder when it is in none, never a hidden file or folder
/// (`.ssh`, `.aws` …) and never through a symbolic link that leads out: real paths are compared,
/// not text. A remote document may read from its own origin only. `--allow-external-refs` lifts it.
struct ReferenceSandbox: Sendable {
    private enum Boundary: Sendable {
        case everywhere
        /// A real folder path, without a trailing slash.
        case folder(String)
        case origin(String)
    }

    private let boundary: Boundary

    init(root: URL, policy: ReferencePolicy) {
        if policy.allowExternal {
            boundary = .everywhere
        } else if root.isFileURL {
            let folder = Self.realPath(root.deletingLastPathComponent().path)
            boundary = .folder(Self.workTree(containing: folder) ?? folder)
        } else {
            boundary = .origin(root.origin)
        }
    }

    /// Why `target` may not be read, or `nil` if it may.
    func refusal(of target: URL) -> String? {
        switch boundary {
        case .everywhere:
            return nil
        case .origin(let origin):
            guard target.origin == origin else {
                return "it points to another origin (\(target.scheme ?? "")://\(target.host ?? target.absoluteString)) than the document's"
            }
            return nil
        case .folder(let folder):
            guard target.isFileURL else { return "it points to \(target.absoluteString), outside the local document" }
            let path = Self.realPath(target.standardizedFileURL.path)
            guard path.hasPrefix(folder + "/") else {
                return "it leads outside \(folder)" + (path == target.standardizedFileURL.path ? "" : " (through a symbolic link, to \(path))")
            }
            if let hidden = path.dropFirst(folder.count + 1).split(separator: "/").first(where: { $0.hasPrefix(".") }) {
                return "it reads the hidden \(hidden)"
            }
            return nil
        }
    }

    /// The nearest folder at or above `folder` that holds `.git`.
    private static func workTree(containing folder: String) -> String? {
        var candidate = folder
        while true {
            if FileManager.default.fileExists(atPath: candidate + "/.git") { return candidate }
            guard candidate != "/", !candidate.isEmpty else { return nil }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
    }

    /// The path with every symbolic link resolved; for a file that does not exist, its folder's real path and its name.
    static func realPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return path }
        return (realPath(parent) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }
}
