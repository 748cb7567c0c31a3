import Foundation
import SpecterJSON

/// The requests sent for one description, kept across runs in
/// `$XDG_STATE_HOME/specter/history/NAME.jsonl` (else `~/.local/state/…`): one JSON record per
/// line, only ever appended (a torn last line after a crash is skipped, not fatal), readable by the
/// user only, and pruned to the newest records by count and size when it is read.
public struct HistoryLog: Sendable {
    /// How much is kept: `SPECTER_HISTORY_MAX_ENTRIES` (default 500) and `SPECTER_HISTORY_MAX_BYTES` (default 4 MB).
    public struct Limits: Sendable, Equatable {
        public var entries: Int
        public var bytes: Int

        public init(entries: Int = 500, bytes: Int = 4 << 20) {
            self.entries = entries
            self.bytes = bytes
        }

        public init(environment: [String: String]) {
            self.init()
            if let value = environment["SPECTER_HISTORY_MAX_ENTRIES"].flatMap(Int.init), value >= 0 { entries = value }
            if let value = environment["SPECTER_HISTORY_MAX_BYTES"].flatMap(Int.init), value >= 0 { bytes = value }
        }
    }

    public let file: URL
    public let limits: Limits

    /// The log for a description (an absolute path or a URL).
    public init(source: String, environment: [String: String]) {
        file = StateFolder.url(environment).appendingPathComponent("history/\(StateFolder.fileName(for: source)).jsonl")
        limits = Limits(environment: environment)
    }

    /// Adds a record at the end. Fails quietly: history never stops a request.
    public func append(_ record: HistoryRecord) {
        guard limits.entries > 0 else { return }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let line = Array((JSONWriter.compact.string(record.json) + "\n").utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// The records, oldest first; lines that do not read (a torn last line) are skipped. When the
    /// file holds more than the limits allow, it is rewritten with the newest records that fit.
    public func load() -> [HistoryRecord] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        var lines = data.split(separator: UInt8(ascii: "\n")).map(Array.init)
        var records = lines.compactMap { line in (try? JSONParser.parse(line)).flatMap { try? HistoryRecord(json: $0) } }
        let overCount = records.count > limits.entries, overSize = data.count > limits.bytes
        guard overCount || overSize || records.count < lines.count else { return records }
        // Keep the newest that fit both limits, and drop lines that do not read.
        var kept: [[UInt8]] = [], size = 0
        lines = records.map { Array((JSONWriter.compact.string($0.json) + "\n").utf8) }
        for line in lines.reversed() where kept.count < limits.entries && size + line.count <= limits.bytes {
            kept.append(line)
            size += line.count
        }
        records = Array(records.suffix(kept.count))
        try? AtomicFile.write(Array(kept.reversed().joined()), to: file, permissions: 0o600)
        return records
    }
}

/// Where Specter keeps what it learns while it runs (drafts against a crash, history):
/// `$XDG_STATE_HOME/specter`, else `~/.local/state/specter`.
public enum StateFolder {
    public static func url(_ environment: [String: String]) -> URL {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].map { $0 + "/.local/state" } ?? NSTemporaryDirectory()
        return URL(fileURLWithPath: state).appendingPathComponent("specter")
    }

    /// How a description given as an argument is named in the state folder: a URL as it is, a file
    /// by its absolute path (so the explorer and `call` find the same history).
    public static func source(of argument: String, workingDirectory: URL) -> String {
        argument.contains("://") ? argument : URL(fileURLWithPath: argument, relativeTo: workingDirectory).standardizedFileURL.path
    }

    /// A file name for a description: its last part (readable) and a hash of all of it (unique).
    public static func fileName(for source: String) -> String {
        let last = source.split(separator: "/").last.map { String(String($0.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }).prefix(40)) } ?? ""
        return last + "-" + String(ContentFingerprint.of(source.utf8), radix: 16)
    }
}
