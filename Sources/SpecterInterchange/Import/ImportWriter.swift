import Foundation
import SpecterJSON
import SpecterRequest

/// Writes an import into a collection: a new one (its manifest naming the description, the common
/// server and the variables), or an existing one, where nothing already there is replaced — a
/// request whose file name is taken gets the next free one, a variable or environment that exists
/// keeps its value.
public enum ImportWriter {
    public struct Written: Sendable, Equatable {
        /// Each imported request's file, in import order.
        public var paths: [String]
        /// Variables the collection already had a value for, left as they were.
        public var keptVariables: [String]
        /// Environments that already existed, left as they were.
        public var keptEnvironments: [String]
        /// Imported requests the collection already holds the same (by import order: the path of the one it holds).
        public var alreadyThere: [Int: String] = [:]
        public var createdCollection: Bool
    }

    /// Where each request would go, which the collection already holds, and which variables it keeps
    /// as they are: what `write` does, without writing (a dry run says the same as the import).
    public static func preview(_ imported: CollectionImport, existing: Collection?, service: DescriptionService) -> Written {
        var written = Written(paths: [], keptVariables: [], keptEnvironments: [], createdCollection: existing == nil)
        let held = existing?.items ?? []
        var taken = Set(held.map(\.path))
        for (position, request) in imported.requests.enumerated() {
            // Importing the same file again adds nothing: a request the collection holds the same is not written twice.
            // (What it held before this import: two alike requests of one import are both written.)
            if let same = held.first(where: { Self.isSame($0.request, request.request, service: service) }) {
                written.alreadyThere[position] = same.path
                written.paths.append(same.path)
                continue
            }
            let path = free(request.path, taken: taken)
            taken.insert(path)
            written.paths.append(path)
        }
        if let existing {
            written.keptVariables = imported.variables.keys.sorted().filter { name in
                existing.manifest.variables[name].map { $0 != imported.variables[name] } ?? false
            }
            written.keptEnvironments = imported.environments.map(\.name).filter { name in existing.environments.contains { $0.name == name } }
        }
        return written
    }

    /// `spec` is the description's location as the new manifest stores it (nil when adding to `existing`).
    public static func write(_ imported: CollectionImport, into folder: URL, existing: Collection?, spec: String?,
                             service: DescriptionService) throws(CollectionStore.Failure) -> Written {
        var written = preview(imported, existing: existing, service: service)
        written.keptEnvironments = []
        var collection: Collection
        if let existing {
            collection = existing
            var changed = false
            for (name, value) in imported.variables.sorted(by: { $0.key < $1.key }) where collection.manifest.variables[name] == nil {
                collection.manifest.variables[name] = value
                changed = true
            }
            if collection.manifest.server == nil, let server = imported.server {
                collection.manifest.server = server
                changed = true
            }
            if changed { try CollectionStore.saveManifest(collection) }
        } else {
            var manifest = CollectionManifest(spec: spec ?? "", server: imported.server, variables: imported.variables)
            manifest.anchor(to: service)
            collection = try CollectionStore.create(at: folder, manifest: manifest)
        }
        // Added after what each folder already holds, in import order.
        // (Requests without an `order` count too: the new ones come after every one already there.)
        var lastOrder: [String: Int] = [:]
        for item in collection.items {
            let folder = Collection.folder(of: item.path)
            lastOrder[folder] = max((lastOrder[folder] ?? 0) + 1, item.request.order ?? 0)
        }
        for (position, request) in imported.requests.enumerated() where written.alreadyThere[position] == nil {
            let path = written.paths[position]
            var saved = request.request
            saved.order = (saved.order ?? 0) + (lastOrder[Collection.folder(of: path)] ?? 0)
            try CollectionStore.save(saved, at: path, in: &collection)
        }
        for environment in imported.environments {
            do throws(CollectionStore.Failure) {
                try CollectionStore.saveEnvironment(environment, in: &collection)
            } catch {
                guard case .exists = error else { throw error }
                written.keptEnvironments.append(environment.name)
            }
        }
        return written
    }

    /// Whether the collection holds this request already (what importing the same file again meets).
    public static func holds(_ request: SavedRequest, in collection: Collection, service: DescriptionService) -> Bool {
        collection.items.contains { isSame($0.request, request, service: service) }
    }

    /// The same name asking for the same request (`DescriptionService.asksTheSame`), each of its
    /// captures and checks one the held request has: a format that carries none of them (curl, HAR),
    /// or only some (Hurl has no status class, `.http` handlers not every check), or spells them its
    /// own way (`contains "json"`) adds nothing to a request exported from the collection when it comes back.
    private static func isSame(_ held: SavedRequest, _ imported: SavedRequest, service: DescriptionService) -> Bool {
        held.name == imported.name && service.asksTheSame(held.draft, imported.draft)
            && captures(imported.captures, areAmong: held.captures) && asserts(imported.asserts, areAmong: held.asserts)
    }

    private static func captures(_ imported: JSONValue?, areAmong held: JSONValue?) -> Bool {
        guard let imported = imported?.objectValue else { return isNone(imported) }
        return imported.allSatisfy { held?.objectValue?[$0.key] == $0.value }
    }

    private static func asserts(_ imported: JSONValue?, areAmong held: JSONValue?) -> Bool {
        guard let imported = imported?.arrayValue else { return isNone(imported) }
        let heldReadings = Set((held?.arrayValue ?? []).map(reading))
        return imported.allSatisfy { heldReadings.contains(reading($0)) }
    }

    /// A check as Specter reads it, or as written when it does not read.
    private static func reading(_ line: JSONValue) -> String {
        guard let text = line.stringValue else { return "\(line)" }
        return ReplayAssertion.reading(of: text)
    }

    /// No captures or asserts: absent, null, or an empty list or map.
    private static func isNone(_ value: JSONValue?) -> Bool {
        guard let value, value != .null else { return true }
        return value.arrayValue?.isEmpty ?? value.objectValue?.isEmpty ?? false
    }

    /// `pets/get-a-pet.yaml`, or `pets/get-a-pet-2.yaml` … when that is taken.
    private static func free(_ path: String, taken: Set<String>) -> String {
        guard taken.contains(path) else { return path }
        let stem = String(path.dropLast(5))
        var counter = 2
        while taken.contains("\(stem)-\(counter).yaml") { counter += 1 }
        return "\(stem)-\(counter).yaml"
    }
}
