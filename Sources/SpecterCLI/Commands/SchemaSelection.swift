import Foundation
import SpecterJSON
import SpecterSchema
import SpecterSpec
import SpecterText

/// Which schema a command works on: a pointer or name, an operation's request body, or one of its responses.
struct SchemaSelection {
    static let options: [OptionSpec] = [
        .value("--schema", "POINTER", "A schema by JSON pointer (#/components/schemas/Pet) or by name (Pet)."),
        .value("--request", "OPERATION", "The request body schema of an operation (operationId or 'METHOD /path')."),
        .value("--response", "OPERATION", "A response schema of an operation; give the status with --status (default: the first 2XX)."),
        .value("--status", "STATUS", "The response status for --response (200, 2XX, default)."),
        .value("--media-type", "TYPE", "The media type to use when the body or response has several (default: the JSON one)."),
    ]

    var schema: SchemaRef
    var direction: ValidationDirection
    /// What was chosen, for messages (`#/components/schemas/Pet`, `request body of addPet`).
    var label: String

    /// The selected schema, or `nil` after explaining on stderr what is wrong.
    static func select(_ arguments: ParsedArguments, in document: APIDocument, _ environment: CLIEnvironment) -> SchemaSelection? {
        let chosen = ["--schema", "--request", "--response"].filter(arguments.flag)
        guard chosen.count == 1 else {
            environment.stderr.write("specter: choose exactly one of --schema, --request or --response\n")
            return nil
        }
        if let pointer = arguments.value("--schema") {
            guard let schema = document.schema(at: pointer) else {
                environment.stderr.write("specter: no schema at \(TextStyle.safe(pointer)) in \(TextStyle.safe(document.documents.rootDisplayName))"
                    + TextStyle.safe(Suggestion.phrase(for: pointer, among: document.schemas.map(\.name))) + "\n")
                return nil
            }
            return SchemaSelection(schema: schema, direction: .neutral, label: pointer)
        }
        let name = arguments.value("--request") ?? arguments.value("--response") ?? ""
        guard let operation = OperationLookup.find(name, in: document, environment) else { return nil }
        let mediaType = arguments.value("--media-type")
        if arguments.flag("--request") {
            guard let body = operation.requestBody, let media = pick(body.content, mediaType), let schema = media.schema else {
                environment.stderr.write("specter: \(TextStyle.safe(operation.displayID)) has no request body schema\(mediaType.map { " for \(TextStyle.safe($0))" } ?? "")\n")
                return nil
            }
            return SchemaSelection(schema: schema, direction: .request, label: "request body of \(operation.displayID) (\(media.name))")
        }
        let status = arguments.value("--status")
        let response = status.map { wanted in operation.responses.first { $0.status.caseInsensitiveCompare(wanted) == .orderedSame } ?? Int(wanted).flatMap(operation.response(for:)) }
            ?? operation.responses.first { $0.status.hasPrefix("2") }
        guard let response else {
            environment.stderr.write("specter: \(TextStyle.safe(operation.displayID)) has no response \(TextStyle.safe(status ?? "2XX")); it has \(TextStyle.safe(operation.responses.map(\.status).joined(separator: ", ")))\n")
            return nil
        }
        guard let media = pick(response.content, mediaType), let schema = media.schema else {
            environment.stderr.write("specter: response \(TextStyle.safe(response.status)) of \(TextStyle.safe(operation.displayID)) has no schema\n")
            return nil
        }
        return SchemaSelection(schema: schema, direction: .response, label: "response \(response.status) of \(operation.displayID) (\(media.name))")
    }

    /// The requested media type, else the preferred one, else the first with a schema.
    private static func pick(_ content: [APIMediaType], _ wanted: String?) -> APIMediaType? {
        if let wanted { return content.preferred(wanted) }
        return content.preferred().flatMap { $0.schema == nil ? nil : $0 } ?? content.first { $0.schema != nil }
    }
}
