import SpecterJSON
import SpecterRequest

/// `--environments FILE` and `--env NAME`, as `specter` (the explorer) and `specter call` take them.
enum EnvironmentOptions {
    static func options(_ purpose: String) -> [OptionSpec] {
        [
            .value("--environments", "FILE", "Named environments: a server, its variables, and env:/secret: credential references each (see the README); replaces a collection's environments."),
            .value("--env", "NAME", purpose),
        ]
    }

    /// The environments to offer — the `--environments` file's, else the collection's — and the one
    /// `--env` names; nil after reporting a problem. `unreadable` lists the collection's environment
    /// files that did not read (`environments/prod.yaml`), so a name not found is not blamed on the user alone.
    static func read(_ arguments: ParsedArguments, _ environment: CLIEnvironment, collection: [RequestEnvironment] = [],
                     unreadable: [String] = []) -> ([RequestEnvironment], String?)? {
        let chosen = arguments.value("--env")
        guard let path = arguments.value("--environments") else {
            guard let chosen, !collection.contains(where: { $0.name == chosen }) else { return (collection, chosen) }
            let broken = unreadable.map(TextStyle.safe)
            if collection.isEmpty, broken.isEmpty {
                environment.stderr.write("specter: --env needs an --environments file, or a collection with environments/\(TextStyle.safe(chosen)).yaml, to choose from\n")
            } else {
                let has = collection.isEmpty ? [] : ["it has: " + collection.map { TextStyle.safe($0.name) }.joined(separator: ", ")]
                let unread = broken.isEmpty ? [] : [broken.joined(separator: ", ") + (broken.count == 1 ? " did" : " do") + " not read"]
                environment.stderr.write("specter: no environment \"\(TextStyle.safe(chosen))\" in the collection (" + (has + unread).joined(separator: "; ") + ")\n")
            }
            return nil
        }
        guard let file = InputFile.read(path, environment) else { return nil }
        let environments: [RequestEnvironment]
        do throws(EnvironmentFileError) {
            environments = try RequestEnvironment.list(from: file.value)
        } catch {
            let place = file.position(of: error.pointer).map { ":\($0)" } ?? ""
            environment.stderr.write("specter: \(TextStyle.safe(file.name))\(place): \(error.pointer.isRoot ? "" : error.pointer.description + ": ")\(TextStyle.safe(error.message))\n")
            return nil
        }
        if let chosen, !environments.contains(where: { $0.name == chosen }) {
            environment.stderr.write("specter: no environment \"\(TextStyle.safe(chosen))\" in \(TextStyle.safe(file.name)) (it has: "
                + environments.map { TextStyle.safe($0.name) }.joined(separator: ", ") + ")\n")
            return nil
        }
        return (environments, chosen)
    }

    /// Whether a command can go on despite the collection's environment files that did not read: one
    /// stops it only when it is the environment `--env` chooses (from the collection, not an
    /// `--environments` file); any other is a warning saying what it means (`otherwise`).
    static func brokenFilesAllow(_ collection: Collection, _ arguments: ParsedArguments, _ environment: CLIEnvironment, otherwise: String) -> Bool {
        let chosen = arguments.value("--environments") == nil ? arguments.value("--env") : nil
        var allowed = true
        for problem in collection.problems {
            guard let name = problem.environmentName else { continue }
            let place = TextStyle.safe(collection.root.path) + "/" + TextStyle.safe(problem.description)
            if name == chosen {
                environment.stderr.write("specter: \(place)\n")
                allowed = false
            } else {
                environment.stderr.write("specter: warning: \(place) (\(otherwise))\n")
            }
        }
        return allowed
    }
}
