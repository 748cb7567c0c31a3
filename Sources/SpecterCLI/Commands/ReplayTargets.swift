import Foundation
import SpecterRequest

/// What `replay PATH…` runs: for each collection the paths fall in, its saved requests in collection
/// order (a collection's folder: all of them; a folder inside it: those under it; a file: that one),
/// narrowed by `--select`.
struct ReplayTarget {
    var collection: Collection
    var items: [Collection.Item]

    /// The targets, one per collection, in the order their paths were given; nil after reporting a problem.
    /// A problem in an environment file stops it too, unless `environmentsChecked` (the command checks
    /// those itself: `EnvironmentOptions.brokenFilesAllow`).
    static func resolve(_ paths: [String], select globs: [String], environmentsChecked: Bool = false, _ environment: CLIEnvironment) -> [ReplayTarget]? {
        var targets: [ReplayTarget] = []
        var chosen: [String: Set<String>] = [:]
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
                let problems = collection.problems.filter { !environmentsChecked || $0.environmentName == nil }
                for problem in problems {
                    environment.stderr.write("specter: \(TextStyle.safe(root.path))/\(TextStyle.safe(problem.description))\n")
                }
                guard problems.isEmpty else { return nil }
                targets.append(ReplayTarget(collection: collection, items: []))
            }
            let relative = url.path == root.path ? "" : String(url.path.dropFirst(root.path.count + 1))
            guard let index = targets.firstIndex(where: { $0.collection.root.path == root.path }) else { continue }
            let matching = targets[index].collection.items.filter { relative.isEmpty || $0.path == relative || $0.path.hasPrefix(relative + "/") }
            guard !matching.isEmpty else {
                environment.stderr.write("specter: \(TextStyle.safe(path)) holds no saved request\n")
                return nil
            }
            chosen[root.path, default: []].formUnion(matching.map(\.path))
        }
        for index in targets.indices {
            let paths = chosen[targets[index].collection.root.path] ?? []
            targets[index].items = targets[index].collection.ordered.filter { paths.contains($0.path) && matches($0, globs) }
        }
        if !globs.isEmpty, targets.allSatisfy(\.items.isEmpty) {
            let example = targets.first?.collection.ordered.first.map { "\($0.path) or \"\($0.request.name)\"" } ?? "pets/create-a-pet.yaml"
            environment.stderr.write("specter: --select \(globs.map(TextStyle.safe).joined(separator: ", ")) matches no saved request (it matches file paths, folders or names, such as "
                + TextStyle.safe(example) + ")\n")
            return nil
        }
        return targets
    }

    /// `--select` globs match a request's file path (with or without `.yaml`/`.yml`), a folder it is in
    /// (`pets` as `pets/**`), or its name.
    private static func matches(_ item: Collection.Item, _ globs: [String]) -> Bool {
        guard !globs.isEmpty else { return true }
        let stem = Collection.stem(of: item.path)
        let enclosing = item.path.split(separator: "/").dropLast()
        let folders = enclosing.indices.map { enclosing[...$0].joined(separator: "/") }
        let candidates = [item.path, stem, item.request.name] + folders
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
