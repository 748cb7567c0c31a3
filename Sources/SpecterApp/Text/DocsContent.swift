import Foundation
import SpecterJSON
import SpecterSchema
import SpecterSpec
import SpecterTerminal
import SpecterText

/// An operation's documentation as lines: summary, description (Markdown), parameters, the request
/// body as a foldable type tree, responses with their schemas and examples, and security. Content
/// only (text with tones, where each schema node folds): the view styles it, `update` moves in it.
enum DocsContent {
    static func lines(for operation: APIOperation, in document: APIDocument, width: Int, toggled: Set<String>) -> [DocLine] {
        var builder = Builder(document: document, width: max(20, width), toggled: toggled)
        builder.operation(operation)
        return builder.lines
    }

    private struct Builder {
        let document: APIDocument
        let width: Int
        let toggled: Set<String>
        var lines: [DocLine] = []

        /// A line; one wider than the pane continues on the next (nothing is cut), indented as it starts.
        mutating func line(_ runs: [Run], fold: String? = nil, folded: Bool = false) {
            guard runs.displayWidth > width else {
                lines.append(DocLine(runs: runs, foldKey: fold, isFolded: folded))
                return
            }
            let indent = String(runs.text.prefix { $0 == " " })
            let pieces = Markdown.wrap(runs, width: width)
            lines.append(DocLine(runs: pieces[0], foldKey: fold, isFolded: folded))
            let remainder = pieces.dropFirst().flatMap { $0 + [Run(" ")] }
            for piece in Markdown.wrap(remainder, width: width - indent.count - 2) where !piece.isEmpty {
                lines.append(DocLine(runs: [Run(indent + "  ")] + piece))
            }
        }

        mutating func blank() {
            if let last = lines.last, !last.runs.isEmpty { line([]) }
        }

        mutating func heading(_ text: String) {
            blank()
            line([Run(text, .header)])
        }

        mutating func operation(_ operation: APIOperation) {
            var title = [Run(operation.method, Tone(.method(operation.method))), Run(" "), Run(operation.path, .bold)]
            if operation.deprecated { title.append(Run("  deprecated", .deprecated)) }
            if operation.isWebhook { title.append(Run("  webhook", .dim)) }
            for wrapped in Markdown.wrap(title, width: width) { line(wrapped) }
            if let summary = operation.summary { for wrapped in Markdown.wrap([Run(summary, .accent)], width: width) { line(wrapped) } }
            var meta: [String] = []
            if let identifier = operation.operationID { meta.append("operationId " + identifier) }
            if !operation.tags.isEmpty { meta.append("tags " + operation.tags.joined(separator: ", ")) }
            if !meta.isEmpty { for wrapped in Markdown.wrap([Run(meta.joined(separator: " · "), .dim)], width: width) { line(wrapped) } }
            if let description = operation.description, description != operation.summary {
                blank()
                for markdown in Markdown.render(description, width: width) { line(markdown) }
            }
            parameters(operation.parameters)
            if let body = operation.requestBody { requestBody(body) }
            responses(operation.responses)
            security(operation.security ?? document.security)
        }

        mutating func parameters(_ parameters: [APIParameter]) {
            guard !parameters.isEmpty else { return }
            heading("Parameters")
            let nameWidth = min(24, parameters.map { DisplayWidthTable.width(of: $0.name) + 1 }.max() ?? 0)
            for parameter in parameters {
                let outline = parameter.schema.map { SchemaOutline.build($0, documents: document.documents) }
                let type = outline?.type ?? parameter.content.first.map { "content " + $0.name } ?? "any"
                var runs = [Run("  "), Run(DisplayWidth.pad(parameter.name + (parameter.required ? "*" : ""), to: nameWidth), parameter.required ? .bold : .plain),
                            Run("  " + parameter.location.rawValue, .dim), Run("  " + type, .accent)]
                if parameter.deprecated { runs.append(Run("  deprecated", .deprecated)) }
                for wrapped in Markdown.wrap(runs, width: width) { line(wrapped) }
                var notes = outline?.notes ?? []
                if let description = parameter.description { notes.insert(description, at: 0) }
                if !notes.isEmpty {
                    for wrapped in Markdown.wrap(Markdown.inline(notes.joined(separator: " · ")), width: width - 4) { line([Run("    ")] + wrapped) }
                }
            }
        }

