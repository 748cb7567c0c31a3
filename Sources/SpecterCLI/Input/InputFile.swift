import Foundation
import SpecterJSON
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
        let looksJSON = path.hasSuffix(".json") || bytes.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }.map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } == true
        do {
            if looksJSON && !(path.hasSuffix(".yaml") || path.hasSuffix(".yml")) {
                return InputFile(name: name, bytes: bytes, value: try JSONParser.parse(bytes), isYAML: false)
            }
            return InputFile(name: name, bytes: bytes, value: try YAMLLoader().load(bytes), isYAML: true)
        } catch let error as JSONParseError {
            environment.stderr.write("specter: \(TextStyle.safe(name)):\(error.position): \(TextStyle.safe(error.message))\n")
        } catch let error as YAMLError {
            environment.stderr.write("specter: \(TextStyle.safe(name)):\(TextStyle.safe(error.description))\n")
        } catch {
            environment.stderr.write("specter: \(TextStyle.safe(name)): \(error)\n")
        }
        return nil
    }

    /// Where a pointer's value is written in the file, for error messages.
    func position(of pointer: JSONPointer) -> TextPosition? {
        guard !pointer.isRoot else { return nil }
        return isYAML ? YAMLLocator.position(of: pointer, in: bytes) : JSONLocator.position(of: pointer, in: bytes)
    }
}
