import Foundation
import SpecterHTTP

/// Where a command writes text. Injected, so commands run in-process in tests.
public protocol TextSink: AnyObject, Sendable {
    func write(_ text: String)
}

/// A sink over a file descriptor (standard output or error).
public final class FileSink: TextSink, @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()

    public init(_ handle: FileHandle) {
        self.handle = handle
    }

    public func write(_ text: String) {
        lock.withLock { handle.write(Data(text.utf8)) }
    }
}

/// A sink that keeps what was written (tests read it back).
public final class BufferSink: TextSink, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init() {}

    public func write(_ text: String) {
        lock.withLock { buffer += text }
    }

    public var text: String { lock.withLock { buffer } }
}

/// Everything a command may touch of the outside world, passed in rather than reached for.
public struct CLIEnvironment: Sendable {
    public var stdout: any TextSink
    public var stderr: any TextSink
    public var variables: [String: String]
    public var stdoutIsTerminal: Bool
    public var workingDirectory: URL
    public var httpClient: any HTTPClient
    /// Whether this is the real process, whose Ctrl-C a command may catch to finish what it can.
    public var catchesInterrupts: Bool
    /// Reads standard input to its end (at most `limit` bytes; nil when there is more, or none to read).
    public var standardInput: @Sendable (_ limit: Int) -> [UInt8]?

    public init(stdout: any TextSink, stderr: any TextSink, variables: [String: String] = [:], stdoutIsTerminal: Bool = false,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                httpClient: any HTTPClient = URLSessionHTTPClient(), catchesInterrupts: Bool = false,
                standardInput: @escaping @Sendable (_ limit: Int) -> [UInt8]? = { _ in nil }) {
        self.stdout = stdout
        self.stderr = stderr
        self.variables = variables
        self.stdoutIsTerminal = stdoutIsTerminal
        self.workingDirectory = workingDirectory
        self.httpClient = httpClient
        self.catchesInterrupts = catchesInterrupts
        self.standardInput = standardInput
    }

    /// The real process: standard streams, environment variables, and whether stdout is a terminal.
    public static func process() -> CLIEnvironment {
        CLIEnvironment(
            stdout: FileSink(.standardOutput), stderr: FileSink(.standardError), variables: ProcessInfo.processInfo.environment,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, catchesInterrupts: true, standardInput: readStandardInput)
    }

    private static func readStandardInput(limit: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count <= limit {
            guard let chunk = try? FileHandle.standardInput.read(upToCount: 65_536), !chunk.isEmpty else { return bytes }
            bytes += chunk
        }
        return nil
    }

    /// Colour only on a terminal, never with `NO_COLOR` set (https://no-color.org) or `TERM=dumb`.
    public var usesColor: Bool {
        stdoutIsTerminal && (variables["NO_COLOR"] ?? "").isEmpty && variables["TERM"] != "dumb"
    }
}

/// How a command ended; the process exit status.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The answer is "no": invalid input, or `--check-status` saw an error or a mismatch.
    case failure = 1
    /// The command line or the document was wrong.
    case usage = 2
    /// The request got no HTTP response.
    case transport = 3
    /// Stopped by Ctrl-C or SIGTERM after finishing what it could (128 + SIGINT, as shells report it).
    case interrupted = 130
}

/// A step of a command that failed and has said why on stderr: what is left is its exit status.
struct ReportedFailure: Error {
    let status: ExitStatus

    static let usage = ReportedFailure(status: .usage)
}
