import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM turned into a call, for commands that finish what they can when
/// interrupted (a replay prints its summary and writes its reports). Only the real process listens:
/// in-process runs (tests) get `nil`.
final class Interruption: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Listens while the returned value lives; `interrupted` runs once per signal, on a global queue.
    static func watch(if listening: Bool, _ interrupted: @escaping @Sendable () -> Void) -> Interruption? {
        guard listening else { return nil }
        let watcher = Interruption()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: interrupted)
            source.resume()
            watcher.sources.append(source)
        }
        return watcher
    }

    /// Stops listening: the signals have their default effect again.
    func stop() {
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        sources = []
    }
}
