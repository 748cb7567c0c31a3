import Foundation
import SpecterRequest

/// One collection's replay: its plan, its runner, and once run, the outcomes and how long it took.
struct ReplayRun {
    var collection: Collection
    var plan: ReplayPlan
    var runner: ReplayRunner
    var environmentName: String?
    var outcomes: [StepOutcome] = []
    var duration: Duration = .zero
    /// Recordings that could not be written.
    var recordingProblems: [String] = []

    /// Runs the plan, telling `output` as it goes, then writes the recordings of the requests that
    /// passed (`--record`) with every secret the run met masked.
    func execute(output: ReplayTextOutput) async -> ReplayRun {
        var finished = self
        output.begin(self)
        let start = ContinuousClock.now
        finished.outcomes = await runner.run(plan, started: { output.started($0) }, finished: { output.finished($0) })
        finished.duration = ContinuousClock.now - start
        if runner.settings.recording == .record, let recordings = runner.recordings {
            let redactor = runner.redactor
            // Only what passed becomes the reference a later --compare measures from.
            for outcome in finished.outcomes where outcome.verdict == .passed {
                guard let facts = outcome.facts else { continue }
                do {
                    try recordings.save(RecordedResponse(facts, redactor: redactor), for: outcome.step.path)
                } catch {
                    finished.recordingProblems.append("cannot write \(error.description)")
                }
            }
        }
        return finished
    }
}
