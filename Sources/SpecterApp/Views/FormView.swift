import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// The request form: server, parameters by location, body fields (or the raw JSON editor), credentials.
/// Each field shows its name (`*` when required), its type and hints, its value, and its errors on
/// the line below.
enum FormView {
    static func draw(_ session: OperationSession, workspace: Workspace, focused: Bool, theme: Theme, in area: Rect, into buffer: inout CellBuffer) {
        let operation = workspace.operation(session.entry)
        let columns = FormColumns(width: area.width, session: session)
        var y = area.y
        let rows = session.rows
        let selection = session.selection
        var position = session.offset
        while position < rows.count, y < area.maxY {
            let row = rows[position]
            let height = min(area.maxY - y, session.height(of: row, in: area.size, columns: columns))
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            let selected = position == selection
            let context = RowContext(session: session, workspace: workspace, operation: operation, theme: theme, selected: selected, focused: focused,
                                     labelWidth: columns.label, typeWidth: columns.type, valueX: area.x + columns.valueOffset)
            drawRow(row, context: context, in: Rect(x: area.x, y: y, width: area.width, height: height), into: &buffer)
            if selected && row != .raw {
                buffer.restyle(line) { $0.overlaid(with: focused ? theme.palette.selection : theme.palette.inactiveSelection) }
            }
            y += height
            position += 1
        }
        if rows.count > area.height {
            ScrollIndicator.draw(offset: session.offset, visible: area.height, total: rows.count, palette: theme.palette, in: area, into: &buffer)
        }
    }

    private struct RowContext {
        let session: OperationSession
        let workspace: Workspace
        let operation: APIOperation
        let theme: Theme
        let selected: Bool
        let focused: Bool
        let labelWidth: Int
        let typeWidth: Int
        let valueX: Int
        var palette: Palette { theme.palette }
    }

