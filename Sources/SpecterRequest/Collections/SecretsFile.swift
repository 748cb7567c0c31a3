import Foundation
import SpecterJSON
import SpecterYAML

/// The user's own secrets, which `secret:NAME` credentials name: a YAML mapping of names to values
/// in `$XDG_CONFIG_HOME/specter/secrets.yaml` (else `~/.config/specter/secrets.yaml`), outside any
/// collection so it is never committed. Only its owner may read it: a file or folder others can
/// read is refused, with the command that fixes it.
public struct SecretsFile: Sendable {
    public let url: URL

    public init(environment: [String: String]) {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].map { $0 + "/.config" } ?? NSTemporaryDirectory()
        url = URL(fileURLWithPath: config).appendingPathComponent("specter/secrets.yaml")
    }

    /// Where the file is, for messages.
    public static func displayPath(_ environment: [String: String]) -> String {
        SecretsFile(environment: environment).url.path
    }

    /// Why the secrets cannot be read.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The secrets, or none when there is no file yet.
    public func load() throws(Problem) -> [String: String] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        try checkPrivate(url.deletingLastPathComponent(), mode: 0o700, kind: "folder")
        try checkPrivate(url, mode: 0o600, kind: "file")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Problem(description: "cannot read \(url.path)") }
        let value: JSONValue
        do throws(YAMLError) {
            value = try YAMLLoader(rejectsDuplicateKeys: true).load(Array(data))
        } catch {
            throw Problem(description: "\(url.path): \(error.description)")
        }
        guard case .object(let object) = value else {
            if value.isNull { return [:] }
            throw Problem(description: "\(url.path): the secrets file is a mapping of names to values")
        }
        var secrets: [String: String] = [:]
        for member in object.members {
            guard let text = member.value.stringValue ?? (member.value.isNumber ? member.value.description : nil) else {
                throw Problem(description: "\(url.path): \(member.key) must be text")
            }
            secrets[member.key] = text
        }
        return secrets
    }

    /// Adds or replaces one secret, creating the file (0600, in a 0700 folder) when needed.
    public func store(_ value: String, named name: String) throws(Problem) {
        try store([name: value])
    }

    /// Adds or replaces several secrets in one write; refuses a folder others can read, as reading does.
    public func store(_ values: [String: String]) throws(Problem) {
        var secrets = try load()
        secrets.merge(values) { $1 }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Problem(description: "cannot create \(folder.path): \(error.localizedDescription)")
        }
        try checkPrivate(folder, mode: 0o700, kind: "folder")
        let object = JSONObject(secrets.keys.sorted().map { JSONObject.Member(key: $0, value: .string(secrets[$0] ?? "")) })
        do throws(AtomicFile.Failure) {
            try AtomicFile.write(Array(YAMLWriter.string(.object(object)).utf8), to: url, permissions: 0o600)
        } catch {
            throw Problem(description: error.description)
        }
    }

    private func checkPrivate(_ item: URL, mode: Int, kind: String) throws(Problem) {
        guard let permissions = (try? FileManager.default.attributesOfItem(atPath: item.path))?[.posixPermissions] as? Int else { return }
        guard permissions & 0o077 == 0 else {
            throw Problem(description: "the secrets \(kind) \(item.path) can be read by others (mode \(String(permissions, radix: 8))); "
                          + "run: chmod \(String(mode, radix: 8)) '\(item.path)'")
        }
    }
}
