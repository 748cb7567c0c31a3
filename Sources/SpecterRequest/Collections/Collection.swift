import Foundation
import SpecterJSON

/// A collection as read from its folder: the manifest, every saved request (by its path inside the
/// folder), the environments, the files that could not be read (reported, never rewritten), and the
/// YAML files that are not saved requests (left alone).
public struct Collection: Sendable {
    /// A saved request and where it lives.
    public struct Item: Sendable {
        /// Relative to the collection's folder: `pets/create.yaml`.
        public var path: String
        public var request: SavedRequest
        /// The file's content when it was read or last written, to notice a change made elsewhere.
        public internal(set) var fingerprint: UInt64

        init(path: String, request: SavedRequest, fingerprint: UInt64) {
            self.path = path
            self.request = request
            self.fingerprint = fingerprint
        }

        /// A saved request not read from a file (a file already there is then never overwritten silently).
        public init(path: String, request: SavedRequest) {
            self.init(path: path, request: request, fingerprint: 0)
        }
    }

    public let root: URL
    public var manifest: CollectionManifest
    public var items: [Item]
    public var environments: [RequestEnvironment]
    public var problems: [CollectionProblem]
    /// YAML files in the folder that are no saved request (no `operation`, nor a saved request's keys): the description
    /// kept beside the collection, a compose file.
    public var otherFiles: [String] = []

    public init(root: URL, manifest: CollectionManifest, items: [Item] = [], environments: [RequestEnvironment] = [], problems: [CollectionProblem] = []) {
        self.root = root
        self.manifest = manifest
        self.items = items
        self.environments = environments
        self.problems = problems
    }

    /// The folder of an item path (`pets`), empty at the top.
    public static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// An item path without its `.yaml`/`.yml` extension (`pets/create`).
    public static func stem(of path: String) -> String {
        for suffix in [".yaml", ".yml"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
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
            default: return Self.naturallyBefore(lhs.request.name, rhs.request.name)
            }
        }
    }

    /// Names in the order people expect: case ignored, numbers by value (`Step 2` before `Step 10`).
    static func naturallyBefore(_ lhs: String, _ rhs: String) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
        var left = Array(lhs.lowercased().utf8)[...], right = Array(rhs.lowercased().utf8)[...]
        while let a = left.first, let b = right.first {
            if isDigit(a), isDigit(b) {
                let leftRun = left.prefix(while: isDigit), rightRun = right.prefix(while: isDigit)
                let leftNumber = leftRun.drop { $0 == 48 }, rightNumber = rightRun.drop { $0 == 48 }
                if leftNumber.count != rightNumber.count { return leftNumber.count < rightNumber.count }
                if !leftNumber.elementsEqual(rightNumber) { return leftNumber.lexicographicallyPrecedes(rightNumber) }
                left = left.dropFirst(leftRun.count)
                right = right.dropFirst(rightRun.count)
                continue
            }
            if a != b { return a < b }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        return left.isEmpty && !right.isEmpty
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

    /// The environment the file defines (`environments/NAME.yaml`), when it is one: a run that uses
    /// another environment, or none, need not stop for it.
    public var environmentName: String? {
        guard file.hasPrefix(CollectionStore.environmentsFolder + "/") else { return nil }
        return URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }
}
