import Foundation

/// `specter-bench`: release-mode benchmarks that compare Specter with a baseline measured in the same run.
/// Build and run with `swift run -c release specter-bench <benchmark> …`.
@main
struct Bench {
    static let usage = """
        usage: specter-bench load FILE [RUNS]           full load vs Foundation's JSON parse or libyaml's bare scan
               specter-bench profile FILE [RUNS]        only Specter's full load, repeated (run it under perf)
               specter-bench validate [SPEC] [SCHEMA] [COUNT]
                                                        instances per second vs Python jsonschema on the same data
               specter-bench form [FIELDS]              one keystroke's re-validation in a form of FIELDS fields
               specter-bench requests [COUNT]           sequential GETs to the FastAPI test app vs requests.Session and curl
               specter-bench terminal [RUNS]            full render, bytes per selection move, fuzzy filtering of 50 000 strings
               specter-bench explorer FILE [RUNS]       the explorer's first frame and filter keystrokes on a document
               specter-bench bodies [MB] [RUNS]         large and bomb bodies: time and peak memory of call, curl and the explorer
               specter-bench collection FILE [RUNS]     a collection of one saved request per operation: open, save, memory
               specter-bench saves DIR FILE COUNT       save one saved request COUNT times (the kill test's victim)
               specter-bench replay [COUNT] [ROUNDS]    replay vs requests.Session, Tavern and curl; --jobs 8 vs wrk
               specter-bench reload FILE [RUNS]         a --watch reload with 200 typed values vs a fresh load
               specter-bench inflate FILE.gz [RUNS]     the own gzip decoder's speed vs gzip -dc
               specter-bench stream-keys [KEYS]         keystrokes in the explorer during an endless event stream
        """

    @MainActor static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "load", "profile": await LoadBenchmark.run(arguments)
        case "validate": await ValidationBenchmark.run(Array(arguments.dropFirst()))
        case "form": await FormBenchmark.run(Array(arguments.dropFirst()))
        case "requests": await RequestBenchmark.run(Array(arguments.dropFirst()))
        case "terminal": await TerminalBenchmark.run(Array(arguments.dropFirst()))
        case "explorer": await ExplorerBenchmark.run(Array(arguments.dropFirst()))
        case "bodies": await BodyBenchmark.run(Array(arguments.dropFirst()))
        case "explorer-body": await BodyBenchmark.explorerChild(Array(arguments.dropFirst()))
        case "collection": await CollectionBenchmark.run(Array(arguments.dropFirst()))
        case "collection-child": await CollectionBenchmark.child(Array(arguments.dropFirst()))
        case "saves": CollectionBenchmark.saves(Array(arguments.dropFirst()))
        case "replay": await ReplayBenchmark.run(Array(arguments.dropFirst()))
        case "reload": await ReloadBenchmark.run(Array(arguments.dropFirst()))
        case "inflate": InflateBenchmark.run(Array(arguments.dropFirst()))
        case "stream-keys": await StreamBenchmark.run(Array(arguments.dropFirst()))
        case "stream-keys-child": await StreamBenchmark.child(Array(arguments.dropFirst()))
        default:
            print(usage)
            exit(2)
        }
    }
}
