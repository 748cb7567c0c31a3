import SpecterJSON
import SpecterSpec

/// The API itself, as its description presents it: title and versions, its own description
/// (Markdown), servers with their variables, security schemes, contact, licence and links.
enum OverviewContent {
    static func lines(for document: APIDocument, operations: Int, width: Int) -> [DocLine] {
        var builder = Builder(width: max(20, width))
        builder.document(document, operations: operations)
        return builder.lines
    }

    private struct Builder {
        let width: Int
        var lines: [DocLine] = []

        mutating func line(_ runs: [Run]) {
            for wrapped in Markdown.wrap(runs, width: width) { lines.append(DocLine(runs: wrapped)) }
        }

        mutating func heading(_ text: String) {
            if let last = lines.last, !last.runs.isEmpty { lines.append(DocLine(runs: [])) }
            lines.append(DocLine(runs: [Run(text, .header)]))
        }

        mutating func document(_ document: APIDocument, operations: Int) {
            let info = document.info
            line([Run(info.title, .bold), Run("  " + info.version, .accent)])
            line([Run("\(document.version) · \(operations) operation\(operations == 1 ? "" : "s")", .dim)])
            if let summary = info.summary { line([Run(summary, .accent)]) }
            if let description = info.description {
                lines.append(DocLine(runs: []))
                for markdown in Markdown.render(description, width: width) { lines.append(DocLine(runs: markdown)) }
            }
            servers(document.servers)
            security(document)
            contact(info, externalDocs: document.externalDocs)
        }

        mutating func servers(_ servers: [APIServer]) {
            guard !servers.isEmpty else { return }
            heading("Servers")
            for server in servers {
                line([Run("  " + server.url, .code)] + (server.description.map { [Run("  " + $0, .dim)] } ?? []))
                for variable in server.variables {
                    var text = "    {\(variable.name)} default \(variable.defaultValue)"
                    if !variable.enumValues.isEmpty { text += ", one of " + variable.enumValues.joined(separator: ", ") }
                    line([Run(text, .dim)] + (variable.description.map { [Run("  " + $0)] } ?? []))
                }
            }
        }

        mutating func security(_ document: APIDocument) {
            guard !document.securitySchemes.isEmpty else { return }
            heading("Security schemes")
            for scheme in document.securitySchemes {
                line([Run("  " + scheme.name, .bold), Run("  " + SecurityText.describe(scheme), .dim)])
                if let description = scheme.description {
                    for markdown in Markdown.render(description, width: width - 4) { lines.append(DocLine(runs: [Run("    ")] + markdown)) }
                }
            }
            let required = document.security.filter { !$0.isAnonymous }.map { $0.entries.map(\.scheme).joined(separator: " + ") }
            if !required.isEmpty { line([Run("  By default: " + required.joined(separator: " or "), .dim)]) }
        }

        mutating func contact(_ info: APIInfo, externalDocs: ExternalDocs?) {
            var entries: [(String, String)] = []
            if let contact = info.contact {
                let parts = ["name", "email", "url"].compactMap { contact[$0]?.stringValue }
                if !parts.isEmpty { entries.append(("Contact", parts.joined(separator: " · "))) }
            }
            if let license = info.license, let name = license["name"]?.stringValue {
                entries.append(("Licence", name + (license["url"]?.stringValue.map { " · " + $0 } ?? "")))
            }
            if let terms = info.termsOfService { entries.append(("Terms of service", terms)) }
            if let docs = externalDocs { entries.append(("More", (docs.description.map { $0 + " · " } ?? "") + docs.url)) }
            guard !entries.isEmpty else { return }
            heading("About")
            for (label, value) in entries { line([Run("  " + label + ": ", .dim), Run(value)]) }
        }
    }
}
