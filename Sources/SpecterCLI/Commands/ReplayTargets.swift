import Foundation
import SpecterRequest

/// What `replay PATH…` runs: for each collection the paths fall in, its saved requests in collection
/// order (a collection's folder: all of them; a folder inside it: those under it; a file: that one),
/// narrowed by `--select`.
struct ReplayTarget {
    var collection: Collection
    var items: [Collection.Item]

    /// The targets, one per collection, in the order their paths were given; nil after reporting a problem.
    /// A request file that did not read stops them only when the paths and `--select` take it in (its
    /// name unknown, by its path alone); one left out is a warning. The command weighs the environment
    /// files that did not read itself (`EnvironmentOptions.brokenFilesAllow`).
    static func resolve(_ paths: [String], select globs: [String], _ environment: CLIEnvironment) -> [ReplayTarget]? {
        var targets: [ReplayTarget] = []
        var scopes: [String: [String]] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                environment.stderr.write("specter: \(TextStyle.safe(path)) does not exist\n")
                return nil
            }
            guard let root = CollectionStore.root(containing: url) else {
                environment.stderr.write("specter: \(TextStyle.safe(path)) is not inside a collection (no \(CollectionStore.manifestName) in it or a folder above it; "
                    + "specter collection new DIR --spec SPEC makes one)\n")
                return nil
            }
            if !targets.contains(where: { $0.collection.root.path == root.path }) {
                guard let collection = CollectionCommand.read(root, environment) else { return nil }
                targets.append(ReplayTarget(collection: collection, items: []))
            }
            let relative = url.path == root.path ? "" : String(url.path.dropFirst(root.path.count + 1))
            guard let collection = targets.first(where: { $0.collection.root.path == root.path })?.collection else { continue }
            let files = collection.items.map(\.path) + collection.problems.filter { $0.environmentName == nil }.map(\.file)
            guard files.contains(where: { isInside($0, relative) }) else {
                environment.stderr.write("specter: \(TextStyle.safe(path)) holds no saved request\n")
                return nil
            }
            scopes[root.path, default: []].append(relative)
        }
        var stopped = false
        for index in targets.indices {
            let collection = targets[index].collection
            let scope = scopes[collection.root.path] ?? []
            func chosen(_ path: String, name: String?) -> Bool {
                scope.contains { isInside(path, $0) } && matches(path: path, name: name, globs)
            }
            targets[index].items = collection.ordered.filter { chosen($0.path, name: $0.request.name) }
            for problem in collection.problems where problem.environmentName == nil {
                let place = TextStyle.safe(collection.root.path) + "/" + TextStyle.safe(problem.description)
                if chosen(problem.file, name: nil) {
                    environment.stderr.write("specter: \(place)\n")
                    stopped = true
                } else {
                    environment.stderr.write("specter: warning: \(place) (not selected, so left out)\n")
                }
            }
        }
        guard !stopped else { return nil }
        if !globs.isEmpty, targets.allSatisfy(\.items.isEmpty) {
            let example = targets.first?.collection.ordered.first.map { "\($0.path) or \"\($0.request.name)\"" } ?? "pets/create-a-pet.yaml"
            environment.stderr.write("specter: --select \(globs.map { "\"" + TextStyle.safe($0) + "\"" }.joined(separator: ", ")) matches no saved request (it matches file paths, folders or names, such as "
                + TextStyle.safe(example) + ")\n")
            return nil
        }
        return targets
    }

    /// Whether a file (relative to the collection) is the path given or under it ("" is the whole collection).
    private static func isInside(_ file: String, _ given: String) -> Bool {
        given.isEmpty || file == given || file.hasPrefix(given + "/")
    }

    /// `--select` globs match a request's file path (with or without `.yaml`/`.yml`), a folder it is in
    /// (`pets` as `pets/**`), or its name.
    private static func matches(path: String, name: String?, _ globs: [String]) -> Bool {
        guard !globs.isEmpty else { return true }
        let stem = Collection.stem(of: path)
        let enclosing = path.split(separator: "/").dropLast()
        let folders = enclosing.indices.map { enclosing[...$0].joined(separator: "/") }
        let candidates = [path, stem] + (name.map { [$0] } ?? []) + folders
        return globs.map(Self.relative).contains(where: { glob in candidates.contains(where: { fnmatch(glob, $0, 0) == 0 }) })
    }

    /// A glob as a shell completes a path inside the collection: `./pets/` is `pets`.
    private static func relative(_ glob: String) -> String {
        var glob = Substring(glob)
        while glob.hasPrefix("./") { glob = glob.dropFirst(2) }
        while glob.count > 1, glob.hasSuffix("/") { glob = glob.dropLast() }
        return glob.isEmpty || glob == "." ? "*" : String(glob)
    }
}
