import Foundation
import SpecterHTTP
import SpecterRequest

/// `replay`'s text: one line per request in collection order as results come in (with a live
/// progress line on a terminal), then the failures' details, then the summary, whose last line is
/// `N passed, N failed` (`, N skipped` when some were). Called from concurrent steps.
///
/// When it does not animate (no terminal, or the lines go to standard error), lines are written in
/// batches at most 100 ms late: a write for every request woke the reader of a CI log or pipe
/// as often, CPU a server on the same machine needs. `writeFinishedLines()` writes them at once (the
/// process is about to end, with the lines still waiting for an earlier request).
final class ReplayTextOutput: @unchecked Sendable {
    private let sink: any TextSink
    private let style: TextStyle
    private let animates: Bool
    private let lock = NSLock()
    private var steps: [ReplayStep] = []
    /// The run's secrets as known now (they grow as tokens are captured).
    private var masking: () -> Redactor = { Redactor(secrets: []) }
    private var repeatCount = 1
    /// Requests finished while an earlier one still runs, by index, with their lines as made.
    private var pending: [Int: FinishedLine] = [:]
    private var nextToPrint = 0
    private var done = 0
    /// Requests in flight and when each started, for the progress line.
    private var running: [Int: ContinuousClock.Instant] = [:]
    /// Redraws the progress line while a request runs, so its time keeps counting (on a terminal).
    private var ticker: DispatchSourceTimer?
    private static let redrawInterval = DispatchTimeInterval.milliseconds(250)
    /// Lines not written yet (when not animating), and when lines were last written.
    private var heldBack = ""
    private var lastWritten = ContinuousClock.now
    private static let batchMilliseconds = 100

    /// To standard error when a machine-readable report takes standard output.
    init(environment: CLIEnvironment, toStandardError: Bool) {
        sink = toStandardError ? environment.stderr : environment.stdout
        style = TextStyle(enabled: environment.usesColor && !toStandardError)
        animates = environment.stdoutIsTerminal && !toStandardError && (environment.variables["TERM"] ?? "") != "dumb"
    }

    func begin(_ run: ReplayRun) {
        lock.withLock {
            steps = run.plan.steps
            repeatCount = run.runner.settings.repeatCount
            let runner = run.runner
            masking = { runner.redactor }
            pending = [:]
            nextToPrint = 0
            done = 0
            running = [:]
            if animates, ticker == nil {
                let timer = DispatchSource.makeTimerSource(queue: .global())
                timer.schedule(deadline: .now() + Self.redrawInterval, repeating: Self.redrawInterval)
                timer.setEventHandler { [weak self] in self?.tick() }
                timer.resume()
                ticker = timer
            }
        }
    }

    private func tick() {
        lock.withLock { drawProgress() }
    }

    /// Before a forced exit (a second Ctrl-C): every finished request's line, now — those held back,
    /// then those waiting behind a request still running, in collection order among themselves —
    /// and the progress line cleared. Waits at most 0.2 s for a thread that is writing (a blocked
    /// terminal must not keep the process from ending).
    func writeFinishedLines() {
        guard lock.lock(before: Date(timeIntervalSinceNow: 0.2)) else { return }
        defer { lock.unlock() }
        ticker?.cancel()
        ticker = nil
        heldBack += pending.keys.sorted().compactMap { pending[$0].map(current) }.joined()
        pending = [:]
        if animates { sink.write("\r\u{1B}[2K") }
        writeHeldBackLocked()
    }

    private func writeHeldBackLocked() {
        guard !heldBack.isEmpty else { return }
        sink.write(heldBack)
        heldBack = ""
        lastWritten = .now
    }

