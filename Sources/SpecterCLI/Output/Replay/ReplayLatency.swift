import Foundation
import SpecterHTTP

/// A request's times over its repetitions: nearest-rank percentiles.
struct ReplayLatency {
    let sorted: [Duration]

    init(_ durations: [Duration]) {
        sorted = durations.sorted()
    }

    /// The time under which `percent` of the repetitions finished (nearest rank).
    func percentile(_ percent: Double) -> Duration? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// `14 ms`, or with repetitions `p50 3.1 ms · p90 4.0 ms · p99 6.2 ms · max 9.8 ms (100×)`.
    func text(repeated: Bool) -> String {
        guard let last = sorted.last else { return "" }
        guard repeated else { return last.millisecondsText }
        let parts = [("p50", 50.0), ("p90", 90.0), ("p99", 99.0)].compactMap { name, percent in percentile(percent).map { "\(name) \($0.millisecondsText)" } }
        return (parts + ["max \(last.millisecondsText) (\(sorted.count)×)"]).joined(separator: " · ")
    }

    /// For reports: milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> Double {
        (duration.milliseconds * 1000).rounded() / 1000
    }
}
