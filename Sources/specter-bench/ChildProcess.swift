import Foundation
import SpecterHTTP

/// A program run to completion with what it cost: wall time and its own peak memory.
///
/// On Linux a process's peak memory starts at its parent's resident size when it was forked (and
/// `exec` keeps it), so a child of this benchmark — which holds descriptions in memory — would be
/// charged for them. Each program is therefore started by a small Python process, whose own child
/// starts from a few megabytes, and which reports that child's peak and time.
struct ChildRun {
    var status: Int32
    var seconds: Double
    var peakBytes: Int
    var output: String

    var peakMB: Double { Double(peakBytes) / 1_048_576 }

    private static let wrapper = """
        import resource, subprocess, sys, time
        start = time.monotonic()
        code = subprocess.call(sys.argv[1:], stdin=subprocess.DEVNULL)
        elapsed = time.monotonic() - start
        sys.stderr.write("\\nCHILD-RUN %d %d %.6f\\n" % (code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed))
        """

    /// Runs `executable` with `arguments`, its standard output and error into a file read back afterwards.
    static func run(_ executable: String, _ arguments: [String]) -> ChildRun? {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("specter-bench-child-\(getpid()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = (["python3", "-c", wrapper, executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, "python3", &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { return nil }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard let report = output.range(of: "\nCHILD-RUN ", options: .backwards) else { return nil }
        let fields = output[report.upperBound...].split(whereSeparator: \.isWhitespace)
        guard fields.count >= 3, let code = Int32(fields[0]), let peak = Int(fields[1]), let seconds = Double(fields[2]) else { return nil }
        // subprocess reports a signal as a negative code.
        return ChildRun(status: code < 0 ? 128 - code : code, seconds: seconds, peakBytes: peak * 1024, output: String(output[..<report.lowerBound]))
    }
}
