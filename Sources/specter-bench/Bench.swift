import CYAML
import Foundation
import SpecterJSON
import SpecterSpec
import SpecterYAML

/// `specter-bench load FILE`: times, in one run, Foundation's bare JSON parse, libyaml's bare event
/// scan (YAML files), and Specter's full load (parse + resolve + normalise + endpoint index), and
/// prints the medians, the ratios, and the memory the full load adds to the process's peak.
/// Build in release mode: `swift run -c release specter-bench load big.json`.
@main
struct Bench {
    @MainActor static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2, arguments[0] == "load" || arguments[0] == "profile" else {
            print("usage: specter-bench load FILE [RUNS]     compare Specter's full load with the bare parsers")
            print("       specter-bench profile FILE [RUNS]  only Specter's full load, repeated (run it under perf)")
            exit(2)
        }
        let path = arguments[1]
        let runs = arguments.count > 2 ? Int(arguments[2]) ?? 7 : 7
        guard let data = FileManager.default.contents(atPath: path) else {
            print("cannot read \(path)")
            exit(2)
        }
        let bytes = Array(data)
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        if arguments[0] == "profile" {
            let time = await median(runs) { try! await SpecLoader().load(bytes: bytes, url: url, displayName: path) }
            print(row("Specter full load", time))
            return
        }
        print("file: \(path) (\(String(format: "%.2f", Double(bytes.count) / 1_000_000)) MB), \(runs) runs each, medians")

        let baseline = peakResidentBytes()
        let first = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        let added = peakResidentBytes() - baseline
        _ = consume first
        var operations = 0
        let full = await median(runs) {
            let document = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
            let index = EndpointIndex(document)
            operations = index.entries.count
            return (document, index)
        }
        print(row("Specter full load", full) + "  (\(operations) operations)")
        print("peak memory added by a load: \(String(format: "%.1f", Double(added) / 1_000_000)) MB = \(String(format: "%.2f", Double(added) / Double(bytes.count)))x the file size (goal ≤ 4x)")

        let parseOnly = await median(runs) { isYAML ? try! YAMLLoader().load(bytes) : try! JSONParser.parse(bytes) }
        print(row("  of which parsing", parseOnly))
        if isYAML {
            let scan = await median(runs) { libyamlScan(bytes) }
            print(row("libyaml bare event scan", scan))
            print("ratio full load / libyaml scan: \(String(format: "%.2f", full / scan))x (goal ≤ 1.5x)")
        } else {
            let foundation = await median(runs) { _ = try! JSONSerialization.jsonObject(with: data) }
            print(row("Foundation JSONSerialization", foundation))
            print("ratio full load / JSONSerialization: \(String(format: "%.2f", full / foundation))x (goal ≤ 0.5x)")
        }
    }

    static func row(_ label: String, _ milliseconds: Double) -> String {
        label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", milliseconds)
    }

    /// The median time of `body`; what it returns is released only after its clock stops,
    /// so freeing the result is not counted as loading it.
    @MainActor static func median<Result>(_ runs: Int, _ body: @MainActor () async -> Result) async -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let result = await body()
            let elapsed = ContinuousClock.now - start
            withExtendedLifetime(result) {}
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return times.sorted()[times.count / 2]
    }

    /// Parses every event and does nothing with it: the floor for any YAML loader built on libyaml.
    static func libyamlScan(_ bytes: [UInt8]) {
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
