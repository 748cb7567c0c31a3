import Foundation
import SpecterHTTP

/// `inflate FILE.gz [RUNS]`: Specter's own gzip decoder on a file in memory (output counted, not
/// kept), beside `gzip -dc` (zlib's inflate) decoding the same file to /dev/null; MB/s of output.
enum InflateBenchmark {
    static func run(_ arguments: [String]) {
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            print("usage: specter-bench inflate FILE.gz [RUNS]")
            exit(2)
        }
        let runs = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
        let bytes = [UInt8](data)
        var output = 0
        var ours: [Double] = [], gzip: [Double] = []
        for _ in 0..<runs {
            output = 0
            let start = ContinuousClock.now
            do {
                try ContentDecoding.decode(bytes, contentEncoding: "gzip") { output += $0.count }
            } catch {
                print("cannot decode \(path): \(error)")
                exit(1)
            }
            ours.append((ContinuousClock.now - start).milliseconds)
            let gzipStart = ContinuousClock.now
            if Timing.run("/bin/sh", ["-c", "gzip -dc '\(path)' > /dev/null"]) != nil { gzip.append((ContinuousClock.now - gzipStart).milliseconds) }
        }
        let megabytes = Double(output) / 1_000_000
        let mine = ours.sorted()[runs / 2]
        print(String(format: "%@: %.1f MB compressed, %.1f MB decoded; %d runs, medians", path, Double(bytes.count) / 1_000_000, megabytes, runs))
        print(String(format: "Specter's Inflater  %7.1f ms  %6.0f MB/s", mine, megabytes / mine * 1000))
        if !gzip.isEmpty {
            let theirs = gzip.sorted()[gzip.count / 2]
            print(String(format: "gzip -dc (zlib)     %7.1f ms  %6.0f MB/s (process start included)", theirs, megabytes / theirs * 1000))
        }
    }
}
