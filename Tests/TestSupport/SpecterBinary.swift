import Foundation

/// The `specter` executable the package built, run as a separate process, with what it printed,
/// how it exited, how long it took and the most memory it used.
public enum SpecterBinary {
    public static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("specter").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : Fixtures.package(".build/debug/specter").path
    }()

    public struct Run: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
        /// Peak resident memory of the specter process alone, in bytes.
        public var peakMemory: Int
        public var seconds: Double

        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs specter under a small Python wrapper that reports the peak memory of that child alone
    /// (`getrusage(RUSAGE_CHILDREN)` in a process that has no other children).
    public static func run(_ arguments: [String], environment extra: [String: String] = [:], in directory: URL = Fixtures.packageRoot) async throws -> Run {
        let wrapper = """
            import resource, subprocess, sys, time
            start = time.monotonic()
            code = subprocess.call(sys.argv[1:])
            elapsed = time.monotonic() - start
            sys.stderr.write("\\nSPECTER-RUN %d %d %.3f\\n" % (code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", wrapper, path] + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while it runs, so a full pipe never blocks it.
        async let errors = offPool { err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = await offPool {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        let stderrText = String(decoding: await errors, as: UTF8.self)
        guard let marker = stderrText.range(of: "\nSPECTER-RUN ", options: .backwards) else {
            throw SpecterBinaryError(description: "the wrapper did not report: \(stderrText.suffix(400))")
        }
        let fields = stderrText[marker.upperBound...].split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return Run(status: Int32(fields[0]) ?? -1, stdout: Array(stdout), stderr: String(stderrText[..<marker.lowerBound]),
                   peakMemory: (Int(fields[1]) ?? 0) * 1024, seconds: Double(fields[2]) ?? 0)
    }

}

public struct SpecterBinaryError: Error, CustomStringConvertible {
    public var description: String
}
