import Foundation

/// Drives real programs in tmux for end-to-end tests: a session per test on a private server,
/// keys in with `send-keys`, the screen out with `capture-pane`.
///
/// `.ci/run` starts the server beforehand (`SPECTER_TMUX_SOCKET`). Otherwise it is started here by a
/// shell that first closes every descriptor above 2: a tmux daemon that inherited one of Foundation's
/// process-watching descriptors would keep `waitUntilExit` from ever returning.
public struct Tmux: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let socket: String
    public let session: String

    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    /// Starts `command` (run by /bin/sh) in a new session of the given size.
    public init(_ command: String, width: Int = 100, height: Int = 30, name: String = #function) throws {
        socket = ProcessInfo.processInfo.environment["SPECTER_TMUX_SOCKET"] ?? "specter-tests-\(getuid())"
        session = "t\(getpid())-" + name.filter { $0.isLetter || $0.isNumber }.prefix(30)
        try Self.ensureServer(socket)
        _ = try? run(["kill-session", "-t", session])
        try run(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        try run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    private static func ensureServer(_ socket: String) throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: executable)
        probe.arguments = ["-L", socket, "has-session", "-t", "keepalive"]
        probe.standardInput = FileHandle.nullDevice
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus != 0 else { return }
        let starter = Process()
        starter.executableURL = URL(fileURLWithPath: "/bin/bash")
        starter.arguments = ["-c", "for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && exec {fd}>&-; done 2>/dev/null; "
            + "exec '\(executable)' -L '\(socket)' -f /dev/null new-session -d -s keepalive 'sleep 1800'"]
        starter.standardInput = FileHandle.nullDevice
        starter.standardOutput = FileHandle.nullDevice
        starter.standardError = FileHandle.nullDevice
        try starter.run()
        starter.waitUntilExit()
    }

    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = ["-L", socket] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(getpid())-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Types keys (tmux key names: `Enter`, `Escape`, `C-c`, `F5`, `Down` …).
    public func keys(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Types text literally.
    public func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    public func screen() throws -> String {
        try run(["capture-pane", "-p", "-J", "-t", session])
    }

    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen shows what `condition` looks for; the last screen is in the error.
    /// Waits by sleeping the task, not the thread: a blocked thread of the cooperative pool (two on this
    /// machine) would stall every other test running meanwhile. The screen is always read after a sleep
    /// and before the deadline is looked at, so a task resumed late (a busy pool) judges what is on screen now.
    @discardableResult
    public func waitFor(_ description: String, timeout: Double = 15, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while !condition(last) {
            guard Date() < deadline else {
                throw Failure(description: "timed out waiting for \(description); the screen was:\n\(last)")
            }
            try await Task.sleep(for: .milliseconds(20))
            last = try screen()
        }
        return last
    }

    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 15) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// The process id of the first child of the pane's shell (the program under test).
    public func childPID() throws -> Int32? {
        let shell = try display("#{pane_pid}")
        let listing = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return listing.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Whether the terminal shows the alternate screen, and whether the cursor is visible.
    public func terminalState() throws -> (alternateScreen: Bool, cursorVisible: Bool) {
        let fields = try display("#{alternate_on} #{cursor_flag}").split(separator: " ")
        return (fields.first == "1", fields.last == "1")
    }

    public func kill() {
        _ = try? run(["kill-session", "-t", session])
    }
}
