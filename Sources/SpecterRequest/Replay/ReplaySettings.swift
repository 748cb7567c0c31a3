/// How a replay runs: `specter replay`'s options, without their wording.
public struct ReplaySettings: Sendable {
    public enum Recording: Sendable, Equatable {
        case off
        /// Keep each response beside its request.
        case record
        /// Report how each response differs from its recording.
        case compare
    }

    /// Requests in flight at once; chains (requests linked by captured variables) keep their order.
    public var jobs = 1
    /// Start nothing new after the first failure.
    public var failFast = false
    /// Further attempts for a request that fails.
    public var retries = 0
    /// Wait before each request (and each retry).
    public var delay: Duration = .zero
    /// Times each request is sent (latency percentiles).
    public var repeatCount = 1
    /// Check each response against the description (on by default).
    public var checksDescription = true
    public var recording: Recording = .off

    public init() {}

    /// Whether a step's checks may run while the next request is sent: in a sequential replay with
    /// nothing that needs a step's verdict before the next starts (no fail-fast, retries, repeats or
    /// delay). The server still sees one request after the other, each once the previous answered.
    var overlapsChecks: Bool { jobs <= 1 && !failFast && retries == 0 && repeatCount <= 1 && delay == .zero }
}
