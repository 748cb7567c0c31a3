import Foundation
import SpecterJSON
import SpecterRequest

/// Where the explorer keeps unsent input for one description: a file in
/// `$XDG_STATE_HOME/specter/drafts/` (else `~/.local/state/specter/drafts/`), named after the
/// description, readable by the user only, replaced whole on each write so it is never half written.
struct RecoveryStore: Sendable {
    let file: URL
    /// Which description the drafts are for: an absolute path or a URL.
    let source: String

    init?(source: ExplorerSource, environment: [String: String], workingDirectory: URL) {
        guard case .argument(let argument, _) = source else { return nil }
        self.source = StateFolder.source(of: argument, workingDirectory: workingDirectory)
        file = StateFolder.url(environment).appendingPathComponent("drafts/\(StateFolder.fileName(for: self.source)).json")
    }

    /// Writes the drafts (none: removes the file).
    func save(_ drafts: [JSONValue], now: Date = Date()) {
        guard !drafts.isEmpty else {
            try? FileManager.default.removeItem(at: file)
            return
        }
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let record: JSONValue = ["source": .string(source), "savedAt": .string(ISO8601DateFormatter().string(from: now)), "drafts": .array(drafts)]
        // Created readable by the user only (not made so after being written), and replaced whole.
        try? AtomicFile.write(Array(JSONWriter.pretty.string(record).utf8), to: file, permissions: 0o600)
    }

    /// The drafts an earlier run left for this description, and when they were written; drafts that
    /// no longer read are skipped.
    func load() -> (drafts: [RequestDraft], savedAt: String)? {
        guard let data = FileManager.default.contents(atPath: file.path), let record = try? JSONParser.parse(Array(data)),
              record["source"]?.stringValue == source, let drafts = record["drafts"]?.arrayValue else { return nil }
        let read = drafts.compactMap { try? RequestDraft(json: $0) }
        return read.isEmpty ? nil : (read, record["savedAt"]?.stringValue ?? "earlier")
    }
}
