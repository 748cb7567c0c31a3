import Foundation
import SpecterJSON
import SpecterSchema
import SpecterSpec
import SpecterYAML

/// `specter validate`: does a JSON or YAML file match a schema of the description?
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", summary: "Validate a JSON or YAML file against a schema of an API description.",
        arguments: "SPEC_OR_URL FILE", options: SchemaSelection.options + SpecOptions.options,
        discussion: """
            Choose the schema with --schema, --request or --response. FILE may be - for standard input.
            Each error is printed with its place in FILE (line:column) and its path in the data.
            Exit status: 0 valid, 1 invalid, 2 usage or load error.
            """,
        positionalCount: 2...2)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let document = await SpecOptions.load(arguments.positionals[0], arguments, environment),
              let selection = SchemaSelection.select(arguments, in: document, environment) else { return .usage }
        let file = arguments.positionals[1]
        guard let input = InputFile.read(file, environment) else { return .usage }
        let validator = SchemaValidator(document: document, options: ValidationOptions(direction: selection.direction))
        let errors = validator.validate(input.value, against: selection.schema)
        if errors.isEmpty {
            environment.stdout.write("\(TextStyle.safe(input.name)): valid against \(TextStyle.safe(selection.label))\n")
            return .success
        }
        let style = TextStyle(enabled: environment.usesColor)
        environment.stdout.write("\(TextStyle.safe(input.name)): \(errors.count) error\(errors.count == 1 ? "" : "s") against \(TextStyle.safe(selection.label))\n")
        for error in errors {
            var place = input.name
            if let position = input.position(of: error.pointer) { place += ":\(position)" }
            let path = error.readablePath.isEmpty ? "(root)" : error.readablePath
            environment.stdout.write("  \(TextStyle.safe(place)): \(style.apply(.emphasis, TextStyle.safe(path))): \(TextStyle.safe(error.message))\n")
        }
        return .failure
    }
}

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
