import Foundation
import SpecterInterchange

/// The sources an import reads. Files they refer to are read as the source's own tool would: curl's
/// `@file` from the working directory; `.http` and Hurl name theirs relative to the source file, which
/// the format's reader joins with the source's path as given (itself relative to the working directory).
struct ImportSources {
    var source: InterchangeSource
    /// Where relative paths start.
    var folder: URL
    /// The source file's own folder (the working directory for standard input and a command line).
    var sourceFolder: URL

    /// No import reads more than this from one file.
    static let sizeLimit = 64 << 20

    func readFile(_ path: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ImportFileError(path: path) }
        return Array(data)
    }

    func text(of path: String) -> String? {
        (try? readFile(path)).flatMap { String(bytes: $0, encoding: .utf8) }
    }

    struct ImportFileError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path)" }
    }

    /// The sources named on the command line; nil after saying which cannot be read.
    static func read(_ names: [String], format: InterchangeFormat, _ environment: CLIEnvironment) -> [ImportSources]? {
        var sources: [ImportSources] = []
        for name in names {
            if name == "-" {
                guard let bytes = environment.standardInput(sizeLimit), let text = String(bytes: bytes, encoding: .utf8) else {
                    environment.stderr.write("specter: standard input is not UTF-8 text of at most 64 MB\n")
                    return nil
                }
                sources.append(ImportSources(source: InterchangeSource(name: "-", text: text), folder: environment.workingDirectory, sourceFolder: environment.workingDirectory))
                continue
            }
            let url = URL(fileURLWithPath: name, relativeTo: environment.workingDirectory).standardizedFileURL
            if format == .curl, name.trimmingCharacters(in: .whitespaces).hasPrefix("curl "), !FileManager.default.fileExists(atPath: url.path) {
                sources.append(ImportSources(source: InterchangeSource(name: "command line", text: name), folder: environment.workingDirectory, sourceFolder: environment.workingDirectory))
                continue
            }
            guard let text = readText(url, name: name, environment) else { return nil }
            sources.append(ImportSources(source: InterchangeSource(name: name, text: text), folder: environment.workingDirectory, sourceFolder: url.deletingLastPathComponent()))
        }
        return sources
    }

    /// `--env-file` files, and for `.http` sources the JetBrains env files beside them.
    static func companions(_ names: [String], format: InterchangeFormat, sources: [ImportSources], _ environment: CLIEnvironment) -> [InterchangeSource]? {
        var urls = names.map { (URL(fileURLWithPath: $0, relativeTo: environment.workingDirectory).standardizedFileURL, $0) }
        if format == .http {
            for folder in Set(sources.map(\.sourceFolder.path)).sorted() {
                for file in ["http-client.env.json", "http-client.private.env.json"] {
                    let url = URL(fileURLWithPath: folder).appendingPathComponent(file)
                    if FileManager.default.fileExists(atPath: url.path), !urls.contains(where: { $0.0.path == url.path }) { urls.append((url, url.path)) }
                }
            }
        }
        var companions: [InterchangeSource] = []
        for (url, name) in urls {
            guard let text = readText(url, name: name, environment) else { return nil }
            companions.append(InterchangeSource(name: name, text: text))
        }
        return companions
    }

    private static func readText(_ url: URL, name: String, _ environment: CLIEnvironment) -> String? {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int
        guard let size else {
            environment.stderr.write("specter: \(TextStyle.safe(name)) does not exist\n")
            return nil
        }
        guard size <= sizeLimit, let data = FileManager.default.contents(atPath: url.path) else {
            environment.stderr.write("specter: \(TextStyle.safe(name)) is larger than 64 MB or cannot be read\n")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            environment.stderr.write("specter: \(TextStyle.safe(name)) is not UTF-8 text\n")
            return nil
        }
        return text
    }
}
