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
        let loader = SpecLoader(
            client: environment.httpClient,
            options: LoadOptions(referencePolicy: ReferencePolicy(allowExternal: arguments.flag("--allow-external-refs"))))
        let url = SpecLoader.url(for: argument, relativeTo: environment.workingDirectory)
        do {
            let document = try await loader.load(url: url, displayName: url.isFileURL ? argument : url.absoluteString)
            report(document.warnings, of: document, all: arguments.flag("--warnings"), environment)
            return document
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(error.description))\n")
            return nil
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
