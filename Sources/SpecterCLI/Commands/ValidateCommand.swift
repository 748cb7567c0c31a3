import Foundation
import SpecterJSON
import SpecterRequest
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
        guard let service = await SpecOptions.service(arguments.positionals[0], arguments, environment),
              let selection = SchemaSelection.select(arguments, in: service.document, environment) else { return .usage }
        let file = arguments.positionals[1]
        guard let input = InputFile.read(file, environment) else { return .usage }
        let errors = service.validator(selection.direction).validate(input.value, against: selection.schema)
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
