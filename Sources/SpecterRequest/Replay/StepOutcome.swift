import SpecterHTTP

/// Why a replayed request failed, one value per cause.
public enum StepFailure: Sendable, Equatable {
    /// The request could not be built (an undefined variable, a missing credential …).
    case notSent(String)
    case transport(TransportError)
    case assertion(AssertionResult)
    case capture(CaptureFailure)
    /// A 4xx or 5xx status when the request asserts nothing about its status.
    case unexpectedStatus(Int)
    /// The response breaks its description: one line per problem.
    case description([String])
    /// The response differs from its recording: one line per difference.
    case comparison([String])
    /// `--compare` found no recording to compare with, or one that does not read: why.
    case uncompared(String)

    /// One line: what went wrong, where, expected and got.
    public var summary: String {
        switch self {
        case .notSent(let reason): return "not sent: \(reason)"
        case .transport(let error): return error.description
        case .assertion(let result): return "assert \(result.text): \(result.message ?? "failed")"
        case .capture(let failure): return failure.message
        case .unexpectedStatus(let status):
            return "status \(status) (add the assertion status == \(status) if that is expected)"
        case .description(let lines): return "the response does not match the description: " + (lines.first ?? "")
            + (lines.count > 1 ? " (and \(lines.count - 1) more)" : "")
        case .comparison(let lines): return "the response differs from its recording: " + (lines.first ?? "")
            + (lines.count > 1 ? " (and \(lines.count - 1) more)" : "")
        case .uncompared(let reason): return "not compared with a recording: \(reason)"
        }
    }

    /// Every line, for the details after a run and for reports.
    public var lines: [String] {
        switch self {
        case .description(let lines): return ["the response does not match the description:"] + lines.map { "  " + $0 }
        case .comparison(let lines): return ["the response differs from its recording:"] + lines.map { "  " + $0 }
        default: return [summary]
        }
    }

    /// Whether no response came (the request could not be exchanged at all).
    public var isTransport: Bool {
        if case .transport = self { return true }
        return false
    }

    /// Whether the server could not be reached at all (not a slow or odd answer).
    var isUnreachable: Bool {
        guard case .transport(let error) = self else { return false }
        return error.meansUnreachable
    }
}

/// A variable a request captured and the text it took.
public struct CapturedValue: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// What came of one saved request in a replay.
public struct StepOutcome: Sendable {
    public enum Verdict: Sendable, Equatable {
        case passed, failed
        /// Not run, and why (a request it needs failed, `--fail-fast`).
        case skipped(String)
    }

    public var index: Int
    public var step: ReplayStep
    public var verdict: Verdict
    public var failures: [StepFailure] = []
    /// Worth knowing, not failures: format deviations, a missing recording when recording.
    public var warnings: [String] = []
    public var assertions: [AssertionResult] = []
    /// Variables this request captured, in the order its `captures:` lists them.
    public var captured: [CapturedValue] = []
    /// The last attempt's request, and its exchange when it was sent.
    public var built: BuiltRequest?
    public var exchange: Exchange?
    public var facts: ResponseFacts?
    public var attempts = 0
    /// Each repetition's time (one unless `--repeat`).
    public var durations: [Duration] = []

    init(index: Int, step: ReplayStep, verdict: Verdict) {
        self.index = index
        self.step = step
        self.verdict = verdict
    }

    /// Whether the request got no response because the server could not be reached.
    public var wasUnreachable: Bool { !failures.isEmpty && failures.allSatisfy(\.isUnreachable) }
}
