import Foundation
import SpecterJSON

/// Where `--record` keeps responses and `--compare` finds them: beside each request in the collection.
public struct ReplayRecordings: Sendable {
    public var root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The recording of a request, nil when there is none yet.
    public func load(for requestPath: String) throws(RecordingError) -> RecordedResponse? {
        let path = RecordedResponse.path(for: requestPath)
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw RecordingError(path: path, reason: "it cannot be read") }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(data))
        } catch {
            throw RecordingError(path: path, reason: error.description)
        }
        do {
            return try RecordedResponse(json: json)
        } catch {
            throw RecordingError(path: path, reason: error.message)
        }
    }

    /// Writes a recording atomically (the old one or the new one, never half of each).
    public func save(_ recording: RecordedResponse, for requestPath: String) throws(RecordingError) {
        let path = RecordedResponse.path(for: requestPath)
        do {
            try AtomicFile.write(Array((JSONWriter.pretty.string(recording.json) + "\n").utf8), to: root.appendingPathComponent(path))
        } catch {
            throw RecordingError(path: path, reason: error.description)
        }
    }
}

/// A recording that could not be read or written, and why.
public struct RecordingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Relative to the collection's folder.
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

extension Redactor {
    /// Outside text for a message: secrets masked first, then cut to about `limit` characters.
    func excerpt(_ text: String, limit: Int) -> String {
        redact(text).abbreviated(to: limit)
    }
}

/// Every secret a replay has met so far (credential values, and values captured into variables that
/// are used as credentials), so no report, recording or message shows one. Shared by concurrent steps.
final class SecretBook: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: Set<String> = []
    /// Made again only when a secret is added: every assertion and capture asks for it.
    private var cached: Redactor?

    func add(_ values: some Sequence<String>) {
        lock.withLock {
            let before = secrets.count
            secrets.formUnion(values)
            if secrets.count != before { cached = nil }
        }
    }

    var redactor: Redactor {
        lock.withLock {
            if let cached { return cached }
            let made = Redactor(secrets: Array(secrets))
            cached = made
            return made
        }
    }
}
