import Foundation
import SpecterJSON
import SpecterRequest
import SpecterSpec
import SpecterText

/// `specter collection new|list|check|sync DIR`: makes a collection, lists its saved requests, and
/// checks or brings them up to date with the description they belong to.
enum CollectionCommand {
    static let spec = CommandSpec(
        name: "collection", summary: "Make, list, check and sync a collection of saved requests.", arguments: "new|list|check|sync DIR",
        options: [
            .value("--spec", "SPEC_OR_URL", "new: the description the collection belongs to (a path, stored relative to DIR, or a URL)."),
            .value("--server", "URL", "new: the server requests go to unless they choose another."),
            .value("--format", "FORMAT", "list: text (default) or json: an array of {file, name, method, path, operation}."),
        ] + SpecOptions.options,
        discussion: """
            A collection is a folder a team can commit: collection.yaml names the description, one YAML file per
            saved request (in sub-folders as you like), environments/NAME.yaml holds variables and credential
            references. Secrets are never written into it. See docs/collections.md.
              new     makes DIR/collection.yaml, anchored to the description as it is now.
              list    the saved requests, folder by folder, with method, path and name.
              check   what no longer fits the description: exit 0 in sync, 1 drift found, 2 errors.
              sync    adds newly required fields with their defaults and re-anchors; never changes a value you set.
            Send a saved request with: specter call DIR/path/to/request.yaml [--env NAME] [--var k=v]
            """,
        positionalCount: 2...2)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let action = arguments.positionals[0]
        let folder = URL(fileURLWithPath: arguments.positionals[1], relativeTo: environment.workingDirectory).standardizedFileURL
        switch action {
        case "new": return await create(folder, arguments, environment)
        case "list": return await list(folder, arguments, environment)
        case "check": return await check(folder, arguments, environment)
        case "sync": return await sync(folder, arguments, environment)
        default:
            environment.stderr.write("specter: unknown collection action \(TextStyle.safe(action)): use new, list, check or sync"
                + Suggestion.phrase(for: action, among: ["new", "list", "check", "sync"]) + "\n")
            return .usage
        }
    }

    private static func create(_ folder: URL, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let spec = arguments.value("--spec") else {
            environment.stderr.write("specter: collection new needs --spec SPEC_OR_URL: the description the collection belongs to\n")
            return .usage
        }
        guard let service = await SpecOptions.service(spec, arguments, environment) else { return .usage }
        var manifest = CollectionManifest(spec: storedLocation(of: spec, from: folder, environment), server: arguments.value("--server"))
        manifest.anchor(to: service)
        do throws(CollectionStore.Failure) {
            _ = try CollectionStore.create(at: folder, manifest: manifest)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
            return .usage
        }
        let info = service.document.info
        environment.stdout.write("Made \(TextStyle.safe(folder.path))/\(CollectionStore.manifestName) for \(TextStyle.safe(info.title)) \(TextStyle.safe(info.version))"
            + " (\(service.document.operations.count) operations).\n")
        return .success
    }

    private static func list(_ folder: URL, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let format = arguments.value("--format") ?? "text"
        guard format == "text" || format == "json" else {
            environment.stderr.write("specter: unknown --format \(TextStyle.safe(format)): use text or json\n")
            return .usage
        }
        guard let (collection, service) = await open(folder, arguments, environment) else { return .usage }
        let rows = collection.ordered.map { item in Row(item: item, operation: service.operation(item.request.draft.operation)) }
        if format == "json" {
            environment.stdout.write(JSONWriter.pretty.string(.array(rows.map(\.json))) + "\n")
        } else {
            environment.stdout.write(text(rows, collection: collection, style: TextStyle(enabled: environment.usesColor)))
        }
        return collection.problems.isEmpty ? .success : .usage
    }

    private static func check(_ folder: URL, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let (collection, service) = await open(folder, arguments, environment) else { return .usage }
        let findings = CollectionDrift.check(collection, service: service)
        // What replay would refuse: captures, asserts and ignore rules that do not read, keys one slip from one Specter reads.
        var replayProblems = KeySlips.find(in: collection, items: collection.ordered)
        do {
            _ = try ReplayPlan(items: collection.ordered.filter { service.operation($0.request.draft.operation) != nil }, collection: collection,
                               environment: nil, service: service)
        } catch {
            replayProblems += error.problems.map(\.description)
        }
        for problem in replayProblems { environment.stderr.write("specter: \(TextStyle.safe(collection.root.path))/\(TextStyle.safe(problem))\n") }
        // "✓ … fit" would contradict the problems just listed.
        let nothingRead = collection.items.isEmpty && !collection.problems.isEmpty
        if (replayProblems.isEmpty && !nothingRead) || !findings.isEmpty { report(findings, collection: collection, service: service, environment) }
        if !collection.problems.isEmpty || !replayProblems.isEmpty { return .usage }
        return findings.isEmpty ? .success : .failure
    }

    private static func sync(_ folder: URL, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let opened = await open(folder, arguments, environment) else { return .usage }
        var (collection, service) = (opened.0, opened.1)
        do throws(CollectionStore.Failure) {
            for item in collection.ordered {
                let (request, added) = CollectionDrift.synced(item.request, service: service)
                guard !added.isEmpty else { continue }
                try CollectionStore.save(request, at: item.path, in: &collection)
                for addition in added { environment.stdout.write("\(TextStyle.safe(item.path)): added \(TextStyle.safe(addition))\n") }
            }
            collection.manifest.anchor(to: service)
            try CollectionStore.saveManifest(collection)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
            return .usage
        }
        let remaining = CollectionDrift.check(collection, service: service)
        report(remaining, collection: collection, service: service, environment, afterSync: true)
        if !collection.problems.isEmpty { return .usage }
        return remaining.isEmpty ? .success : .failure
    }

    /// A collection's folder read (only its settings: the manifest and environments, when asked), or
    /// nil after saying why not.
    static func read(_ folder: URL, settingsOnly: Bool = false, _ environment: CLIEnvironment) -> Collection? {
        do throws(CollectionStore.Failure) {
            return try settingsOnly ? CollectionStore.openSettings(folder) : CollectionStore.open(folder)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
            return nil
        }
    }

    /// The collection and its description, with every file that does not read reported (and skipped).
    private static func open(_ folder: URL, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> (Collection, DescriptionService)? {
        guard let collection = read(folder, environment) else { return nil }
        for problem in collection.problems {
            environment.stderr.write("specter: \(TextStyle.safe(folder.path))/\(TextStyle.safe(problem.description)) (skipped)\n")
        }
        if !collection.otherFiles.isEmpty {
            environment.stderr.write("specter: not saved requests (no operation), left alone: "
                + collection.otherFiles.map(TextStyle.safe).joined(separator: ", ") + "\n")
        }
        guard case .success(let service) = await SpecOptions.service(of: collection, arguments, environment) else { return nil }
        return (collection, service)
    }

    private static func report(_ findings: [CollectionDrift.Finding], collection: Collection, service: DescriptionService, _ environment: CLIEnvironment, afterSync: Bool = false) {
        let style = TextStyle(enabled: environment.usesColor)
        let count = collection.items.count
        let requests = "\(count) saved request\(count == 1 ? "" : "s")"
        guard !findings.isEmpty else {
            let fit = "\(requests) \(count == 1 ? "fits" : "fit") \(TextStyle.safe(service.document.info.title)) \(TextStyle.safe(service.document.info.version))"
            // A file that did not read was not checked: no ✓ over it.
            let unread = collection.problems.count
            environment.stdout.write(unread == 0 ? style.apply(.success, "✓") + " " + fit + "\n"
                : style.apply(.error, "✗") + " " + fit + ", but \(unread) file\(unread == 1 ? "" : "s") did not read (above)\n")
            if !afterSync, collection.manifest.syncedFingerprint != service.fingerprint {
                environment.stdout.write(style.apply(.dim, "The description changed since the last sync (\(TextStyle.safe(collection.manifest.syncedVersion ?? "unknown version")))"
                    + "; specter collection sync \(TextStyle.safe(collection.root.path)) re-anchors it.") + "\n")
            }
            return
        }
        for finding in findings {
            environment.stdout.write(style.apply(.error, "✗") + " " + TextStyle.safe(finding.description) + "\n")
        }
        let syncCanAdd = collection.items.contains { !CollectionDrift.synced($0.request, service: service).added.isEmpty }
        let sentence = afterSync ? "still need a person (sync changes no value you set)"
            : syncCanAdd ? "found; specter collection sync \(TextStyle.safe(collection.root.path)) adds what is newly required"
            : "found; sync adds nothing here (it changes no value you set): edit the saved requests"
        environment.stdout.write("\(findings.count) difference\(findings.count == 1 ? "" : "s") between \(requests) and \(TextStyle.safe(service.document.info.title)) "
            + "\(TextStyle.safe(service.document.info.version)) \(sentence)\n")
    }

    /// A local description is stored relative to the collection, so the folder can move with its repository.
    static func storedLocation(of spec: String, from folder: URL, _ environment: CLIEnvironment) -> String {
        guard !spec.contains("://") else { return spec }
        let file = URL(fileURLWithPath: spec, relativeTo: environment.workingDirectory).standardizedFileURL
        return CollectionManifest.location(of: file, from: folder)
    }

    private struct Row {
        var item: Collection.Item
        var operation: APIOperation?

        var json: JSONValue {
            [
                "file": .string(item.path), "name": .string(item.request.name),
                "method": operation.map { .string($0.method) } ?? .null, "path": operation.map { .string($0.path) } ?? .null,
                "operation": .string(item.request.draft.operation.description),
            ]
        }
    }

    private static func text(_ rows: [Row], collection: Collection, style: TextStyle) -> String {
        var output = ""
        var folder: String?
        let pathWidth = min(40, rows.map { DisplayWidth.of(TextStyle.safe($0.operation?.path ?? "")) }.max() ?? 0)
        let nameWidth = min(40, rows.map { DisplayWidth.of(TextStyle.safe($0.item.request.name)) }.max() ?? 0)
        for row in rows {
            let rowFolder = Collection.folder(of: row.item.path)
            if rowFolder != folder {
                folder = rowFolder
                output += style.apply(.heading, rowFolder.isEmpty ? "./" : TextStyle.safe(rowFolder) + "/") + "\n"
            }
            guard let operation = row.operation else {
                output += "  " + style.apply(.error, DisplayWidth.pad("?", to: 7)) + " " + TextStyle.safe(row.item.request.name)
                    + style.apply(.dim, "  \(TextStyle.safe(row.item.path)) · \(TextStyle.safe(row.item.request.draft.operation.description)) is not in the description") + "\n"
                continue
            }
            output += "  " + style.apply(.method(operation.method), DisplayWidth.pad(operation.method, to: 7)) + " "
                + DisplayWidth.pad(TextStyle.safe(operation.path), to: pathWidth) + "  " + DisplayWidth.pad(TextStyle.safe(row.item.request.name), to: nameWidth)
                + style.apply(.dim, "  " + TextStyle.safe(row.item.path)) + "\n"
        }
        if rows.isEmpty { output += style.apply(.dim, "No saved requests yet in \(TextStyle.safe(collection.root.path)).") + "\n" }
        return output
    }
}
