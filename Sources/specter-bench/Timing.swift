import Foundation
import SpecterHTTP

/// Timing and reporting helpers shared by the benchmarks.
enum Timing {
    static func row(_ label: String, _ milliseconds: Double) -> String {
        label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.3f ms", milliseconds)
    }

    /// The median time of `body`; what it returns is released only after its clock stops,
    /// so freeing the result is not counted as producing it.
    @MainActor static func median<Result>(_ runs: Int, _ body: @MainActor () async -> Result) async -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let result = await body()
            let elapsed = ContinuousClock.now - start
            withExtendedLifetime(result) {}
            times.append(elapsed.milliseconds)
        }
        return times.sorted()[times.count / 2]
    }

    /// Medians of two bodies run alternately, `runs` times each (results released outside the clock).
    @MainActor static func interleavedMedians<First, Second>(_ runs: Int, _ first: @MainActor () async -> First,
                                                             _ second: @MainActor () async -> Second) async -> (Double, Double) {
        await interleavedMedians(runs, first, {
            let start = ContinuousClock.now
            let result = await second()
            return (result, ContinuousClock.now - start)
        }, measuringSecondBy: { $0.1 })
    }

    /// Like `interleavedMedians`, where the second body times only part of itself (after its setup)
    /// and returns that time through `measuringSecondBy`.
    @MainActor static func interleavedMedians<First, Second>(_ runs: Int, _ first: @MainActor () async -> First, _ second: @MainActor () async -> Second,
                                                             measuringSecondBy elapsed: (Second) -> Duration) async -> (Double, Double) {
        var firstTimes: [Double] = []
        var secondTimes: [Double] = []
        for _ in 0..<runs {
            firstTimes.append(await median(1, first))
            let result = await second()
            secondTimes.append(elapsed(result).milliseconds)
            withExtendedLifetime(result) {}
        }
        return (firstTimes.sorted()[runs / 2], secondTimes.sorted()[runs / 2])
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    /// Runs a command and returns its standard output (`nil` if it could not run or failed).
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
