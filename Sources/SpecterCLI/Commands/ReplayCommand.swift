import Foundation
import SpecterHTTP
import SpecterRequest

/// `specter replay`: runs saved requests headless (scripts, CI) with their captures and assertions,
/// each response checked against the description, and writes reports.
enum ReplayCommand {
    static let spec = CommandSpec(
        name: "replay", summary: "Run a collection's saved requests headless: chained captures, assertions, responses checked against the description, reports.",
        arguments: "PATH...",
        options: [
            .value("--var", "NAME=VALUE", "A value for {{NAME}} (repeatable); stronger than the environment's and the collection's."),
            .value("--jobs", "N", "Run up to N requests at once; requests linked by captured variables keep their order (default 1)."),
            .flag("--fail-fast", "Start nothing new after the first failure (the rest are reported as skipped)."),
            .value("--timeout", "SECONDS", "Deadline for each request, its checks included (default 30)."),
            .value("--retries", "N", "Try a failing request up to N more times (default 0)."),
            .value("--delay", "MS", "Wait this many milliseconds before each request (and each retry)."),
            .value("--repeat", "N", "Send each request N times and print its latency percentiles (p50, p90, p99, max)."),
            .value("--select", "GLOB", "Only the requests whose file path or name matches (repeatable): --select 'pets/*'."),
            .value("--report", "FORMAT[:FILE]", "Also write a report: json, junit, tap or text (repeatable); to FILE, to --output, else standard output."),
            .value("--output", "FILE", "Where the last --report without a file goes."),
            .flag("--record", "Keep each response beside its request (NAME.recorded.json), secrets masked."),
            .flag("--compare", "Report how each response differs from its recording (ignore: rules leave out volatile fields)."),
            .flag("--no-check", "Do not check responses against the description."),
            .flag("--strict-formats", "Count a value without its documented format as a mismatch, not a warning."),
            TerminalSignIn.saveTokenOption,
        ] + EnvironmentOptions.options("Use the collection's environments/NAME.yaml: its server, variables and credentials.") + SpecOptions.options,
        discussion: """
            PATH is a collection's folder, a folder inside one, or a saved request's file. Requests run in collection order:
            by folder, then order:, then name. Exit status: 0 all passed; 1 some failed; 2 usage, load or collection
            errors; 3 the server could not be reached at all; 130 interrupted (Ctrl-C), after the summary and reports.
            """,
        positionalCount: 1...Int.max)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let options = ReplayOptions.read(arguments, environment) else { return .usage }
        guard let targets = ReplayTarget.resolve(arguments.positionals, select: arguments.all("--select"), environment) else { return .usage }
        // A report that cannot be written is said before anything is sent, not after the run.
        var destinations: Set<String> = []
        for report in options.reports {
            guard let file = report.file else { continue }
            let url = destination(of: file, environment)
            if let problem = destinationProblem(url, alreadyTaken: !destinations.insert(url.path).inserted) {
                environment.stderr.write("specter: cannot write the \(report.format.rawValue) report to \(TextStyle.safe(file)): \(problem)\n")
                return .usage
            }
        }
        var prepared: [ReplayRun] = []
        for target in targets {
            switch await prepare(target, options: options, arguments, environment) {
            case .success(let run): prepared.append(run)
            case .failure(let failure): return failure.status
            }
        }
        let output = ReplayTextOutput(environment: environment, toStandardError: options.reports.contains { $0.file == nil && $0.format != .text })
        // Ctrl-C stops starting requests and cancels those in flight; the summary and reports still come.
        let work = Task { [prepared] in
            var runs: [ReplayRun] = []
            for var run in prepared {
                guard !Task.isCancelled else {
                    run.outcomes = run.runner.notRun(run.plan, reason: ReplayRunner.interrupted)
                    runs.append(run)
                    continue
                }
                runs.append(await run.execute(output: output))
            }
            return runs
        }
        let interruption = Interruption.watch(if: environment.catchesInterrupts, beforeExit: { output.writeFinishedLines() }) { work.cancel() }
        let runs = await work.value
        interruption?.stop()
        output.finish(runs)
        for report in options.reports where report.format != .text || report.file != nil {
            guard write(report, runs: runs, environment) else { return .usage }
        }
        if work.isCancelled { return .interrupted }
        let outcomes = runs.lazy.flatMap(\.outcomes)
        let attempted = outcomes.filter { if case .skipped = $0.verdict { return false } else { return true } }
        if !attempted.isEmpty, attempted.allSatisfy(\.wasUnreachable) { return .transport }
        return outcomes.contains { $0.verdict == .failed } ? .failure : .success
    }

    /// The plan and runner for one collection, or the exit status after reporting a problem (3 when the
    /// description's server cannot be reached).
    private static func prepare(_ target: ReplayTarget, options: ReplayOptions, _ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> Result<ReplayRun, ReportedFailure> {
        let collection = target.collection
        guard EnvironmentOptions.brokenFilesAllow(collection, arguments, environment, otherwise: "this run does not use that environment"),
              let (environments, chosen) = EnvironmentOptions.read(arguments, environment, collection: collection.environments,
                                                                        unreadable: collection.problems.filter { $0.environmentName != nil }.map(\.file)) else { return .failure(.usage) }
        let named = environments.first { $0.name == chosen }
        let service: DescriptionService
        switch await SpecOptions.service(of: collection, arguments, environment, http: options.http) {
        case .success(let loaded): service = loaded
        case .failure(let failure): return .failure(failure)
        }
        let plan: ReplayPlan
        do {
            plan = try ReplayPlan(items: target.items, collection: collection, environment: named, service: service)
        } catch {
            for problem in error.problems { environment.stderr.write("specter: \(TextStyle.safe(collection.root.path))/\(TextStyle.safe(problem.description))\n") }
            return .failure(.usage)
        }
        let slips = KeySlips.find(in: collection, items: target.items)
        for slip in slips { environment.stderr.write("specter: \(TextStyle.safe(collection.root.path))/\(TextStyle.safe(slip))\n") }
        guard slips.isEmpty else { return .failure(.usage) }
        var scope = VariableScope(files: [collection.manifest.variables, named?.variables ?? [:]], overrides: options.variables, environment: environment.variables)
        if plan.steps.contains(where: \.draft.usesSecrets) || scope.needsSecrets {
            do {
                scope.secrets = try SecretsFile(environment: environment.variables).load()
            } catch {
                environment.stderr.write("specter: \(TextStyle.safe(String(describing: error)))\n")
                return .failure(.usage)
            }
        }
        var requests = RequestRunner(client: environment.httpClient, options: options.http, signIn: TerminalSignIn.make(arguments, environment))
        requests.strictFormats = options.strictFormats
        let runner = ReplayRunner(requests: requests, service: service, scope: scope, workingDirectory: collection.root, settings: options.settings,
                                  recordings: ReplayRecordings(root: collection.root))
        return .success(ReplayRun(collection: collection, plan: plan, runner: runner, environmentName: named?.name))
    }

    /// The file a report named `file` is written to, links followed (a report file that is a link is
    /// written through it): what is checked is what is written, and two names of one file are one destination.
    private static func destination(of file: String, _ environment: CLIEnvironment) -> URL {
        let url = URL(fileURLWithPath: file, relativeTo: environment.workingDirectory).absoluteURL
        var resolved = url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent)
        // A link, even to a file not there yet, is followed (a few steps at most: links can loop).
        for _ in 0..<8 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: resolved.path) else { break }
            let next = URL(fileURLWithPath: target, relativeTo: resolved.deletingLastPathComponent()).absoluteURL
            resolved = next.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(next.lastPathComponent)
        }
        return resolved
    }

    /// Why a report cannot go to `url`, found before anything is sent.
    private static func destinationProblem(_ url: URL, alreadyTaken: Bool) -> String? {
        if alreadyTaken { return "another report goes to the same file" }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return "it is a folder" }
        let folder = url.deletingLastPathComponent()
        if (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) == nil || !FileManager.default.isWritableFile(atPath: folder.path) {
            return "its folder cannot be made or written to"
        }
        return nil
    }

    private static func write(_ report: ReplayOptions.Report, runs: [ReplayRun], _ environment: CLIEnvironment) -> Bool {
        let text = report.format.render(runs, environment: environment)
        guard let file = report.file else {
            environment.stdout.write(text)
            return true
        }
        let url = destination(of: file, environment)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Array(text.utf8), to: url)
            return true
        } catch {
            environment.stderr.write("specter: cannot write the \(report.format.rawValue) report to \(TextStyle.safe(file)): \(TextStyle.safe(String(describing: error)))\n")
            return false
        }
    }
}
