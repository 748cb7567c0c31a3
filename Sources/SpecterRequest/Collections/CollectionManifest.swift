import Foundation
import SpecterJSON

/// A collection's `collection.yaml`: the description it belongs to, a default server, shared
/// variables, and the description's fingerprint and version when the collection was last synced
/// with it (what drift is measured from).
///
/// ```yaml
/// spec: ../openapi.json          # a path relative to the collection, or a URL
/// server: http://127.0.0.1:8000
/// variables: {pet_id: "1"}
/// synced: {fingerprint: 9f2c61a0d4e1b7c3, version: 1.0.0}
/// ```
public struct CollectionManifest: Sendable, Equatable {
    public var spec: String
    public var server: String?
    public var variables: [String: String]
    public var syncedFingerprint: String?
    public var syncedVersion: String?
    /// What comparisons with recorded responses leave out in every request (`ignore: [Date, $..created_at]`).
    public var ignore: JSONValue?
    /// Every key of `collection.yaml` that Specter acts on (others are kept, not read).
    public static let knownKeys = ["spec", "server", "variables", "synced", "ignore"]

    /// As read, so writing back keeps order and unknown keys.
    var source: JSONObject?

    public init(spec: String, server: String? = nil, variables: [String: String] = [:], syncedFingerprint: String? = nil, syncedVersion: String? = nil) {
        self.spec = spec
        self.server = server
        self.variables = variables
        self.syncedFingerprint = syncedFingerprint
        self.syncedVersion = syncedVersion
    }

    public init(json: JSONValue) throws(DraftFormatError) {
        guard case .object(let object) = json else { throw DraftFormatError(at: "", "collection.yaml is a mapping") }
        guard case .string(let spec)? = object["spec"], !spec.isEmpty else {
            throw DraftFormatError(at: "/spec", "collection.yaml needs spec: the description's path (relative to the collection) or URL")
        }
        self.spec = spec
        if let value = object["server"] {
            guard case .string(let server) = value else { throw DraftFormatError(at: "/server", "server is a URL") }
            self.server = server
        }
        variables = try Self.strings(object["variables"], at: "/variables")
        if let synced = object["synced"] {
            guard case .object(let fields) = synced else { throw DraftFormatError(at: "/synced", "synced is {fingerprint: …, version: …}") }
            syncedFingerprint = fields["fingerprint"]?.stringValue
            syncedVersion = fields["version"]?.stringValue ?? fields["version"].map(\.description)
        }
        ignore = object["ignore"]
        source = object
    }

    public var json: JSONValue {
        var object = source ?? JSONObject()
        object["spec"] = .string(spec)
        object["server"] = server.map(JSONValue.string)
        object["variables"] = variables.isEmpty ? nil : .object(JSONObject(orderedLike: source?["variables"]?.objectValue, variables))
        if syncedFingerprint != nil || syncedVersion != nil {
            var synced = source?["synced"]?.objectValue ?? JSONObject()
            synced["fingerprint"] = syncedFingerprint.map(JSONValue.string)
            synced["version"] = syncedVersion.map(JSONValue.string)
            object["synced"] = .object(synced)
        } else {
            object["synced"] = nil
        }
        return .object(object)
    }

    /// How the manifest names a local description: relative to the collection's folder, so the
    /// folder can move with its repository (`../openapi.json`).
    public static func location(of file: URL, from folder: URL) -> String {
        let target = file.standardizedFileURL.pathComponents, base = folder.standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(target.count, base.count), target[shared] == base[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: base.count - shared)
        return (ups + target[shared...]).joined(separator: "/")
    }

    static func strings(_ value: JSONValue?, at pointer: String) throws(DraftFormatError) -> [String: String] {
        guard let value else { return [:] }
        guard case .object(let object) = value else { throw DraftFormatError(at: pointer, "a mapping of names to values") }
        var result: [String: String] = [:]
        for member in object.members {
            switch member.value {
            case .string(let text): result[member.key] = text
            case .int, .double, .bool: result[member.key] = member.value.description
            default: throw DraftFormatError(at: pointer + "/" + member.key, "a value is text")
            }
        }
        return result
    }
}
