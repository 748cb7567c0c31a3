import Foundation

extension Duration {
    /// Seconds, as Foundation's timers and URLSession take them.
    public var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    public var milliseconds: Double { timeInterval * 1000 }

    /// `4.2 ms`, `137 ms`: how a request's time is shown, the same in `call` and in the explorer.
    /// Written by hand: every replayed request prints one, and `String(format:)` cost more than its check.
    public var millisecondsText: String {
        let value = min(max(milliseconds, 0), 1e15)
        let tenths = Int((value * 10).rounded(.toNearestOrEven))
        guard tenths < 100 else { return "\(Int(value.rounded(.toNearestOrEven))) ms" }
        return "\(tenths / 10).\(tenths % 10) ms"
    }
}
