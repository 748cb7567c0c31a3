import Foundation
import SpecterJSON
import SpecterSpec
import SpecterYAML

/// A data file given on the command line: JSON or YAML, or `-` for standard input.
struct InputFile {
    var name: String
    var bytes: [UInt8]
    var value: JSONValue
    var isYAML: Bool

    static func read(_ path: String, _ environment: CLIEnvironment) -> InputFile? {
        let name = path == "-" ? "<stdin>" : path
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).path)
        }
        guard let data else {
            environment.stderr.write("specter: \(TextStyle.safe(name)): cannot read the file\n")
            return nil
        }
        let bytes = Array(data)
        let format = DocumentFormat.detect(bytes, path: path == "-" ? nil : path)
        do {
            return InputFile(name: name, bytes: bytes, value: try format.parse(bytes), isYAML: format == .yaml)
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(name)):\(TextStyle.safe(error.description))\n")
            return nil
        }
    }

    /// Where a pointer's value is written in the file, for error messages.
    func position(of pointer: JSONPointer) -> TextPosition? {
        guard !pointer.isRoot else { return nil }
        return isYAML ? YAMLLocator.position(of: pointer, in: bytes) : JSONLocator.position(of: pointer, in: bytes)
    }
}
