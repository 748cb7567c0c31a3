import SpecterJSON
import SpecterSpec
import SpecterText

/// `specter list`: every operation, grouped by tag, as text or JSON.
enum ListCommand {
    static let spec = CommandSpec(
        name: "list", summary: "List the operations of an API description, grouped by tag.", arguments: "SPEC_OR_URL",
        options: [.value("--format", "FORMAT", "text (default) or json: an array of {method, path, operationId, summary, tags, deprecated}.")]
            + SpecOptions.options,
        discussion: """
            SPEC_OR_URL is a file (JSON or YAML; Swagger 2.0, OpenAPI 3.0 or 3.1) or a URL. A bare server URL
            such as http://127.0.0.1:8000 finds the description at /openapi.json and the other usual places.
            """,
        positionalCount: 1...1)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        let format = arguments.value("--format") ?? "text"
        guard format == "text" || format == "json" else {
            environment.stderr.write("specter: unknown --format \(format): use text or json\n")
            return .usage
        }
        guard let document = await SpecOptions.load(arguments.positionals[0], arguments, environment) else { return .usage }
        if format == "json" {
            environment.stdout.write(JSONWriter.pretty.string(json(document.operations)) + "\n")
        } else {
            environment.stdout.write(text(document, style: TextStyle(enabled: environment.usesColor)))
        }
        return .success
    }

    static func json(_ operations: [APIOperation]) -> JSONValue {
        .array(operations.map { operation in
            [
                "method": .string(operation.method), "path": .string(operation.path),
                "operationId": operation.operationID.map(JSONValue.string) ?? .null,
                "summary": operation.summary.map(JSONValue.string) ?? .null,
                "tags": .array(operation.tags.map(JSONValue.string)), "deprecated": .bool(operation.deprecated),
            ]
        })
    }

    static func text(_ document: APIDocument, style: TextStyle) -> String {
        let index = EndpointIndex(document)
        let count = document.operations.count
        var output = style.apply(.heading, TextStyle.safe(document.info.title)) + " " + TextStyle.safe(document.info.version)
            + style.apply(.dim, " (\(document.version)) · \(count) operation\(count == 1 ? "" : "s")") + "\n"
        let pathWidth = min(48, index.entries.map { DisplayWidth.of(TextStyle.safe($0.operation.path)) }.max() ?? 0)
        // The operationId is what `show`, `call` and `example` take: it has a column of its own.
        let identifierWidth = min(40, index.entries.map { DisplayWidth.of(TextStyle.safe($0.operation.operationID ?? "")) }.max() ?? 0)
        for group in index.groups {
            let indent = String(repeating: "  ", count: min(group.depth, 8))
            output += "\n" + indent + style.apply(.heading, TextStyle.safe(group.title))
            if let description = group.description?.split(separator: "\n").first {
                output += style.apply(.dim, " — " + TextStyle.safe(String(description)))
            }
            output += "\n"
            for member in group.members {
                let operation = index.entries[member].operation
                var line = indent + "  " + style.apply(.method(operation.method), DisplayWidth.pad(operation.method, to: 7)) + " "
                let path = TextStyle.safe(operation.path)
                line += DisplayWidth.of(path) > pathWidth ? path + "  " : DisplayWidth.pad(path, to: pathWidth) + "  "
                let summary = TextStyle.safe(operation.summary ?? "")
                if identifierWidth > 0 {
                    let identifier = TextStyle.safe(operation.operationID ?? "")
                    let padded = summary.isEmpty || DisplayWidth.of(identifier) > identifierWidth ? identifier : DisplayWidth.pad(identifier, to: identifierWidth)
                    line += style.apply(.dim, padded) + (summary.isEmpty ? "" : "  ")
                }
                line = (line + summary).trimmingTrailingSpaces()
                if operation.deprecated { line += style.apply(.warning, " (deprecated)") }
                output += line + "\n"
            }
        }
        return output
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
