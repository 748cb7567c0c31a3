import Foundation

/// Paths the tests read: the package itself and the read-only `../shared` material beside it.
public enum Fixtures {
    /// The package root, found from this file's location so tests run from any directory.
    public static let packageRoot: URL = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `../shared` beside the package root.
    public static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    public static func shared(_ relativePath: String) -> URL { shared.appendingPathComponent(relativePath) }

    public static func package(_ relativePath: String) -> URL { packageRoot.appendingPathComponent(relativePath) }

    public static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// The files directly inside a folder, sorted by name so reports are stable.
    public static func files(in directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// A new empty folder of its own under the temporary directory.
    public static func temporaryFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("specter-\(label)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A replay collection against `server` (the FastAPI test app) whose first request's check runs
    /// until a deadline or Ctrl-C stops it (its schema takes 2^40 steps), then one whose check takes a
    /// fraction of a second to find its mismatches (2^12 steps): for the checks that run beside the
    /// next request.
    public static func costlyCheckCollection(server: URL) throws -> URL {
        let folder = try temporaryFolder("replay-costly-check")
        try Data(bytes(package("Tests/SpecterCLITests/Fixtures/replay/costly-check.json"))).write(to: folder.appendingPathComponent("api.json"))
        try Data("spec: api.json\nserver: \(server.absoluteString)\n".utf8).write(to: folder.appendingPathComponent("collection.yaml"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("calls"), withIntermediateDirectories: true)
        try Data("name: Costly\norder: 1\noperation: GET /sequence/{n}\nparameters: {path: {n: 1}, query: {pad: 3}}\n".utf8)
            .write(to: folder.appendingPathComponent("calls/1.yaml"))
        try Data("name: Plain\norder: 2\noperation: GET /pets/{pet_id}\nparameters: {path: {pet_id: 1}}\n".utf8)
            .write(to: folder.appendingPathComponent("calls/2.yaml"))
        return folder
    }

    /// A copy of a fixture folder to change freely, inside a new temporary folder (so `../` paths
    /// in it can be given a target beside it).
    public static func temporaryCopy(of folder: URL, label: String) throws -> URL {
        let copy = try temporaryFolder(label).appendingPathComponent(folder.lastPathComponent)
        try FileManager.default.copyItem(at: folder, to: copy)
        return copy
    }
}
