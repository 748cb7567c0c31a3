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
}
