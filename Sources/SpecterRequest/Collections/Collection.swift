import Foundation
import SpecterJSON

/// A collection as read from its folder: the manifest, every saved request (by its path inside the
/// folder), the environments, and the files that could not be read (reported, never rewritten).
public struct Collection: Sendable {
    /// A saved request and where it lives.
    public struct Item: Sendable {
        /// Relative to the collection's folder: `pets/create.yaml`.
        public var path: String
        public var request: SavedRequest
        /// The file's content when it was read or last written, to notice a change made elsewhere.
        var fingerprint: UInt64
    }

    public let root: URL
    public var manifest: CollectionManifest
    public var items: [Item]
    public var environments: [RequestEnvironment]
    public var problems: [CollectionProblem]

    /// The folder of an item path (`pets`), empty at the top.
    public static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    public func item(at path: String) -> Item? {
        items.first { $0.path == path }
    }

    /// Items in the order people and replay meet them: by folder, then `order`, then name.
    public var ordered: [Item] {
        items.sorted { lhs, rhs in
            let (left, right) = (Self.folder(of: lhs.path), Self.folder(of: rhs.path))
            if left != right { return left < right }
            switch (lhs.request.order, rhs.request.order) {
            case let (a?, b?) where a != b: return a < b
            case (_?, nil): return true
            case (nil, _?): return false
            default: return lhs.request.name.localizedStandardCompare(rhs.request.name) == .orderedAscending
            }
        }
    }

    /// The description, as a path or URL Specter can load (relative paths are resolved from the folder).
    public var specLocation: String {
        let spec = manifest.spec
        if spec.contains("://") || spec.hasPrefix("/") { return spec }
        return root.appendingPathComponent(spec).standardizedFileURL.path
    }
}

/// A file of a collection that could not be read, and where the problem is.
public struct CollectionProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Relative to the collection's folder.
    public var file: String
    /// `line:column`, when the place could be found.
    public var position: String?
    public var message: String

    public var description: String { file + (position.map { ":" + $0 } ?? "") + ": " + message }
}
