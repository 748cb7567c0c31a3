import Foundation
import SpecterInterchange
import SpecterRequest
import SpecterText

/// `specter export PATH… --format curl|http|hurl|har`: saved requests written for other tools, variables
/// kept as variables where the format has them, secrets as references and never as values.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export", summary: "Export saved requests as curl, .http, Hurl or HAR.", arguments: "PATH...",
        options: [
            .value("--format", "FORMAT", "curl (a POSIX shell script), http (JetBrains/VS Code .http), hurl or har."),
            .value("--output", "FILE", "Write here instead of standard output (files a format needs beside it, such as http-client.env.json, go beside it)."),
            .value("--select", "GLOB", "Only requests whose file path or name matches (repeatable)."),
        ] + EnvironmentOptions.options("Export with this environment's server and variables.") + SpecOptions.options,
        discussion: """
            PATH is a collection, a folder in one, or a saved request's file. Each request is written as Specter
            would send it (parameters serialised, credentials placed as the description says) with {{variables}}
            kept: in .http and Hurl as their own variables, in curl as shell variables with the collection's values
            as defaults (a secret must be set in the environment: "${TOKEN:?…}"). Captures and asserts become Hurl's
            [Captures]/[Asserts] and .http response handlers where they map; what a format cannot hold is listed.
            See docs/interchange.md.
            """,
        positionalCount: 1...Int.max)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let name = arguments.value("--format") else {
            environment.stderr.write("specter: export needs --format: curl, http, hurl or har\n")
            return .usage
        }
        guard let format = InterchangeFormat(rawValue: name), InterchangeFormat.exportable.contains(format) else {
            environment.stderr.write("specter: unknown export format \(TextStyle.safe(name)): use curl, http, hurl or har"
                + Suggestion.phrase(for: name, among: InterchangeFormat.exportable.map(\.rawValue)) + "\n")
            return .usage
        }
        guard let targets = ReplayTarget.resolve(arguments.positionals, select: arguments.all("--select"), environment) else { return .usage }
        var requests: [ForeignRequest] = []
        var variables: [ForeignVariable] = []
        var exportedEnvironments: [ForeignEnvironment] = []
        var notes: [ImportNote] = []
        var unexported = 0
        for target in targets {
            guard EnvironmentOptions.brokenFilesAllow(target.collection, arguments, environment, otherwise: "it is left out of the export"),
                  let (environments, chosen) = EnvironmentOptions.read(arguments, environment, collection: target.collection.environments,
                                                                        unreadable: target.collection.problems.filter { $0.environmentName != nil }.map(\.file)) else { return .usage }
            guard case .success(let service) = await SpecOptions.service(of: target.collection, arguments, environment) else { return .usage }
            let runner = RequestRunner(client: environment.httpClient)
            let export = await CollectionExport(target.collection, items: target.items, service: service,
                                                environment: environments.first { $0.name == chosen }, runner: runner)
            requests += export.requests
            for variable in export.variables where !variables.contains(where: { $0.name == variable.name }) { variables.append(variable) }
            exportedEnvironments += export.environments.filter { environment in !exportedEnvironments.contains { $0.name == environment.name } }
            notes += export.notes
            unexported += export.unexported
        }
        // Files a body sends are named from where the export is read: its folder, or here for standard output.
        let output = arguments.value("--output")
        let base = output.map { URL(fileURLWithPath: $0, relativeTo: environment.workingDirectory).standardizedFileURL.deletingLastPathComponent() }
            ?? environment.workingDirectory
        requests = requests.map { $0.relocatingFiles { CollectionManifest.location(of: URL(fileURLWithPath: $0), from: base) } }
        let document = format.write(requests, variables: variables, environments: exportedEnvironments, version: Specter.version)
        for note in notes + document.notes { environment.stderr.write("specter: \(TextStyle.safe(note.description))\n") }
        // A request that could not be written is an error; the others are still written (none: nothing is).
        guard !requests.isEmpty || unexported == 0 else { return .usage }
        let status: ExitStatus = unexported == 0 ? .success : .failure
        guard let output else {
            environment.stdout.write(document.text)
            if !document.companions.isEmpty {
                environment.stderr.write("specter: \(document.companions.map(\.name).joined(separator: ", ")) not written: give --output FILE to write them beside it\n")
            }
            return status
        }
        let url = URL(fileURLWithPath: output, relativeTo: environment.workingDirectory).standardizedFileURL
        let files = [(url, document.text)] + document.companions.map { (url.deletingLastPathComponent().appendingPathComponent($0.name), $0.text) }
        for (file, text) in files {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(Array(text.utf8), to: file, permissions: format == .curl && file == url ? 0o755 : 0o644)
            } catch {
                environment.stderr.write("specter: cannot write \(TextStyle.safe(file.path)): \(TextStyle.safe(String(describing: error)))\n")
                return .usage
            }
            environment.stderr.write("Wrote \(TextStyle.safe(file.path))\n")
        }
        return status
    }
}