    /// Holds `text` back, writing the batch when the last write is 100 ms old; otherwise
    /// writes it once that much time has passed. Called with the lock held.
    private func hold(_ text: String) {
        let wasEmpty = heldBack.isEmpty
        heldBack += text
        guard !heldBack.isEmpty else { return }
        if ContinuousClock.now - lastWritten >= .milliseconds(Self.batchMilliseconds) {
            writeHeldBackLocked()
        } else if wasEmpty {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Self.batchMilliseconds)) { [weak self] in
                guard let self else { return }
                lock.withLock { writeHeldBackLocked() }
            }
        }
    }

    func started(_ index: Int) {
        lock.withLock {
            guard steps.indices.contains(index) else { return }
            running[index] = .now
            drawProgress()
        }
    }

    /// A finished request's line, and how many secrets it was masked with.
    private struct FinishedLine {
        var text: String
        var outcome: StepOutcome
        var secretCount: Int
    }

    func finished(_ outcome: StepOutcome) {
        // Made outside the lock, which the other jobs need meanwhile; made again in the rare case
        // that it waited for an earlier request while a secret was captured.
        let (knownSecrets, repeated): (() -> Redactor, Bool) = lock.withLock { (self.masking, self.repeatCount > 1) }
        let masking = knownSecrets()
        let made = FinishedLine(text: line(outcome, masking: masking, repeated: repeated) + "\n", outcome: outcome, secretCount: masking.secrets.count)
        lock.withLock {
            pending[outcome.index] = made
            running[outcome.index] = nil
            done += 1
            var text = ""
            while let next = pending.removeValue(forKey: nextToPrint) {
                text += current(next)
                nextToPrint += 1
            }
            guard animates else {
                hold(text)
                return
            }
            sink.write("\r\u{1B}[2K" + text)
            drawProgress()
        }
    }

    /// The line masked with every secret known now. Called with the lock held.
    private func current(_ finished: FinishedLine) -> String {
        let masking = masking()
        guard masking.secrets.count != finished.secretCount else { return finished.text }
        return line(finished.outcome, masking: masking, repeated: repeatCount > 1) + "\n"
    }

    /// `[3/10] Create a pet 1.4 s (+2 more)`: the longest-running request in flight.
    private func drawProgress() {
        guard animates, done < steps.count, let (index, start) = running.min(by: { $0.value < $1.value }) else { return }
        let seconds = (ContinuousClock.now - start).timeInterval
        let others = running.count > 1 ? " (+\(running.count - 1) more)" : ""
        let name = TextStyle.safe(steps[index].name).abbreviated(to: 50)
        sink.write("\r\u{1B}[2K" + style.apply(.dim, "[\(done)/\(steps.count)] " + name + String(format: " %.1f s", seconds) + others))
    }

    /// `✓ POST /pets → 201 · 14 ms · Create a pet`
    private func line(_ outcome: StepOutcome, masking: Redactor, repeated: Bool) -> String {
        let name = TextStyle.safe(outcome.step.name)
        let request = outcome.built?.request
        let method = request?.method ?? outcome.step.operation.method.uppercased()
        let path = request?.url.requestTarget ?? outcome.step.operation.path
        let redactor = masking.adding(outcome.built?.redactor.secrets ?? [])
        let target = style.apply(.method(method), method) + " " + TextStyle.safe(redactor.redact(path))
        switch outcome.verdict {
        case .skipped:
            return style.apply(.dim, "- ") + target + style.apply(.dim, " · skipped · ") + name
        case .passed, .failed:
            let mark = outcome.verdict == .passed ? style.apply(.success, "✓") : style.apply(.error, "✗")
            var line = mark + " " + target + (outcome.exchange?.result.status.map { " → \($0)" } ?? "")
            for part in [ReplayLatency(outcome.durations).text(repeated: repeated), name] where !part.isEmpty { line += " · " + part }
            return line
        }
    }

    /// The failures, skips and warnings in detail, then the summary.
    func finish(_ runs: [ReplayRun]) {
        lock.withLock {
            ticker?.cancel()
            ticker = nil
            writeHeldBackLocked()
            if animates { sink.write("\r\u{1B}[2K") }
            let outcomes = runs.lazy.flatMap(\.outcomes)
            var text = ""
            if outcomes.contains(where: { $0.verdict == .failed }) {
                text += "\n" + style.apply(.heading, "Failures") + "\n"
                for run in runs {
                    for outcome in run.outcomes where outcome.verdict == .failed { text += details(outcome, runSecrets: run.runner.redactor.secrets) }
                }
            }
            let skipped = Array(outcomes.compactMap { outcome -> String? in
                guard case .skipped(let reason) = outcome.verdict else { return nil }
                return "- \(TextStyle.safe(outcome.step.name)) (\(TextStyle.safe(outcome.step.path))): \(TextStyle.safe(reason))\n"
            })
            if !skipped.isEmpty { text += "\n" + style.apply(.heading, "Skipped") + "\n" + skipped.joined() }
            let warned = outcomes.filter { !$0.warnings.isEmpty }
            if !warned.isEmpty {
                text += "\n" + style.apply(.heading, "Warnings") + "\n"
                for outcome in warned {
                    text += "\(TextStyle.safe(outcome.step.name)) (\(TextStyle.safe(outcome.step.path)))\n"
                    for warning in outcome.warnings { text += "  " + style.apply(.warning, TextStyle.safe(warning)) + "\n" }
                }
            }
            for problem in runs.flatMap(\.recordingProblems) { text += style.apply(.warning, "specter: \(TextStyle.safe(problem))") + "\n" }
            text += "\n" + summary(runs)
            sink.write(text)
        }
    }

    private func details(_ outcome: StepOutcome, runSecrets: [String]) -> String {
        let redactor = Redactor(secrets: runSecrets).adding(outcome.built?.redactor.secrets ?? [])
        var text = style.apply(.error, "✗") + " " + TextStyle.safe(outcome.step.name) + style.apply(.dim, " — " + TextStyle.safe(outcome.step.path)) + "\n"
        if let request = outcome.requestLine(redactor) { text += "  " + TextStyle.safe(request) + "\n" }
        for line in outcome.failureLines(redactor) { text += "  " + TextStyle.safe(line) + "\n" }
        if let body = outcome.explainingBody(redactor) { text += style.apply(.dim, "  ← " + TextStyle.safe(body)) + "\n" }
        return text
    }

    private func summary(_ runs: [ReplayRun]) -> String {
        let outcomes = runs.lazy.flatMap(\.outcomes)
        let passed = outcomes.filter { $0.verdict == .passed }.count
        let failed = outcomes.filter { $0.verdict == .failed }.count
        let skipped = outcomes.count - passed - failed
        let seconds = runs.reduce(Duration.zero) { $0 + $1.duration }.timeInterval
        var context = runs.map { run in TextStyle.safe(run.collection.root.lastPathComponent) + (run.environmentName.map { " (\(TextStyle.safe($0)))" } ?? "") }
            .joined(separator: ", ")
        if !context.isEmpty { context = " · " + context }
        let head = style.apply(.dim, "\(outcomes.count) request\(outcomes.count == 1 ? "" : "s") in " + String(format: "%.2f s", seconds) + context)
        var last = "\(passed) passed, \(failed) failed"
        if skipped > 0 { last += ", \(skipped) skipped" }
        return head + "\n" + last + "\n"
    }
}

extension Result where Success == HTTPResponse {
    /// The status, when a response came.
    var status: Int? { (try? get())?.status }
}
