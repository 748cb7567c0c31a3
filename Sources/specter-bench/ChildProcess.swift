import Foundation
import SpecterHTTP

/// A program run to completion with what it cost: wall time and its own peak memory (from `wait4`,
/// so each child is measured alone, not the largest child so far).
struct ChildRun {
    var status: Int32
    var seconds: Double
    var peakBytes: Int
    var output: String

    var peakMB: Double { Double(peakBytes) / 1_048_576 }

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
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let start = ContinuousClock.now
        guard posix_spawnp(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { return nil }
        let elapsed = ContinuousClock.now - start
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return ChildRun(status: exitStatus, seconds: elapsed.timeInterval, peakBytes: usage.ru_maxrss * 1024, output: output)
    }
}
