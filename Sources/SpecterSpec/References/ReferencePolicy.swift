import Foundation

/// Which documents references may reach.
///
/// By default a reference stays inside the root document's folder (for files) or its
/// folder on the same origin (for URLs): a spec must not make Specter read `/etc/passwd`
/// or call an arbitrary host. `--allow-external-refs` lifts this.
public struct ReferencePolicy: Sendable, Equatable {
    public var allowExternal: Bool

    public init(allowExternal: Bool = false) {
        self.allowExternal = allowExternal
    }

    /// Why `target` may not be read from a description rooted at `root`, or `nil` if it may.
    func refusal(of target: URL, root: URL) -> String? {
        if allowExternal { return nil }
        if root.isFileURL {
            guard target.isFileURL else {
                return "it points to \(target.absoluteString), outside the local document"
            }
            let folder = root.deletingLastPathComponent().standardizedFileURL.path
            let path = target.standardizedFileURL.path
            guard path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
                return "it leaves the folder of the root document (\(folder))"
            }
            return nil
        }
        guard target.origin == root.origin else {
            return "it points to another host (\(target.host ?? target.absoluteString)) than the document's (\(root.host ?? ""))"
        }
        let folder = root.deletingLastPathComponent().path
        guard target.path.hasPrefix(folder) else {
            return "it leaves the folder of the root document (\(folder))"
        }
        return nil
    }
}
