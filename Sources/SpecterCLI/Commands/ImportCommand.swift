import Foundation
import SpecterInterchange
import SpecterRequest
import SpecterSpec
import SpecterText

/// `specter import FORMAT SOURCE… --into DIR`: requests other tools wrote become saved requests of
/// a collection, each matched to the operation it calls; the report says what could not be carried over.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "import", summary: "Import curl, .http, Postman, HAR or Hurl requests into a collection.",
        arguments: "curl|http|postman|har|hurl SOURCE...",
        options: [
            .value("--into", "DIR", "The collection to add to, or a folder inside one (a new collection is made where there is none; then --spec is needed)."),
            .value("--spec", "SPEC_OR_URL", "The description the requests are matched to (default: the collection's)."),
            .value("--env-file", "FILE", "Environments or variables to import too: http-client(.private).env.json, VS Code settings.json, "
                + "a Postman environment or globals file (repeatable; .http files' own env files beside them are read anyway)."),
            .flag("--include-assets", "har: keep requests for images, scripts, styles and fonts too."),
            .flag("--save-secrets", "Store the secrets met (tokens, passwords) in your own secrets file; otherwise only their names are listed."),
            .flag("--dry-run", "Show what would be imported; write nothing."),
        ] + SpecOptions.options,
        discussion: """
            SOURCE is a file, - for standard input, or for curl the command line itself ('curl -X POST …').
            Each request is matched to an operation (method, then path template, server prefixes taken off) and
            saved as a draft of it: path values become path parameters, query and headers go to the parameters that
            describe them, credentials to the security schemes they fit. Secrets are never written into the
            collection: a literal token becomes a secret:NAME reference (see --save-secrets). A request matching no
            operation is kept as written. Exit 0 imported, 2 a source or the description could not be read.
            See docs/interchange.md.
            """,
        positionalCount: 2...Int.max)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let formatName = arguments.positionals[0]
        guard let format = InterchangeFormat(rawValue: formatName) else {
            environment.stderr.write("specter: unknown format \(TextStyle.safe(formatName)): use curl, http, postman, har or hurl"
                + Suggestion.phrase(for: formatName, among: InterchangeFormat.allCases.map(\.rawValue)) + "\n")
            return .usage
        }
        guard let into = arguments.value("--into") else {
            environment.stderr.write("specter: import needs --into DIR: the collection the requests go to\n")
            return .usage
        }
        var folder = URL(fileURLWithPath: into, relativeTo: environment.workingDirectory).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            environment.stderr.write("specter: --into \(TextStyle.safe(into)) is a file: give a collection's folder, or a folder inside one\n")
            return .usage
        }
        // A folder inside a collection is a place in it: the requests go there, into that collection.
        var subfolder = ""
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent(CollectionStore.manifestName).path),
           let root = CollectionStore.root(containing: folder.appendingPathComponent(CollectionStore.manifestName)) {
            subfolder = String(folder.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            folder = root
            let parts = subfolder.split(separator: "/")
            guard parts.first.map(String.init) != CollectionStore.environmentsFolder, !parts.contains(where: { $0.hasPrefix(".") }) else {
                environment.stderr.write("specter: --into \(TextStyle.safe(into)) is where the collection keeps "
                    + (parts.first.map(String.init) == CollectionStore.environmentsFolder ? "its environments" : "hidden files") + ", not saved requests: give another folder\n")
                return .usage
            }
        }
        var existing: Collection?
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(CollectionStore.manifestName).path) {
            guard let collection = CollectionCommand.read(folder, environment) else { return .usage }
            existing = collection
        }
        guard let spec = arguments.value("--spec") ?? existing?.specLocation else {
            environment.stderr.write("specter: \(TextStyle.safe(into)) is not a collection yet: give --spec SPEC_OR_URL, the description its requests are matched to\n")
            return .usage
        }
        if let existing, let given = arguments.value("--spec"), CollectionCommand.storedLocation(of: given, from: folder, environment) != existing.manifest.spec {
            environment.stderr.write("specter: \(TextStyle.safe(into)) belongs to \(TextStyle.safe(existing.manifest.spec)); leave out --spec to import against it, or import into another folder\n")
            return .usage
        }
        let saving = arguments.flag("--save-secrets")
        // The secrets file as it is, so no imported secret takes a name another collection's holds.
        var stored: [String: String] = [:]
        do throws(SecretsFile.Problem) {
            stored = try SecretsFile(environment: environment.variables).load()
        } catch {
            guard !saving else {
                environment.stderr.write("specter: \(TextStyle.safe(error.description)); nothing was imported\n")
                return .usage
            }
        }
        guard let sources = ImportSources.read(Array(arguments.positionals.dropFirst()), format: format, envFiles: arguments.all("--env-file"), environment) else {
            return .usage
        }
        guard let service = await SpecOptions.service(spec, arguments, environment) else { return .usage }
        let options = ImportOptions(includesAssets: arguments.flag("--include-assets"))
        var foreign = ForeignCollection()
        let cwd = environment.workingDirectory
        for source in sources {
            do throws(InterchangeReadError) {
                let read = try format.read(source.source, companions: source.companions, options: options) { path in try ImportSources.readFile(path, from: cwd) }
                foreign.requests += read.requests
                foreign.variables += read.variables
                foreign.environments += read.environments
                foreign.notes += read.notes
            } catch {
                environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
                return .usage
            }
        }
        let variables = existing?.manifest.variables ?? [:]
        let files = ImportSources.files(sources, collection: folder)
        func importing(reserving names: some Sequence<String>) -> CollectionImport {
            CollectionImport(foreign, document: service.document, into: ImportTarget(variables: Set(names), server: existing?.manifest.server, storedSecrets: stored,
                                                                                     namesOperationsByRoute: existing?.namesOperationsByRoute(in: service) ?? false),
                             files: files)
        }
        // Importing the same file again (to add --save-secrets) fills the secrets an earlier import named
        // (`password: secret:password`) instead of taking new names beside them; anything new keeps clear of them.
        var imported = importing(reserving: variables.filter { $0.value != "secret:" + $0.key }.keys)
        if let existing, !imported.requests.allSatisfy({ ImportWriter.holds($0.request, in: existing, service: service) }) {
            imported = importing(reserving: variables.keys)
        }
        if !subfolder.isEmpty {
            for index in imported.requests.indices { imported.requests[index].path = subfolder + "/" + imported.requests[index].path }
        }
        let report = ImportReport(imported: imported, folder: folder, environment: environment)
        if arguments.flag("--dry-run") {
            let preview = ImportWriter.preview(imported, existing: existing, service: service)
            environment.stdout.write(report.text(written: preview, dryRun: true, style: TextStyle(enabled: environment.usesColor)))
            return .success
        }
        // Secrets first: when they cannot be stored, nothing is written.
        if saving {
            guard saveSecrets(imported.secrets, environment) else { return .usage }
        }
        let written: ImportWriter.Written
        do throws(CollectionStore.Failure) {
            written = try ImportWriter.write(imported, into: folder, existing: existing, spec: existing == nil ? CollectionCommand.storedLocation(of: spec, from: folder, environment) : nil,
                                             service: service)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
            return .usage
        }
        environment.stdout.write(report.text(written: written, style: TextStyle(enabled: environment.usesColor), savedSecrets: saving))
        return .success
    }

    /// Stores the secrets met in the user's secrets file (never in the collection); names it already
    /// holds were chosen to hold these same values, and those whose value the source did not give are left to the user.
    private static func saveSecrets(_ secrets: [NeededSecret], _ environment: CLIEnvironment) -> Bool {
        let values = Dictionary(secrets.filter { !$0.isStored && !$0.value.isEmpty }.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard !values.isEmpty else { return true }
        do throws(SecretsFile.Problem) {
            try SecretsFile(environment: environment.variables).store(values)
            return true
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description)); nothing was imported\n")
            return false
        }
    }
}
