import Foundation
import SpecterApp
import SpecterJSON
import SpecterSchema
import SpecterSpec
import SpecterText

/// `specter show`: one operation's documentation, readable in a terminal.
enum ShowCommand {
    static let spec = CommandSpec(
        name: "show", summary: "Show an operation's documentation: parameters, request body schema and responses.",
        arguments: "SPEC_OR_URL OPERATION", options: SpecOptions.options,
        discussion: "OPERATION is an operationId (getPetById) or a method and path in quotes ('GET /pet/{petId}').",
        positionalCount: 2...2)

    static func run(_ arguments: ParsedArguments, _ environment: CLIEnvironment) async -> ExitStatus {
        guard let document = await SpecOptions.load(arguments.positionals[0], arguments, environment) else { return .usage }
        guard let operation = OperationLookup.find(arguments.positionals[1], in: document, environment) else { return .usage }
        environment.stdout.write(render(operation, in: document, style: TextStyle(enabled: environment.usesColor)))
        return .success
    }

    static func render(_ operation: APIOperation, in document: APIDocument, style: TextStyle) -> String {
        var lines: [String] = []
        var title = style.apply(.method(operation.method), operation.method) + " " + style.apply(.heading, TextStyle.safe(operation.path))
        if operation.deprecated { title += style.apply(.warning, "  (deprecated)") }
        lines.append(title)
        var identity: [String] = []
        if let summary = operation.summary { identity.append(TextStyle.safe(summary)) }
        if let identifier = operation.operationID { identity.append(style.apply(.dim, "[\(TextStyle.safe(identifier))]")) }
        if !identity.isEmpty { lines.append(identity.joined(separator: "  ")) }
        if !operation.tags.isEmpty { lines.append(style.apply(.dim, "Tags: " + operation.tags.map(TextStyle.safe).joined(separator: ", "))) }
        if let description = operation.description, description != operation.summary {
            lines.append("")
            lines += Self.prose(description)
        }
        let servers = operation.servers.isEmpty ? document.servers : operation.servers
        if !servers.isEmpty {
            lines += ["", style.apply(.heading, "Servers")]
            lines += servers.map { "  " + TextStyle.safe($0.url) + ($0.description.map { style.apply(.dim, "  " + TextStyle.safe($0)) } ?? "") }
        }
        let requirements = operation.security ?? document.security
        if !requirements.isEmpty {
            lines += ["", style.apply(.heading, requirements.count > 1 ? "Security (any of)" : "Security")]
            lines += requirements.map { requirement in
                guard !requirement.isAnonymous else { return "  none (anonymous access)" }
                return "  " + requirement.entries.map { entry in
                    TextStyle.safe(entry.scheme) + (entry.scopes.isEmpty ? "" : ": " + entry.scopes.map(TextStyle.safe).joined(separator: ", "))
                }.joined(separator: " + ")
            }
        }
        if !operation.parameters.isEmpty {
            lines += ["", style.apply(.heading, "Parameters")]
            lines += parameterTable(operation.parameters, documents: document.documents)
        }
        if let body = operation.requestBody {
            lines += ["", style.apply(.heading, "Request body") + (body.required ? " (required)" : "") + " — " + body.content.map { TextStyle.safe($0.name) }.joined(separator: ", ")]
            if let description = body.description { lines += Self.prose(description).map { "  " + $0 } }
            if let schema = body.content.first(where: { $0.schema != nil })?.schema {
                let outline = SchemaOutline.build(schema, documents: document.documents)
                lines.append("  " + TextStyle.safe(outline.type))
                lines += tree(outline.children.flatMap { $0.rows(depth: 2) }, style: style)
            }
        }
        if !operation.responses.isEmpty {
            lines += ["", style.apply(.heading, "Responses")]
            for response in operation.responses {
                let status = style.apply(statusRole(response.status), TextStyle.safe(response.status))
                lines.append("  \(status)  " + TextStyle.safe(response.description.map { MarkdownText.lines($0, width: .max).first { !$0.isEmpty } ?? "" } ?? ""))
                var previous: SchemaRef?
                for media in response.content {
                    var line = "       " + TextStyle.safe(media.name)
                    guard let schema = media.schema else {
                        lines.append(line)
                        continue
                    }
                    let outline = SchemaOutline.build(schema, documents: document.documents)
                    line += ": " + TextStyle.safe(outline.type)
                    if let previous, previous.value == schema.value, previous.address.document == schema.address.document {
                        lines.append(line + style.apply(.dim, "  (same schema as above)"))
                        continue
                    }
                    previous = schema
                    lines.append(line)
                    lines += tree(outline.children.flatMap { $0.rows(depth: 4) }, style: style)
                }
                for header in response.headers {
                    lines.append("       header " + TextStyle.safe(header.name) + (header.description.map { "  " + TextStyle.safe($0) } ?? ""))
                }
            }
        }
        if !operation.callbacks.isEmpty {
            lines += ["", style.apply(.heading, "Callbacks")]
            for callback in operation.callbacks {
                lines.append("  " + TextStyle.safe(callback.name) + "  " + TextStyle.safe(callback.expression))
                lines += callback.operations.map { "    " + $0.method + " " + TextStyle.safe($0.summary ?? "") }
            }
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }

    /// Schema rows as an indented tree with the types and notes in aligned columns.
    private static func tree(_ rows: [SchemaOutline.Row], style: TextStyle) -> [String] {
        let labels = rows.map { String(repeating: "  ", count: $0.depth) + TextStyle.safe($0.label) }
        let labelWidth = min(40, labels.map(DisplayWidth.of).max() ?? 0)
        let typeWidth = min(36, rows.map { DisplayWidth.of(TextStyle.safe($0.type)) }.max() ?? 0)
        return zip(rows, labels).map { row, label in
            var line = DisplayWidth.of(label) > labelWidth ? label + "  " : DisplayWidth.pad(label, to: labelWidth) + "  "
            let type = TextStyle.safe(row.type)
            line += row.notes.isEmpty ? type : (DisplayWidth.of(type) > typeWidth ? type : DisplayWidth.pad(type, to: typeWidth))
            if !row.notes.isEmpty { line += "  " + style.apply(.dim, TextStyle.safe(row.notes.joined(separator: "; "))) }
            return line
        }
    }

    private static func parameterTable(_ parameters: [APIParameter], documents: DocumentSet) -> [String] {
        let rows: [[String]] = parameters.map { parameter in
            let outline = parameter.schema.map { SchemaOutline.build($0, documents: documents) }
            var type = outline?.type ?? parameter.content.first.map { "content: \($0.name)" } ?? "any"
            if parameter.style != APIParameter.defaultStyle(for: parameter.location) || (parameter.style == .form && !parameter.explode) {
                type += " [\(parameter.style.rawValue)\(parameter.explode ? ", explode" : "")]"
            }
            var notes = outline?.notes ?? []
            if parameter.deprecated { notes.append("deprecated") }
            var description = parameter.description.map(firstSentence) ?? ""
            if !notes.isEmpty { description += (description.isEmpty ? "" : "  ") + "(" + notes.joined(separator: ", ") + ")" }
            return [parameter.name + (parameter.required ? "*" : ""), parameter.location.rawValue, type, description].map(TextStyle.safe)
        }
        let widths = (0..<3).map { column in rows.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return rows.map { row in
            "  " + (0..<3).map { DisplayWidth.pad(row[$0], to: widths[$0]) }.joined(separator: "  ") + "  " + row[3]
        }
    }

    /// A description's Markdown (and the HTML some descriptions hold) as the explorer's docs show it,
    /// one line per paragraph or item (the terminal wraps them), sanitised.
    static func prose(_ text: String) -> [String] {
        MarkdownText.lines(text, width: .max).flatMap(TextStyle.safeLines)
    }

    /// The first sentence or line of a description, cut to a readable length.
    static func firstSentence(_ text: String) -> String {
        var line = MarkdownText.lines(text, width: .max).first { !$0.isEmpty } ?? ""
        if let end = line.range(of: ". "), line.distance(from: line.startIndex, to: end.lowerBound) >= 20 {
            line = String(line[..<end.lowerBound]) + "."
        }
        return DisplayWidth.truncate(line, to: 100)
    }

    private static func statusRole(_ status: String) -> TextStyle.Role {
        switch status.first {
        case "2": return .success
        case "3": return .emphasis
        case "4", "5": return .error
        default: return .dim
        }
    }
}

/// Finds the operation a user named, or explains what exists.
enum OperationLookup {
    static func find(_ name: String, in document: APIDocument, _ environment: CLIEnvironment) -> APIOperation? {
        if let operation = document.operation(named: name) { return operation }
        let all = document.operations + document.webhooks
        let candidates = all.map(\.displayID) + all.map { "\($0.method) \($0.path)" }
        let close = candidates.sorted { Suggestion.editDistance($0.lowercased(), name.lowercased()) < Suggestion.editDistance($1.lowercased(), name.lowercased()) }.prefix(3)
        environment.stderr.write("specter: no operation \"\(TextStyle.safe(name))\" in \(TextStyle.safe(document.info.title)); closest: "
            + close.map { "\"\(TextStyle.safe($0))\"" }.joined(separator: ", ") + " (specter list shows them all)\n")
        return nil
    }
}