        mutating func requestBody(_ body: APIRequestBody) {
            heading("Request body" + (body.required ? " (required)" : ""))
            if let description = body.description {
                for markdown in Markdown.render(description, width: width - 2) { line([Run("  ")] + markdown) }
            }
            for (index, media) in body.content.enumerated() {
                if index > 0, let schema = media.schema, let first = body.content.first?.schema, schema.value == first.value {
                    line([Run("  " + media.name, .dim), Run("  same schema", .dim)])
                    continue
                }
                mediaType(media, key: "body/\(index)", startsOpen: index == 0)
            }
        }

        mutating func responses(_ responses: [APIResponse]) {
            guard !responses.isEmpty else { return }
            heading("Responses")
            let firstSuccess = responses.firstIndex { $0.status.hasPrefix("2") } ?? 0
            for (index, response) in responses.enumerated() {
                let status = Int(response.status.prefix(3).replacingOccurrences(of: "X", with: "0")) ?? 0
                let description = response.description.map { String($0.split(separator: "\n").first ?? "") } ?? ""
                for wrapped in Markdown.wrap([Run("  "), Run(response.status, response.status == "default" ? .bold : Tone(.status(status))), Run("  " + description)], width: width) {
                    line(wrapped)
                }
                for (mediaIndex, media) in response.content.enumerated() {
                    mediaType(media, key: "response/\(index)/\(mediaIndex)", startsOpen: index == firstSuccess && mediaIndex == 0)
                }
                for header in response.headers {
                    line([Run("    header ", .dim), Run(header.name), Run(header.description.map { "  " + $0 } ?? "", .dim)])
                }
            }
        }

        mutating func mediaType(_ media: APIMediaType, key: String, startsOpen: Bool) {
            guard let schema = media.schema else {
                line([Run("    " + media.name, .dim)])
                return
            }
            // Only as deep as what shows (nested nodes start folded), plus the levels that name their types and children.
            let opened = toggled.filter { $0.hasPrefix(key + "/") }.map { $0.split(separator: "/").count - key.split(separator: "/").count }.max() ?? 0
            let outline = SchemaOutline.build(schema, documents: document.documents, maxDepth: 4 + opened)
            tree(outline, label: media.name, key: key, depth: 1, startsOpen: startsOpen)
            if let example = media.example ?? media.examples.first?.value {
                for (index, piece) in LineWrap.hard([Run(JSONWriter.compact.string(example), .code)], width: max(10, width - 12)).enumerated() {
                    line([Run(index == 0 ? "    example " : "            ", .dim)] + piece)
                }
            }
        }

        /// A schema node and (unless folded) its children; nested objects start folded.
        mutating func tree(_ node: SchemaOutline, label: String, key: String, depth: Int, startsOpen: Bool) {
            let hasChildren = !node.children.isEmpty
            let folded = hasChildren && (startsOpen == toggled.contains(key))
            let indent = String(repeating: "  ", count: depth)
            var runs = [Run(indent + (hasChildren ? (folded ? "▸ " : "▾ ") : "  "), .dim),
                        Run(label + (node.required ? "*" : ""), node.required ? .bold : .plain), Run("  " + node.type, .accent)]
            if !node.notes.isEmpty { runs.append(Run("  " + node.notes.joined(separator: "; "), .dim)) }
            line(runs, fold: hasChildren ? key : nil, folded: folded)
            guard hasChildren, !folded else { return }
            for (index, child) in node.children.enumerated() {
                tree(child, label: child.name ?? "item", key: key + "/" + String(index), depth: depth + 1, startsOpen: false)
            }
        }

        mutating func security(_ requirements: [SecurityRequirement]) {
            guard !requirements.isEmpty else { return }
            heading(requirements.count > 1 ? "Security (any one of)" : "Security")
            for requirement in requirements {
                guard !requirement.isAnonymous else {
                    line([Run("  none (anonymous access allowed)", .dim)])
                    continue
                }
                let described = requirement.entries.map { entry -> String in
                    let scheme = document.securitySchemes.first { $0.name == entry.scheme }
                    return entry.scheme + (scheme.map { " (" + SecurityText.describe($0) + ")" } ?? "") + (entry.scopes.isEmpty ? "" : ": " + entry.scopes.joined(separator: ", "))
                }
                for wrapped in Markdown.wrap([Run("  " + described.joined(separator: " + "))], width: width) { line(wrapped) }
            }
        }
    }
}