    private static func drawRow(_ row: FormRow, context: RowContext, in area: Rect, into buffer: inout CellBuffer) {
        let theme = context.theme
        let y = area.y
        let valueArea = Rect(x: context.valueX, y: y, width: max(0, area.maxX - context.valueX - 1), height: 1)
        switch row {
        case .server:
            buffer.draw("Server", at: Point(x: area.x, y: y), style: theme.palette.header)
            buffer.draw(context.workspace.serverURL(for: context.session.entry), at: Point(x: area.x + 8, y: y), clip: area.inset(right: 6))
            buffer.draw("F2", at: Point(x: area.maxX - 4, y: y), style: theme.palette.key, clip: area)
        case .section(let section):
            let title: String
            var detail = ""
            switch section {
            case .parameters(let location): title = location.rawValue.capitalized + " parameters"
            case .body:
                title = "Body"
                let media = context.session.form.bodyMediaType ?? context.operation.requestBody?.content.first?.name ?? ""
                if let undocumented = context.session.raw?.undocumented {
                    detail = (undocumented.mediaType ?? (undocumented.isJSON ? "JSON" : "text")) + " · as saved"
                } else {
                    detail = context.session.raw == nil ? "\(media) · Ctrl-T raw JSON" : "\(media) · raw JSON · Ctrl-T back to the form"
                }
                if context.operation.requestBody?.required == true { detail = "required · " + detail }
            case .extras:
                title = "More"
                detail = "headers and query parameters the description does not list"
            case .auth: title = "Auth"
            case .keptAside:
                title = "Kept aside"
                detail = "no longer in the description · not sent · back if the field returns"
            }
            let end = buffer.draw(title, at: Point(x: area.x, y: y), style: theme.palette.header, clip: area)
            if !detail.isEmpty { buffer.draw("  " + detail, at: Point(x: end, y: y), style: theme.palette.dim, clip: area) }
        case .field(let id, let depth):
            guard let field = context.session.form.field(id) else { return }
            drawField(field, id: id, depth: depth, context: context, row: area.row(0), valueArea: valueArea, into: &buffer)
        case .message(_, let text, let fromServer, let depth):
            let x = min(context.valueX, area.x + 2 + depth * 2 + 4)
            buffer.draw("✗ " + (fromServer ? "server: " : "") + text, at: Point(x: x, y: y), style: theme.palette.error, clip: area)
        case .credential(let scheme):
            buffer.draw(scheme, at: Point(x: area.x + 2, y: y), clip: Rect(x: area.x, y: y, width: context.labelWidth, height: 1))
            let kind = context.workspace.document.securitySchemes.first { $0.name == scheme }.map(SecurityText.describe) ?? "not defined"
            buffer.draw(kind, at: Point(x: area.x + context.labelWidth + 1, y: y), style: theme.palette.dim,
                        clip: Rect(x: area.x + context.labelWidth + 1, y: y, width: context.typeWidth, height: 1))
            CredentialField.draw(context.workspace.settings.credentials[scheme] ?? TextInput(), editing: context.selected && context.focused, theme: theme,
                                 in: valueArea, into: &buffer)
        case .extra(let serial):
            guard let extra = context.session.extras.first(where: { $0.serial == serial }) else { return }
            buffer.draw(extra.name, at: Point(x: area.x + 2, y: y), clip: Rect(x: area.x, y: y, width: context.labelWidth, height: 1))
            buffer.draw(extra.kind.noun + (extra.isCredential ? " · credential" : ""), at: Point(x: area.x + context.labelWidth + 1, y: y), style: theme.palette.dim,
                        clip: Rect(x: area.x + context.labelWidth + 1, y: y, width: context.typeWidth, height: 1))
            if extra.isCredential {
                CredentialField.draw(extra.value, editing: context.selected && context.focused, theme: theme, in: valueArea, into: &buffer)
            } else if context.selected && context.focused {
                var input = extra.value
                input.draw(in: valueArea, focused: true, style: .underline, placeholder: "value", placeholderStyle: theme.palette.dim, into: &buffer)
            } else {
                buffer.draw(extra.value.text, at: Point(x: valueArea.x, y: y), clip: valueArea)
            }
        case .addExtra(let kind):
            buffer.draw("+ add a \(kind.noun)", at: Point(x: area.x + 2, y: y), style: theme.palette.dim, clip: area)
            if context.selected { buffer.draw("Enter or +", at: Point(x: valueArea.x, y: y), style: theme.palette.key, clip: valueArea) }
        case .raw:
            guard var raw = context.session.raw else { return }
            // A problem too long for a line goes on over a second one, so its message is not cut off
            // behind a long path: up to three problems, four lines.
            let width = max(10, area.width - 4)
            let lines = Array(raw.problems.prefix(3).flatMap { DisplayWidthTable.wrapWords("✗ " + $0, width: width).prefix(2) }.prefix(4))
            let editorArea = Rect(x: area.x, y: y, width: area.width - 1, height: max(1, area.height - lines.count))
            raw.editor.draw(in: editorArea, focused: context.selected && context.focused, palette: theme.palette, into: &buffer)
            for (index, line) in lines.enumerated() where editorArea.maxY + index < area.maxY {
                buffer.draw(line, at: Point(x: area.x + 2, y: editorArea.maxY + index), style: theme.palette.error, clip: area)
            }
        case .note(let text):
            buffer.draw(text, at: Point(x: area.x + 2, y: y), style: theme.palette.dim, clip: area)
        }
    }

