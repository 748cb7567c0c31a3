import Foundation

extension Duration {
    /// Seconds, as Foundation's timers and URLSession take them.
    public var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    public var milliseconds: Double { timeInterval * 1000 }

    /// `4.2 ms`, `137 ms`: how a request's time is shown, the same in `call` and in the explorer.
    public var millisecondsText: String {
        let value = milliseconds
        return value < 10 ? String(format: "%.1f ms", value) : String(format: "%.0f ms", value)
    }
}
