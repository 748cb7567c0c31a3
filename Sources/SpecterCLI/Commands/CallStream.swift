import Foundation
import SpecterHTTP
import SpecterRequest

/// `call` on a response that is a stream (Server-Sent Events, JSON Lines, json-seq): each event is
/// printed as it arrives, until the server closes the stream, `--timeout` passes or Ctrl-C, all of
/// which end with exit 0 and a closing line on standard error (`--check-status` makes invalid events
/// or a failed connection exit 1). Only the last `StreamLimits.keptEvents` events are held.
enum CallStream {
    struct Settings {
        var json: Bool
        /// `--timeout`: how long to read the stream, from when the request was sent.
        var limit: Duration?
        var checkStatus: Bool
    }

    static func run(_ stream: OpenStream, settings: Settings, printer: StreamPrinter, sentAt: ContinuousClock.Instant,
                    _ environment: CLIEnvironment) async -> ExitStatus {
        let out = environment.stdout
        out.write(settings.json ? printer.line(printer.headRecord(stream.head)) : printer.head(stream.head))
        let collected = Collected()
        let reading = Task {
            await stream.reader.read(stream.body, openedAt: stream.openedAt) { events in
                var text = ""
                for event in events { text += settings.json ? printer.line(printer.record(event)) : printer.event(event) }
                out.write(text)
                collected.add(events)
            }
        }
        let timer = settings.limit.map { limit in
            Task {
                try await Task.sleep(until: sentAt + limit, clock: .continuous)
                collected.timedOut()
                stream.body.cancel()
            }
        }
        let interruption = Interruption.watch(if: environment.catchesInterrupts) { stream.body.cancel() }
        var state = await reading.value
        interruption?.stop()
        timer?.cancel()
        if state == .cancelled, collected.hasTimedOut { state = .timedOut }
        let log = collected.log
        if settings.json { out.write(printer.line(printer.endRecord(state, log: log))) }
        environment.stderr.write(printer.ending(state, log: log, check: stream.reader.check))
        let failed: Bool
        if case .failed = state { failed = true } else { failed = false }
        return settings.checkStatus && (failed || log.invalid > 0 || stream.head.status >= 400) ? .failure : .success
    }

    /// What the reading task found, for the closing line: counts of every event, the last few kept.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var kept = StreamLog()
        private var expired = false

        func add(_ events: [StreamEvent]) { lock.withLock { kept.append(contentsOf: events) } }
        func timedOut() { lock.withLock { expired = true } }
        var log: StreamLog { lock.withLock { kept } }
        var hasTimedOut: Bool { lock.withLock { expired } }
    }
}