    private static func drawField(_ field: FormField, id: FieldID, depth: Int, context: RowContext, row: Rect, valueArea: Rect, into buffer: inout CellBuffer) {
        let theme = context.theme
        let indent = String(repeating: "  ", count: depth + 1)
        var marker = ""
        if !field.isLeaf { marker = context.session.collapsed.contains(id) || !(field.required || field.isIncluded || field.hasUserContent) ? "▸ " : "▾ " }
        let labelArea = Rect(x: row.x, y: row.y, width: context.labelWidth, height: 1)
        var x = buffer.draw(indent + marker + field.name, at: Point(x: row.x, y: row.y), style: field.deprecated ? theme.deprecated : .plain, clip: labelArea)
        if field.required { x = buffer.draw("*", at: Point(x: x, y: row.y), style: theme.required, clip: labelArea) }
        let typeArea = Rect(x: row.x + context.labelWidth + 1, y: row.y, width: context.typeWidth, height: 1)
        let type = FieldText.typeLabel(field)
        if DisplayWidthTable.width(of: type) > context.typeWidth {
            // Too wide for its column: the whole of it on the line below, under the name.
            let below = Rect(x: row.x + indent.count + 2, y: row.y + 1, width: row.maxX - row.x - indent.count - 3, height: 1)
            buffer.draw(type, at: Point(x: below.x, y: below.y), style: theme.palette.dim, clip: below)
            buffer.draw(String(type.prefix { $0 != " " }), at: Point(x: typeArea.x, y: row.y), style: theme.palette.dim, clip: typeArea)
        } else {
            buffer.draw(type, at: Point(x: typeArea.x, y: row.y), style: theme.palette.dim, clip: typeArea)
        }
        let editing = context.selected && context.focused
        if field.isNull {
            buffer.draw("null", at: Point(x: valueArea.x, y: row.y), style: theme.jsonLiteral.adding(.italic), clip: valueArea)
            return
        }
        switch field.kind {
        case .array:
            let count = field.children.count
            buffer.draw(field.mismatch != nil ? "(not a list: edit as raw JSON)" : "\(count) item\(count == 1 ? "" : "s") · + adds", at: Point(x: valueArea.x, y: row.y), style: theme.palette.dim, clip: valueArea)
        case .map:
            buffer.draw("\(field.children.count) entr\(field.children.count == 1 ? "y" : "ies") · + adds", at: Point(x: valueArea.x, y: row.y), style: theme.palette.dim, clip: valueArea)
        case .object:
            let shown = field.required || field.isIncluded || field.hasUserContent
            buffer.draw(shown ? "" : "not sent · Space includes it", at: Point(x: valueArea.x, y: row.y), style: theme.palette.dim, clip: valueArea)
        case .variant(let alternatives, let selected):
            let name = alternatives.indices.contains(selected) ? alternatives[selected].name : "?"
            let end = buffer.draw("‹" + name + "›", at: Point(x: valueArea.x, y: row.y), style: theme.palette.accent, clip: valueArea)
            buffer.draw("  ← → \(selected + 1) of \(alternatives.count)", at: Point(x: end, y: row.y), style: theme.palette.dim, clip: valueArea)
        default:
            var input = context.session.input(for: id)
            if editing {
                input.draw(in: valueArea, focused: true, style: .underline, placeholder: FieldText.placeholder(field), placeholderStyle: theme.palette.dim, into: &buffer)
            } else if field.text.isEmpty {
                buffer.draw(FieldText.placeholder(field), at: Point(x: valueArea.x, y: row.y), style: theme.palette.dim, clip: valueArea)
            } else {
                buffer.draw(field.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "", at: Point(x: valueArea.x, y: row.y),
                            style: field.errors.isEmpty ? .plain : theme.palette.error, clip: valueArea)
            }
            if field.holdsPlaceholder, !field.text.contains("\n") {
                // What the placeholder stands for, after the text (while it is edited too).
                let resolution = FieldText.resolution(of: field.text, variables: context.workspace.requestVariables)
                let end = valueArea.x + DisplayWidthTable.width(of: field.text) + 1
                buffer.draw("  " + resolution.text, at: Point(x: end, y: row.y), style: resolution.defined ? theme.palette.dim : theme.palette.error, clip: valueArea)
            }
            if case .choice = field.kind, !editing {
                buffer.draw("▾", at: Point(x: valueArea.maxX, y: row.y), style: theme.palette.dim, clip: row)
            }
        }
    }

}
