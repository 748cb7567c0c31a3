/// When a validation stops before its end: its task was cancelled, or the deadline bound around it
/// passed. The deadline is task-local because validators are cached and shared by every request of
/// a description, while each caller has a deadline of its own; binding it costs nothing, where a
/// timer task per call cost about a tenth of a plain-http exchange's CPU.
public enum ValidationDeadline {
    @TaskLocal public static var instant: ContinuousClock.Instant?

    /// Looked at every `Evaluator.cancellationInterval` steps.
    static var isReached: Bool {
        if Task.isCancelled { return true }
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }
}
