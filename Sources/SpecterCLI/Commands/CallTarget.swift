import Foundation
import SpecterRequest
import SpecterSpec

/// What `call` sends: an operation of a description (`SPEC OPERATION`), or a request saved in a
/// collection (`path/to/request.yaml`), which brings its description, server and variables along.
struct CallTarget {
    /// The description's location, as the explorer's history names it too.
    var source: String
    var service: DescriptionService
    var operation: APIOperation
    /// The saved request's draft, which the options then change.
    var saved: RequestDraft?
    /// The collection's default server and variables.
    var server: String?
    var variables: [String: String] = [:]
    /// The collection's environments (`--env` picks one; `--environments FILE` replaces them).
    var environments: [RequestEnvironment] = []
    /// Where the files a body sends are found: a saved request's collection folder (as replay finds
    /// them, from wherever `call` runs); the working directory otherwise.
    var filesFolder: URL?

    /// What `call` sends, or the exit status after saying why it cannot (3 when the description's server cannot be reached).
    static func resolve(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> Result<CallTarget, ReportedFailure> {
        if arguments.positionals.count == 2 {
            let service: DescriptionService
            switch await SpecOptions.serviceOrFailure(arguments.positionals[0], arguments, environment) {
            case .success(let loaded): service = loaded
            case .failure(let failure): return .failure(failure)
            }
            guard let operation = OperationLookup.find(arguments.positionals[1], in: service.document, environment) else { return .failure(.usage) }
            return .success(CallTarget(source: StateFolder.source(of: arguments.positionals[0], workingDirectory: environment.workingDirectory), service: service, operation: operation))
        }
        return await savedRequest(arguments.positionals[0], arguments, environment)
    }

    /// A saved request: its collection is the nearest folder above it with a `collection.yaml`.
    private static func savedRequest(_ path: String, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> Result<CallTarget, ReportedFailure> {
        let file = URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).standardizedFileURL
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"), FileManager.default.fileExists(atPath: file.path) else {
            environment.stderr.write("specter: 'specter call' takes SPEC_OR_URL OPERATION, or a saved request's .yaml file; \(TextStyle.safe(path)) is neither\n")
            return .failure(.usage)
        }
        guard let folder = CollectionStore.root(containing: file) else {
            environment.stderr.write("specter: \(TextStyle.safe(path)) is not inside a collection (no \(CollectionStore.manifestName) in a folder above it)\n")
            return .failure(.usage)
        }
        guard let collection = CollectionCommand.read(folder, environment) else { return .failure(.usage) }
        let relative = String(file.path.dropFirst(folder.standardizedFileURL.path.count + 1))
        guard let item = collection.item(at: relative) else {
            let problem = collection.problems.first { $0.file == relative }
            environment.stderr.write("specter: \(TextStyle.safe(problem.map { (collection.root.path + "/") + $0.description } ?? "\(path) is not a saved request"))\n")
            return .failure(.usage)
        }
        let service: DescriptionService
        switch await SpecOptions.service(of: collection, arguments, environment) {
        case .success(let loaded): service = loaded
        case .failure(let failure): return .failure(failure)
        }
        guard let operation = service.operation(item.request.draft.operation) else {
            environment.stderr.write("specter: \(TextStyle.safe(relative)): the description has no operation \(TextStyle.safe(item.request.draft.operation.description)) any more "
                + "(specter collection check \(TextStyle.safe(folder.path)) lists what changed)\n")
            return .failure(.usage)
        }
        return .success(CallTarget(source: collection.specLocation, service: service, operation: operation, saved: item.request.draft, server: collection.manifest.server,
                          variables: collection.manifest.variables, environments: collection.environments, filesFolder: collection.root))
    }

    /// The environment `--env` names: from `--environments FILE` when given, else the collection's.
    /// `.some(nil)` when none is chosen; `nil` after reporting a problem.
    func environment(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> RequestEnvironment?? {
        guard let (environments, chosen) = EnvironmentOptions.read(arguments, environment, collection: self.environments) else { return nil }
        return .some(environments.first { $0.name == chosen })
    }
}
