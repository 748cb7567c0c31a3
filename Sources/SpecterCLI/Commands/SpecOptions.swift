import SpecterHTTP
import SpecterRequest
import SpecterSpec

/// Options every command that reads a description shares, and the loading they control.
enum SpecOptions {
    static let options: [OptionSpec] = [
        .flag("--allow-external-refs", "Let $refs leave the document's git work tree (or its folder, outside one) or its origin."),
        .flag("--warnings", "List every warning about the document (by default only their count)."),
    ]

    /// Loads the description and makes its service (compiled schemas shared by everything the command does).
    static func service(_ argument: String, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> DescriptionService? {
        await load(argument, arguments, environment).map(DescriptionService.init)
    }

    /// Loads the description, reporting problems on stderr; `nil` after reporting a load error.
    static func load(_ argument: String, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> APIDocument? {
        try? await loaded(argument, arguments, environment).get()
    }

    /// A collection's description and service, or the exit status its failure calls for after reporting
    /// it. `http`: how long a fetch may take (the command's own request timeouts), when not the default.
    static func service(of collection: Collection, _ arguments: ParsedArguments, _ environment: CLIEnvironment,
                        http: HTTPOptions? = nil) async -> Result<DescriptionService, ReportedFailure> {
        let manifest = collection.root.appendingPathComponent(CollectionStore.manifestName).path
        return await serviceOrFailure(collection.specLocation, arguments, environment, namedIn: manifest, http: http)
    }

    /// The description's service, or the exit status its failure calls for after reporting it: 3 when
    /// the server it is fetched from cannot be reached (the API is most often down with it), else 2.
    static func serviceOrFailure(_ argument: String, _ arguments: ParsedArguments, _ environment: CLIEnvironment, namedIn manifest: String? = nil,
                                 http: HTTPOptions? = nil) async -> Result<DescriptionService, ReportedFailure> {
        switch await loaded(argument, arguments, environment, namedIn: manifest, http: http) {
        case .success(let document): return .success(DescriptionService(document: document))
        case .failure(let error): return .failure(ReportedFailure(status: error.kind == .unreachable ? .transport : .usage))
        }
    }

    /// The description as loaded, or its error after reporting it (naming the file whose `spec:` led there).
    private static func loaded(_ argument: String, _ arguments: ParsedArguments, _ environment: CLIEnvironment, namedIn manifest: String? = nil,
                               http: HTTPOptions? = nil) async -> Result<APIDocument, SpecError> {
        var options = LoadOptions(referencePolicy: ReferencePolicy(allowExternal: arguments.flag("--allow-external-refs")))
        if let http {
            options.http.totalTimeout = http.totalTimeout
            options.http.idleTimeout = min(options.http.idleTimeout, http.totalTimeout)
        }
        let loader = SpecLoader(client: environment.httpClient, options: options)
        let url = SpecLoader.url(for: argument, relativeTo: environment.workingDirectory)
        do {
            let document = try await loader.load(url: url, displayName: url.isFileURL ? argument : url.absoluteString)
            report(document.warnings, of: document, all: arguments.flag("--warnings"), environment)
            return .success(document)
        } catch {
            let origin = manifest.map { " (the description named by spec: in \($0))" } ?? ""
            environment.stderr.write("specter: \(TextStyle.safe(error.description + origin))\n")
            return .failure(error)
        }
    }

    /// Errors are always listed (up to 20); warnings are counted unless `--warnings` asks for them.
    private static func report(_ diagnostics: [SpecDiagnostic], of document: APIDocument, all: Bool, _ environment: CLIEnvironment) {
        let errors = diagnostics.filter { $0.severity == .error }
        let warnings = diagnostics.filter { $0.severity == .warning }
        for diagnostic in (all ? errors : Array(errors.prefix(20))) + (all ? warnings : []) {
            environment.stderr.write("specter: \(TextStyle.safe(document.describe(diagnostic)))\n")
        }
        if !all && errors.count > 20 { environment.stderr.write("specter: … and \(errors.count - 20) more errors (--warnings lists all)\n") }
        if !all && !warnings.isEmpty {
            environment.stderr.write("specter: \(warnings.count) warning\(warnings.count == 1 ? "" : "s") about the document (--warnings lists them)\n")
        }
    }
}
