import Foundation
import SpecterApp
import SpecterCurses
import SpecterRequest
import SpecterSpec

/// `specter [explore] [SPEC_OR_URL]`: the interactive explorer; with no argument, the built-in demo.
enum ExploreCommand {
    static let spec = CommandSpec(
        name: "explore", summary: "Open the interactive explorer (also: specter SPEC_OR_URL; specter alone opens the demo).",
        arguments: "[SPEC_OR_URL]",
        options: EnvironmentOptions.options("Start in this environment of the --environments file (F2 picks another).") + SpecOptions.options,
        discussion: """
            Browse the endpoints, read their documentation, fill validated forms, send requests and read the responses.
            A bare server URL (http://127.0.0.1:8000) finds its description at the usual places. Press ? in the explorer
            for the keys. Exit status: 0, or 2 when the description could not be loaded or there is no terminal.
            """,
        positionalCount: 0...1)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let source: ExplorerSource
        if let argument = arguments.positionals.first {
            let url = SpecLoader.url(for: argument, relativeTo: environment.workingDirectory)
            source = .argument(url.isFileURL ? url.path : argument,
                               LoadOptions(referencePolicy: ReferencePolicy(allowExternal: arguments.flag("--allow-external-refs"))))
        } else {
            source = .demo
        }
        guard let (environments, initial) = EnvironmentOptions.read(arguments, environment) else { return .usage }
        return await explore(source, environments: environments, initial: initial, environment)
    }

    @MainActor
    private static func explore(_ source: ExplorerSource, environments: [RequestEnvironment], initial: String?, _ environment: CLIEnvironment) async -> ExitStatus {
        let terminal: CursesTerminal
        do throws(TerminalError) {
            terminal = try CursesTerminal(environment: environment.variables)
        } catch {
            environment.stderr.write("specter: \(error.description)\n")
            return .usage
        }
        let runner = AppRunner(terminal: terminal, source: source, client: environment.httpClient, environment: environment.variables,
                               workingDirectory: environment.workingDirectory, environments: environments, initialEnvironment: initial)
        let status = await runner.run()
        return ExitStatus(rawValue: status) ?? .failure
    }
}
