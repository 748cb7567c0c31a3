import Foundation
import SpecterInterchange
import SpecterRequest

/// One source an import reads, with the environment files that belong to it (`.http` files' own
/// `http-client(.private).env.json`; `--env-file`s go with the first source). Files a source names
/// are found as its own tool finds them: curl's from the working directory, the others' from the
/// source file's folder.
struct ImportSources {
    var source: InterchangeSource
    var companions: [InterchangeSource]
    /// Where the files the source names are found.
    var fileBase: URL

    /// No import reads more than this from one file.
    static let sizeLimit = 64 << 20

    /// For the format's reader: paths as the reader gives them (an `.http` reader joins its own with
    /// the source's path, itself relative to the working directory).
    static func readFile(_ path: String, from folder: URL) throws -> [UInt8] {
        let url = URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size <= sizeLimit,
              let data = FileManager.default.contents(atPath: url.path) else { throw ImportFileError(path: url.path) }
        return Array(data)
    }

    struct ImportFileError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot read \(path) (missing, or larger than 64 MB)" }
    }

    /// The sources named on the command line; nil after saying which cannot be read.
    static func read(_ names: [String], format: InterchangeFormat, envFiles: [String], _ environment: CLIEnvironment) -> [ImportSources]? {
        var sources: [ImportSources] = []
        for name in names {
            let cwd = environment.workingDirectory
            if name == "-" {
                guard let bytes = environment.standardInput(sizeLimit), let text = String(bytes: bytes, encoding: .utf8) else {
                    environment.stderr.write("specter: standard input is not UTF-8 text of at most 64 MB\n")
                    return nil
                }
                sources.append(ImportSources(source: InterchangeSource(name: "-", text: text), companions: [], fileBase: cwd))
                continue
            }
            let url = URL(fileURLWithPath: name, relativeTo: cwd).standardizedFileURL
            if format == .curl, name.trimmingCharacters(in: .whitespaces).hasPrefix("curl "), !FileManager.default.fileExists(atPath: url.path) {
                sources.append(ImportSources(source: InterchangeSource(name: "command line", text: name), companions: [], fileBase: cwd))
                continue
            }
            guard let text = readText(url, name: name, environment) else { return nil }
            let folder = url.deletingLastPathComponent()
            guard let companions = companions(beside: url, format: format, environment) else { return nil }
            sources.append(ImportSources(source: InterchangeSource(name: name, text: text), companions: companions, fileBase: format == .curl ? cwd : folder))
        }
        var explicit: [InterchangeSource] = []
        for name in envFiles {
            guard let text = readText(URL(fileURLWithPath: name, relativeTo: environment.workingDirectory).standardizedFileURL, name: name, environment) else { return nil }
            explicit.append(InterchangeSource(name: name, text: text))
        }
        if !sources.isEmpty { sources[0].companions = explicit + sources[0].companions.filter { own in !explicit.contains { $0.name == own.name } } }
        return sources
    }

    /// The JetBrains env files beside an `.http` file.
    private static func companions(beside url: URL, format: InterchangeFormat, _ environment: CLIEnvironment) -> [InterchangeSource]? {
        guard format == .http else { return [] }
        var found: [InterchangeSource] = []
        for file in ["http-client.env.json", "http-client.private.env.json"] {
            let companion = url.deletingLastPathComponent().appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: companion.path) else { continue }
            guard let text = readText(companion, name: companion.path, environment) else { return nil }
            found.append(InterchangeSource(name: companion.path, text: text))
        }
        return found
    }

    /// How the import reaches the files bodies name, and names them from the collection's folder.
    static func files(_ sources: [ImportSources], collection folder: URL) -> ImportedFiles {
        let bases = Dictionary(sources.map { ($0.source.name, $0.fileBase) }, uniquingKeysWith: { first, _ in first })
        let fallback = sources.first?.fileBase ?? folder
        return ImportedFiles(
            text: { path, place in (try? readFile(path, from: bases[place.file] ?? fallback)).flatMap { String(bytes: $0, encoding: .utf8) } },
            stored: { path, place in
                CollectionManifest.location(of: URL(fileURLWithPath: path, relativeTo: bases[place.file] ?? fallback).standardizedFileURL, from: folder)
            })
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
