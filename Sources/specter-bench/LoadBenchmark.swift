import CYAML
import Foundation
import SpecterJSON
import SpecterSpec
import SpecterYAML

/// `load FILE`: Foundation's bare JSON parse (JSON) or libyaml's bare event scan (YAML) against Specter's
/// full load (parse + resolve + normalise + endpoint index), with the memory a load adds to the peak.
enum LoadBenchmark {
    @MainActor static func run(_ arguments: [String]) async {
        guard arguments.count >= 2 else {
            print(Bench.usage)
            exit(2)
        }
        let path = arguments[1]
        let runs = arguments.count > 2 ? Int(arguments[2]) ?? 11 : 11
        guard let data = FileManager.default.contents(atPath: path) else {
            print("cannot read \(path)")
            exit(2)
        }
        let bytes = Array(data)
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        if arguments[0] == "profile" {
            let time = await Timing.median(runs) { try! await SpecLoader().load(bytes: bytes, url: url, displayName: path) }
            print(Timing.row("Specter full load", time))
            return
        }
        print("file: \(path) (\(String(format: "%.2f", Double(bytes.count) / 1_000_000)) MB), \(runs) runs each, medians")
        let baseline = Timing.peakResidentBytes()
        let first = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
        let added = Timing.peakResidentBytes() - baseline
        _ = consume first
        var operations = 0
        // Specter's load and the baseline alternate run by run, so a busy moment on the machine weighs on both.
        let baselineLabel = isYAML ? "libyaml bare event scan" : "Foundation JSONSerialization"
        let (full, floor) = await Timing.interleavedMedians(runs, {
            let document = try! await SpecLoader().load(bytes: bytes, url: url, displayName: path)
            let index = EndpointIndex(document)
            operations = index.entries.count
            return (document, index)
        }, {
            if isYAML {
                libyamlScan(bytes)
            } else {
                _ = try! JSONSerialization.jsonObject(with: data)
            }
        })
        print(Timing.row("Specter full load", full) + "  (\(operations) operations)")
        print("peak memory added by a load: \(String(format: "%.1f", Double(added) / 1_000_000)) MB = "
            + "\(String(format: "%.2f", Double(added) / Double(bytes.count)))x the file size (goal ≤ 4x)")
        let parseOnly = await Timing.median(runs) { isYAML ? try! YAMLLoader().load(bytes) : try! JSONParser.parse(bytes) }
        print(Timing.row("  of which parsing", parseOnly))
        print(Timing.row(baselineLabel, floor))
        let goal = isYAML ? 1.5 : 0.5
        print("ratio full load / \(isYAML ? "libyaml scan" : "JSONSerialization"): \(String(format: "%.2f", full / floor))x (goal ≤ \(goal)x)")
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
}
