import Foundation
import SpecterApp
import SpecterCurses
import SpecterRequest
import SpecterSpec

/// `specter [explore] [SPEC_OR_URL]`: the interactive explorer; with no argument, the built-in demo.
enum ExploreCommand {
    static let spec = CommandSpec(
        name: "explore", summary: "Open the interactive explorer (also: specter SPEC_OR_URL; specter alone opens the demo).",
        arguments: "[SPEC_OR_URL | COLLECTION_DIR]",
        options: [.value("--collection", "DIR", "Open this collection of saved requests with the description (F4 shows it, Ctrl-S saves into it)."),
                  .flag("--watch", "Reload the description when it changes (its files, or its URL asked every few seconds), keeping what you typed."),
                  .value("--watch-interval", "SECONDS", "How often --watch asks a URL whether the description changed (default 2).")]
            + EnvironmentOptions.options("Start in this environment (the collection's, or the --environments file's; F2 picks another).") + SpecOptions.options,
        discussion: """
            Browse the endpoints, read their documentation, fill validated forms, send requests and read the responses.
            A bare server URL (http://127.0.0.1:8000) finds its description at the usual places. A collection's folder
            opens the collection and the description its collection.yaml names. Press ? in the explorer
            for the keys. Exit status: 0, or 2 when the description could not be loaded or there is no terminal.
            """,
        positionalCount: 0...1)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        var collection: Collection?
        var argument = arguments.positionals.first
        // `specter DIR` opens a collection and the description its collection.yaml names. Its
        // manifest and environments are read here; its saved requests while the description loads.
        if let folder = arguments.value("--collection") ?? argument.flatMap({ isCollection($0, environment) ? $0 : nil }) {
            let root = URL(fileURLWithPath: folder, relativeTo: environment.workingDirectory).standardizedFileURL
            guard let opened = CollectionCommand.read(root, settingsOnly: true, environment) else { return .usage }
            collection = opened
            if arguments.value("--collection") == nil || argument == nil { argument = opened.specLocation }
        }
        let source: ExplorerSource
        if let argument {
            let url = SpecLoader.url(for: argument, relativeTo: environment.workingDirectory)
            source = .argument(url.isFileURL ? url.path : argument,
                               LoadOptions(referencePolicy: ReferencePolicy(allowExternal: arguments.flag("--allow-external-refs"))))
        } else {
            source = .demo
        }
        guard let (environments, initial) = EnvironmentOptions.read(arguments, environment, collection: collection?.environments ?? [],
                                                                    unreadable: collection?.problems.filter { $0.environmentName != nil }.map(\.file) ?? []) else { return .usage }
        guard let watch = watchSettings(arguments, environment) else { return .usage }
        if watch != nil, case .demo = source {
            environment.stderr.write("specter: --watch needs a description to watch: specter --watch FILE_OR_URL\n")
            return .usage
        }
        return await explore(source, environments: environments, initial: initial, collection: collection, watch: watch, environment)
    }

    /// `--watch` and its interval; nil (after saying why) when the interval is not a number of seconds.
    private static func watchSettings(_ arguments: ParsedArguments, _ environment: CLIEnvironment) -> WatchSettings?? {
        let text = arguments.value("--watch-interval")
        guard arguments.flag("--watch") else {
            if text != nil {
                environment.stderr.write("specter: --watch-interval goes with --watch\n")
                return nil
            }
            return .some(nil)
        }
        guard let text else { return .some(WatchSettings()) }
        guard let seconds = Double(text), seconds >= 0.1, seconds <= 3_600 else {
            environment.stderr.write("specter: --watch-interval takes a number of seconds from 0.1 to 3600, not \(TextStyle.safe(text))\n")
            return nil
        }
        return .some(WatchSettings(interval: .milliseconds(Int(seconds * 1_000))))
    }

    private static func isCollection(_ path: String, _ environment: CLIEnvironment) -> Bool {
        let folder = URL(fileURLWithPath: path, relativeTo: environment.workingDirectory)
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent(CollectionStore.manifestName).path)
    }

    @MainActor
    private static func explore(_ source: ExplorerSource, environments: [RequestEnvironment], initial: String?, collection: Collection?,
                                watch: WatchSettings?, _ environment: CLIEnvironment) async -> ExitStatus {
        let terminal: CursesTerminal
        do throws(TerminalError) {
            terminal = try CursesTerminal(environment: environment.variables)
        } catch {
            environment.stderr.write("specter: \(error.description)\n")
            return .usage
        }
        let runner = AppRunner(terminal: terminal, source: source, client: environment.httpClient, environment: environment.variables,
                               workingDirectory: environment.workingDirectory, environments: environments, initialEnvironment: initial,
                               collection: collection?.root, watch: watch)
        let status = await runner.run()
        return ExitStatus(rawValue: status) ?? .failure
    }
}
