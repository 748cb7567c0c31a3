import SpecterRequest
import SpecterTerminal

/// The collection opened with the description: its saved requests as a tree (a heading per
/// folder), what no longer fits the description, which saved request each open form came from, and
/// whether each one's last response matched its schema. The files change only through effects.
struct CollectionPane: Sendable {
    enum Row: Sendable, Equatable {
        case folder(String)
        case item(String)
    }

    private(set) var collection: Collection
    private(set) var rows: [Row] = []
    var list = ListState()
    /// What no longer fits the description, by saved request path (checked in the background once
    /// the collection opened; nil until then).
    var drift: [String: [String]]?
    /// The saved request each operation's form was opened from or last saved as, by entry.
    private(set) var origins: [Int: String] = [:]
    /// The version of that file (its fingerprint) the form was opened from or saved as: after the
    /// collection has read another version of it (a reload for another form), a save asks first.
    private var originVersions: [Int: UInt64] = [:]
    /// Whether each saved request's last response in this session matched its schema, by path.
    var verdicts: [String: Bool] = [:]

    init(_ collection: Collection) {
        self.collection = collection
        rebuild()
        list.selection = rows.firstIndex { if case .item = $0 { return true } else { return false } } ?? 0
    }

    /// Takes the collection as the files now are (after a save, a rename, a delete).
    mutating func update(_ collection: Collection, select path: String? = nil) {
        let selected = path ?? selectedPath
        self.collection = collection
        origins = origins.filter { collection.item(at: $0.value) != nil }
        originVersions = originVersions.filter { origins[$0.key] != nil }
        rebuild()
        if let selected, let row = rows.firstIndex(of: .item(selected)) { list.selection = row }
        list.selection = min(list.selection, max(0, rows.count - 1))
    }

    /// The form of `entry` comes from (or was saved as) the file at `path`, as the collection now holds it.
    mutating func setOrigin(_ path: String, for entry: Int) {
        origins[entry] = path
        originVersions[entry] = collection.item(at: path)?.fingerprint
    }

    /// Whether the collection holds another version of `entry`'s file than the one its form came from.
    func originChanged(_ entry: Int) -> Bool {
        guard let path = origins[entry], let version = originVersions[entry] else { return false }
        return collection.item(at: path)?.fingerprint != version
    }

    /// `other`'s origins, their entries renumbered (`renumbered[old] = new`), after the description was read again.
    mutating func takeOrigins(from other: CollectionPane?, renumbered: [Int: Int]) {
        origins = [:]
        originVersions = [:]
        for (old, new) in renumbered {
            guard let path = other?.origins[old] else { continue }
            origins[new] = path
            originVersions[new] = other?.originVersions[old]
        }
    }

    private mutating func rebuild() {
        rows = []
        var folder: String?
        for item in collection.ordered {
            let itemFolder = Collection.folder(of: item.path)
            if itemFolder != folder, !itemFolder.isEmpty { rows.append(.folder(itemFolder)) }
            folder = itemFolder
            rows.append(.item(item.path))
        }
    }

    var selectedPath: String? {
        guard rows.indices.contains(list.selection), case .item(let path) = rows[list.selection] else { return nil }
        return path
    }

    func isHeader(_ row: Int) -> Bool {
        guard rows.indices.contains(row) else { return false }
        if case .folder = rows[row] { return true }
        return false
    }

    mutating func record(_ findings: [CollectionDrift.Finding]) {
        drift = Dictionary(grouping: findings, by: \.request).mapValues { $0.map(\.message) }
    }

    /// Every folder the collection has, for a move.
    var folders: [String] {
        Array(Set(collection.items.map { Collection.folder(of: $0.path) })).sorted()
    }

    /// A path for a saved request named `name` in `folder` that no other file takes.
    func freePath(for name: String, in folder: String) -> String {
        let prefix = folder.isEmpty ? "" : folder + "/"
        let base = String(CollectionStore.fileName(for: name).dropLast(5))
        var path = prefix + base + ".yaml"
        var number = 2
        while collection.item(at: path) != nil || collection.problems.contains(where: { $0.file == path }) {
            path = prefix + base + "-\(number).yaml"
            number += 1
        }
        return path
    }
}
