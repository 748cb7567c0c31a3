import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec

/// `specter example`: a generated, valid example for a schema, as JSON.
enum ExampleCommand {
    static let spec = CommandSpec(
        name: "example", summary: "Print a generated example (valid against its schema) as JSON.",
        arguments: "SPEC_OR_URL", options: SchemaSelection.options + SpecOptions.options,
        discussion: """
            Values the description gives (example, examples, default, const, enum) are used when they are valid;
            otherwise one is built from the constraints. If no value can satisfy the schema, the closest attempt is
            printed and what it violates goes to stderr (exit status 1).
            """,
        positionalCount: 1...1)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let service = await SpecOptions.service(arguments.positionals[0], arguments, environment),
              let selection = SchemaSelection.select(arguments, in: service.document, environment) else { return .usage }
        let outcome = service.examples(selection.direction).example(for: selection.schema)
        if let value = outcome.value { environment.stdout.write(JSONWriter.pretty.string(value) + "\n") }
        guard outcome.isValid else {
            environment.stderr.write("specter: no valid example for \(TextStyle.safe(selection.label)); the closest attempt violates:\n")
            for error in outcome.errors { environment.stderr.write("  \(TextStyle.safe(error.description))\n") }
            return .failure
        }
        return .success
    }
}
