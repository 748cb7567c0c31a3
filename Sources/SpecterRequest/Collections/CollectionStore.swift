import Foundation
import SpecterJSON
import SpecterYAML

/// Reads a collection's folder and writes its files: every write atomic (`AtomicFile`), and a file
/// changed on disk since it was read (another editor, a `git pull`) never overwritten silently.
public enum CollectionStore {
    public static let manifestName = "collection.yaml"
    public static let environmentsFolder = "environments"

    /// Why a collection cannot be opened or a file cannot be written.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// No `collection.yaml` in the folder.
        case notACollection(String)
        /// `collection.yaml` does not read.
        case manifest(CollectionProblem)
        /// The file changed on disk since it was read: overwrite, reload, or save under another name.
        case changedOnDisk(String)
        case exists(String)
        /// A saved request's file does not read (any more).
        case unreadable(CollectionProblem)
        case write(AtomicFile.Failure)

        public var description: String {
            switch self {
            case .notACollection(let folder): return "\(folder) is not a collection (it has no \(CollectionStore.manifestName)); specter collection new \(folder) --spec SPEC makes one"
            case .manifest(let problem): return problem.description
            case .changedOnDisk(let path): return "\(path) changed on disk since it was read"
            case .exists(let path): return "\(path) already exists"
            case .unreadable(let problem): return problem.description
            case .write(let failure): return failure.description
            }
        }
    }

    /// Makes a new collection folder with its manifest.
    public static func create(at root: URL, manifest: CollectionManifest) throws(Failure) -> Collection {
        let file = root.appendingPathComponent(manifestName)
        guard !FileManager.default.fileExists(atPath: file.path) else { throw .exists(file.path) }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .write(AtomicFile.Failure(path: root.path, reason: error.localizedDescription))
        }
        try write(manifest.json, to: file)
        return Collection(root: root, manifest: manifest, items: [], environments: [], problems: [])
    }

    /// Reads the folder: the manifest (which must read), the environments, every other `.yaml` file
    /// as a saved request (hidden files and folders are skipped; one that does not read is reported;
    /// YAML that is no saved request, such as the description itself, is listed apart).
    public static func open(_ root: URL) throws(Failure) -> Collection {
        try open(root, paths: yamlFiles(in: root).filter { $0 != manifestName })
    }

    /// Only the manifest and the environments: what is needed before the saved requests are read
    /// (which description to load, which environment to start in).
    public static func openSettings(_ root: URL) throws(Failure) -> Collection {
        let environments = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(environmentsFolder).path)) ?? []
        return try open(root, paths: environments.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { environmentsFolder + "/" + $0 })
    }

    private static func open(_ root: URL, paths: [String]) throws(Failure) -> Collection {
        let manifestFile = root.appendingPathComponent(manifestName)
        guard let manifestBytes = FileManager.default.contents(atPath: manifestFile.path).map(Array.init) else { throw .notACollection(root.path) }
        let manifest: CollectionManifest
        // Named by its whole path: a manifest that does not read stops everything, and is said before any folder is.
        switch read(manifestBytes, file: manifestFile.path, as: { value throws(DraftFormatError) in try CollectionManifest(json: value) }) {
        case .success(let value): manifest = value
        case .failure(let problem): throw .manifest(problem)
        }
        var collection = Collection(root: root, manifest: manifest, items: [], environments: [], problems: [])
        // Files are read and parsed on every core; the results keep the paths' order.
        let results = ParallelResults<FileOutcome>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { position in
            results[position] = readFile(paths[position], in: root.path)
        }
        for outcome in results.values {
            switch outcome {
            case .request(let item)?: collection.items.append(item)
            case .environment(let environment)?: collection.environments.append(environment)
            case .problem(let problem)?: collection.problems.append(problem)
            case .other(let path)?: collection.otherFiles.append(path)
            case nil: break
            }
        }
        collection.environments.sort { $0.name < $1.name }
        return collection
    }

    private enum FileOutcome: Sendable {
        case request(Collection.Item)
        case environment(RequestEnvironment)
        case problem(CollectionProblem)
        case other(String)
    }

    private static func readFile(_ path: String, in root: String) -> FileOutcome? {
        guard let bytes = readBytes(root + "/" + path) else { return nil }
        if path.hasPrefix(environmentsFolder + "/") {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            switch readEnvironment(bytes, file: path, name: name) {
            case .success(let environment): return .environment(environment)
            case .failure(let problem): return .problem(problem)
            }
        }
        switch read(bytes, file: path, as: { value throws(DraftFormatError) in try isSavedRequest(value) ? SavedRequest(json: value) : nil }) {
        case .success(let request?): return .request(Collection.Item(path: path, request: request, fingerprint: fingerprint(bytes)))
        case .success(nil): return .other(path)
        case .failure(let problem):
            // Stricter reading (no key twice) is for saved requests: a description beside them may repeat a key.
            if let lenient = try? YAMLLoader().load(bytes), !isSavedRequest(lenient) { return .other(path) }
            return .problem(problem)
        }
    }

    /// Whether a YAML file in the folder means to be a saved request: a mapping with an `operation`, or
    /// with a `name` and a key only saved requests have (so one whose `operation` is misspelt is still
    /// told what is wrong). A description kept beside the collection, a compose file (whose `name` comes
    /// with `services`), a Helm chart (`name`, `description`, `version`), a schema fragment or a list are
    /// not, and are left alone.
    private static func isSavedRequest(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        return object["operation"] != nil || (object["name"] != nil && object.keys.contains(where: requestOnlyKeys.contains))
    }

    /// Keys of a saved request that other YAML files seldom have at their top.
    private static let requestOnlyKeys: Set<String> = Set(SavedRequest.knownKeys).subtracting(["name", "description", "server"])

    /// Writes a saved request to `path` (relative to the collection). Refuses to replace a file that
    /// changed on disk since it was read, unless `overwriting`; creates folders as needed.
    public static func save(_ request: SavedRequest, at path: String, in collection: inout Collection, overwriting: Bool = false) throws(Failure) {
        let url = collection.root.appendingPathComponent(path)
        let onDisk = FileManager.default.contents(atPath: url.path).map(Array.init)
        let known = collection.item(at: path)?.fingerprint
        if let onDisk, fingerprint(onDisk) != known, !overwriting { throw known == nil ? .exists(path) : .changedOnDisk(path) }
        let bytes = Array(YAMLWriter.string(request.json).utf8)
        // Saving what is already there touches nothing (not even the file's time).
        if bytes != onDisk {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .write(AtomicFile.Failure(path: path, reason: error.localizedDescription))
            }
            try write(bytes, to: url)
        }
        let item = Collection.Item(path: path, request: request, fingerprint: fingerprint(bytes))
        if let index = collection.items.firstIndex(where: { $0.path == path }) { collection.items[index] = item } else { collection.items.append(item) }
    }

    /// Renames or moves a saved request: its file as it is on disk now (so an edit made elsewhere is
    /// kept), with a new name if given, under `newPath`; the old file is removed.
    public static func relocate(_ path: String, to newPath: String, name: String?, in collection: inout Collection) throws(Failure) {
        var request = try current(path, in: &collection)
        if let name { request.name = name }
        try save(request, at: newPath, in: &collection, overwriting: newPath == path)
        if newPath != path { try delete(path, in: &collection) }
    }

    /// A copy of a saved request as its file is on disk now, under another name and path.
    public static func duplicate(_ path: String, to newPath: String, name: String, in collection: inout Collection) throws(Failure) {
        var request = try current(path, in: &collection)
        request.name = name
        try save(request, at: newPath, in: &collection)
    }

    /// A saved request as its file is now, which the collection then knows as read.
    private static func current(_ path: String, in collection: inout Collection) throws(Failure) -> SavedRequest {
        guard let bytes = FileManager.default.contents(atPath: collection.root.appendingPathComponent(path).path).map(Array.init) else {
            throw .unreadable(CollectionProblem(file: path, position: nil, message: "the file is gone"))
        }
        switch read(bytes, file: path, as: { value throws(DraftFormatError) in try SavedRequest(json: value) }) {
        case .success(let request):
            let item = Collection.Item(path: path, request: request, fingerprint: fingerprint(bytes))
            if let index = collection.items.firstIndex(where: { $0.path == path }) { collection.items[index] = item } else { collection.items.append(item) }
            return request
        case .failure(let problem):
            throw .unreadable(problem)
        }
    }

    /// Removes a saved request's file, and its folder when nothing else is left in it.
    public static func delete(_ path: String, in collection: inout Collection) throws(Failure) {
        let file = collection.root.appendingPathComponent(path)
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw .write(AtomicFile.Failure(path: path, reason: error.localizedDescription))
        }
        collection.items.removeAll { $0.path == path }
        let folder = file.deletingLastPathComponent()
        if folder.standardizedFileURL.path != collection.root.standardizedFileURL.path,
           (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Writes a new environment to `environments/NAME.yaml`; refuses to replace one that exists.
    public static func saveEnvironment(_ environment: RequestEnvironment, in collection: inout Collection) throws(Failure) {
        let path = environmentsFolder + "/" + environment.name + ".yaml"
        let url = collection.root.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) || collection.environments.contains(where: { $0.name == environment.name }) { throw .exists(path) }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .write(AtomicFile.Failure(path: path, reason: error.localizedDescription))
        }
        try write(environment.json, to: url)
        collection.environments.removeAll { $0.name == environment.name }
        collection.environments.append(environment)
    }

    /// Writes the manifest (after a sync).
    public static func saveManifest(_ collection: Collection) throws(Failure) {
        try write(collection.manifest.json, to: collection.root.appendingPathComponent(manifestName))
    }

    /// The collection a file or folder is in: the nearest folder at or above it with a `collection.yaml`.
    public static func root(containing url: URL) -> URL? {
        var folder = url.standardizedFileURL
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue { folder = folder.deletingLastPathComponent() }
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path) {
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { return nil }
            folder = parent
        }
        return folder
    }

    /// A file name for a request name: lower case, words joined by dashes (`create-a-pet.yaml`).
    public static func fileName(for name: String) -> String {
        let words = name.lowercased().split { !$0.isLetter && !$0.isNumber }
        return (words.isEmpty ? "request" : words.joined(separator: "-")) + ".yaml"
    }

    // MARK: - Reading and writing files

    static func read<Value>(_ bytes: [UInt8], file: String, as make: (JSONValue) throws(DraftFormatError) -> Value) -> Result<Value, CollectionProblem> {
        let value: JSONValue
        do throws(YAMLError) {
            value = try YAMLLoader(rejectsDuplicateKeys: true).load(bytes)
        } catch {
            return .failure(CollectionProblem(file: file, position: error.position.map { "\($0.line):\($0.column)" }, message: error.message))
        }
        do throws(DraftFormatError) {
            return .success(try make(value))
        } catch {
            let position = JSONPointer(error.pointer).flatMap { $0.isRoot ? nil : YAMLLocator.position(of: $0, in: bytes) }
            return .failure(CollectionProblem(file: file, position: position.map { "\($0.line):\($0.column)" },
                                              message: (error.pointer.isEmpty ? "" : error.pointer + ": ") + error.message))
        }
    }

    private static func readEnvironment(_ bytes: [UInt8], file: String, name: String) -> Result<RequestEnvironment, CollectionProblem> {
        let value: JSONValue
        do throws(YAMLError) {
            value = try YAMLLoader(rejectsDuplicateKeys: true).load(bytes)
        } catch {
            return .failure(CollectionProblem(file: file, position: error.position.map { "\($0.line):\($0.column)" }, message: error.message))
        }
        do throws(EnvironmentFileError) {
            return .success(try RequestEnvironment(name: name, json: value))
        } catch {
            let position = error.pointer.isRoot ? nil : YAMLLocator.position(of: error.pointer, in: bytes)
            return .failure(CollectionProblem(file: file, position: position.map { "\($0.line):\($0.column)" },
                                              message: (error.pointer.isRoot ? "" : error.pointer.description + ": ") + error.message))
        }
    }

    private static func write(_ value: JSONValue, to url: URL) throws(Failure) {
        let bytes = Array(YAMLWriter.string(value).utf8)
        guard FileManager.default.contents(atPath: url.path).map(Array.init) != bytes else { return }
        try write(bytes, to: url)
    }

    private static func write(_ bytes: [UInt8], to url: URL) throws(Failure) {
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw .write(error)
        }
    }

    /// Every `.yaml` file under the folder, relative paths in sorted order; hidden entries skipped.
    private static func yamlFiles(in root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            // Hidden files and folders (.git, an editor's swap files) are not the collection's.
            if path.split(separator: "/").last?.hasPrefix(".") == true {
                walker.skipDescendants()
                continue
            }
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { paths.append(path) }
        }
        return paths.sorted()
    }

    /// A small file's bytes, read straight into an array (a collection opens a thousand of them).
    private static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        ContentFingerprint.of(bytes)
    }
}
