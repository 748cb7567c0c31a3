import Dispatch
import Foundation

/// Ctrl-C (SIGINT) and SIGTERM turned into a call, for commands that finish what they can when
/// interrupted (a replay prints its summary and writes its reports); a second signal ends the process
/// at once (exit 130), for when finishing hangs, after `beforeExit` (output still held back is written).
/// Only the real process listens: in-process runs (tests) get `nil`.
final class Interruption: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var signals = 0

    /// Listens until `stop()`; `interrupted` runs on the first signal, on a global queue.
    static func watch(if listening: Bool, beforeExit: @escaping @Sendable () -> Void = {},
                      _ interrupted: @escaping @Sendable () -> Void) -> Interruption? {
        guard listening else { return nil }
        let watcher = Interruption()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak watcher] in
                guard let watcher else { return }
                let count = watcher.lock.withLock { () -> Int in
                    watcher.signals += 1
                    return watcher.signals
                }
                if count > 1 {
                    beforeExit()
                    exit(ExitStatus.interrupted.rawValue)
                }
                interrupted()
            }
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
