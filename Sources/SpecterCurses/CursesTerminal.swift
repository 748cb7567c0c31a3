@preconcurrency import CNcursesw
import Foundation
import SpecterTerminal

/// Why the terminal could not be taken over.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The real terminal, through ncursesw: curses sets the modes (raw, no echo, keypad, the escape
/// delay), reads and decodes keys through terminfo (wide-character `wget_wch`), reports mouse
/// actions and resizes, and restores everything on the way out. Frames are written as the bytes
/// `FrameRenderer` makes: curses' own output cannot show truecolour on common terminfo entries,
/// and writing only what changed is then ours to measure.
///
/// Every curses call happens on the thread that created it (ncurses is not thread-safe).
public final class CursesTerminal: Terminal {
    public let capabilities: TerminalCapabilities
    private var screen: OpaquePointer?
    private var isRestored = false

    /// Takes over the terminal on standard input and output.
    public init(environment: [String: String]) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(description: "the explorer needs a terminal (standard input and output are not one); use `specter list` or `specter call` in scripts")
        }
        Self.resetSignalMask()
        Self.useUTF8Locale()
        guard let screen = newterm(nil, stdout, stdin) else {
            throw TerminalError(description: "the terminal type \"\(environment["TERM"] ?? "")\" is not known to terminfo (try TERM=xterm-256color)")
        }
        self.screen = screen
        raw()
        noecho()
        nonl()
        keypad(specter_stdscr(), true)
        set_escdelay(25)
        mouseinterval(0)
        mousemask(specter_button1_pressed() | specter_button3_pressed() | specter_button4_pressed() | specter_button5_pressed(), nil)
        let colors = Int(tigetnum("colors"))
        capabilities = TerminalCapabilities(
            colorDepth: ColorDepth.from(environment: environment, terminfoColors: max(0, colors)),
            backgroundColorErase: tigetflag("bce") > 0)
        refresh()
        Self.writeAll(Array(TerminalModes.enter.utf8))
        TerminalGuard.install(savedStandardError: Self.divertStandardError())
    }

    /// Foundation and libcurl sometimes write to standard error themselves; inside the screen that
    /// would scribble over it, so it goes to a log file until the terminal is restored.
    private static func divertStandardError() -> Int32 {
        let saved = dup(STDERR_FILENO)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("specter-\(getpid()).log").path
        let descriptor = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if descriptor >= 0 {
            dup2(descriptor, STDERR_FILENO)
            close(descriptor)
        }
        return saved
    }

    deinit {
        restore()
    }

    public var size: Size { Size(width: Int(specter_cols()), height: Int(specter_lines())) }

    public func readInput(timeout: Duration) -> [RawInput] {
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        wtimeout(specter_stdscr(), milliseconds)
        let asked = ContinuousClock.now
        guard let first = readOne() else {
            // While a crash is reported, input is /dev/null on purpose: wait for the process to end.
            while TerminalGuard.isCrashing { sleep(1) }
            // A timeout takes the time asked for; an immediate "no input" means the terminal may be gone.
            let immediate = ContinuousClock.now - asked < .milliseconds(Int64(milliseconds) / 2)
            return immediate && Self.inputClosed() ? [.endOfInput] : []
        }
        var batch = [first]
        wtimeout(specter_stdscr(), 0)
        while batch.count < 4096, let next = readOne() { batch.append(next) }
        return batch
    }

    /// One input from curses, or nil when none is waiting.
    private func readOne() -> RawInput? {
        var character: wint_t = 0
        let result = wget_wch(specter_stdscr(), &character)
        if result == OK, let scalar = Unicode.Scalar(UInt32(character)) { return .scalar(scalar) }
        guard result == KEY_CODE_YES else { return nil }
        let code = Int32(character)
        switch code {
        case KEY_RESIZE:
            // curses has resized its own screen and will clear it on the next refresh; let it, then we redraw.
            refresh()
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return CursesKeys.mouse(event)
        default:
            return CursesKeys.key(code).map(RawInput.key)
        }
    }

    /// Whether standard input has gone: hung up, closed, or at end of file (a closed pty, /dev/null).
    private static func inputClosed() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        guard descriptor.revents & Int16(POLLIN) != 0 else { return false }
        // Readable, yet curses found nothing: read to tell end of input from a byte that just arrived.
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 {
            ungetch(Int32(byte))
            return false
        }
        return count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN)
    }

    public func write(_ bytes: [UInt8]) {
        TerminalGuard.withTerminationDeferred { Self.writeAll(bytes) }
    }

    public func suspend() {
        leave()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        enter()
    }

    public func releasing<Result>(_ body: () throws -> Result) rethrows -> Result {
        leave()
        defer { enter() }
        return try body()
    }

    public func restore() {
        guard !isRestored else { return }
        isRestored = true
        mousemask(0, nil)
        Self.writeAll(Array(TerminalModes.leave.utf8))
        endwin()
        TerminalGuard.uninstall()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("specter-\(getpid()).log")
        if let size = try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int, size == 0 { try? FileManager.default.removeItem(at: log) }
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Hands the terminal back to the shell (for Ctrl-Z or an editor).
    private func leave() {
        def_prog_mode()
        Self.writeAll(Array(TerminalModes.leave.utf8))
        endwin()
    }

    private func enter() {
        reset_prog_mode()
        refresh()
        Self.writeAll(Array(TerminalModes.enter.utf8))
    }

    static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Processes started by Foundation inherit a blocked signal mask; the explorer needs its signals.
    private static func resetSignalMask() {
        var empty = sigset_t()
        sigemptyset(&empty)
        sigprocmask(SIG_SETMASK, &empty, nil)
    }

    /// Wide characters draw nothing unless the locale's codeset is UTF-8.
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset != "UTF-8" && codeset != "UTF8" { setlocale(LC_ALL, "C.UTF-8") }
    }
}

/// The modes Specter sets beyond curses' own, and how to leave them.
enum TerminalModes {
    /// Bracketed paste on.
    static let enter = "\u{1B}[?2004h"
    /// CAN first: it ends any escape sequence a frame may have been cut off in, then every mode is reset.
    static let leave = "\u{18}\u{1B}[0m\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1006l\u{1B}[?25h"
}
