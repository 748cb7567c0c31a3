@preconcurrency import CNcursesw
import Foundation

/// Gives the terminal back however the process ends.
///
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT restore the terminal and then end the process as the signal
/// would have. A crash (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE) restores it, points
/// standard input at /dev/null so the crash reporter does not wait for a key inside a broken screen,
/// and hands over to whatever handled the signal before (Swift's backtracer). Frames are written
/// with termination signals held, so a kill never lands in the middle of an escape sequence.
enum TerminalGuard {
    private static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    private static let crashing: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]
    /// The handlers that were there before, by signal number (a fixed table: handlers may not allocate).
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static var installed = false
    /// Where standard error went before it was diverted to a log; put back on the way out.
    nonisolated(unsafe) private static var savedStandardError: Int32 = -1
    /// Set when a crash is being reported, so the other threads do not take the redirected input's
    /// end for the user leaving and exit normally under the report.
    nonisolated(unsafe) static var isCrashing = false

    static func install(savedStandardError saved: Int32) {
        guard !installed else { return }
        installed = true
        savedStandardError = saved
        for signal in terminating + crashing {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = handle
            action.sa_flags = SA_SIGINFO | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    static func uninstall() {
        guard installed else { return }
        installed = false
        for signal in terminating + crashing { sigaction(signal, previous + Int(signal), nil) }
        restoreStandardError()
    }

    private static func restoreStandardError() {
        guard savedStandardError >= 0 else { return }
        dup2(savedStandardError, STDERR_FILENO)
        close(savedStandardError)
        savedStandardError = -1
    }

    /// Runs `body` with the termination signals held back until it is done.
    static func withTerminationDeferred(_ body: () -> Void) {
        var held = sigset_t(), saved = sigset_t()
        sigemptyset(&held)
        for signal in terminating { sigaddset(&held, signal) }
        pthread_sigmask(SIG_BLOCK, &held, &saved)
        body()
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }

    private static let handle: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, context in
        let leave = TerminalModes.leave
        leave.withCString { text in _ = Glibc.write(STDOUT_FILENO, text, strlen(text)) }
        endwin()
        if TerminalGuard.savedStandardError >= 0 { dup2(TerminalGuard.savedStandardError, STDERR_FILENO) }
        let earlier = TerminalGuard.previous[Int(signal)]
        if TerminalGuard.crashing.contains(signal) {
            TerminalGuard.isCrashing = true
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 { dup2(null, STDIN_FILENO) }
            // The crash reporter runs first; if it returns (a signal sent with kill, not a real fault), the process still ends.
            if earlier.sa_flags & SA_SIGINFO != 0, let chained = earlier.__sigaction_handler.sa_sigaction {
                chained(signal, info, context)
            }
        }
        // Ends the process as the signal itself would (exit status 128 + signal), whatever curses had installed.
        var standard = sigaction()
        standard.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(signal, &standard, nil)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        raise(signal)
    }
}
