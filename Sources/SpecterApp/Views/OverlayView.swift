import SpecterTerminal

/// Whatever covers the screen: help, the quit question, choice lists, prompts, the options picker.
enum OverlayView {
    static func draw(_ overlay: Overlay, workspace: Workspace, theme: Theme, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let area = layout.body
        switch overlay {
        case .help:
            HelpOverlay.draw(title: "Keys · " + workspace.place.rawValue, sections: [(workspace.place.rawValue, Keymap.hints(workspace.place)), ("Everywhere", Keymap.hints(.everywhere))],
                             palette: theme.palette, in: area, into: &buffer)
        case .quitConfirmation(let dialog), .recovery(let dialog, _), .copySecretsConfirmation(let dialog, _), .copyFormat(let dialog, _), .collectionQuestion(let dialog, _), .signIn(let dialog):
            dialog.draw(palette: theme.palette, in: area, into: &buffer)
        case .choices(_, let values, let list):
            let width = min(area.width - 4, max(24, (values.map { DisplayWidthTable.width(of: $0) }.max() ?? 0) + 6))
            let box = choicesBox(Size(width: width, height: min(area.height, values.count + 2)), workspace: workspace, layout: layout)
            buffer.fill(box)
            let inner = Box.draw(box, title: "Choose", style: theme.palette.focusedBorder, titleStyle: theme.palette.accent, into: &buffer)
            var state = list
            state.reveal(height: inner.height, rowCount: values.count)
            ListView.draw(rowCount: values.count, row: { ListRow(.item, [Span(values[$0].isEmpty ? "(not sent)" : values[$0], values[$0].isEmpty ? theme.palette.dim : .plain)]) },
                          state: state, focused: true, palette: theme.palette, in: inner, into: &buffer)
        case .prompt(let prompt):
            let box = area.centered(Size(width: min(area.width - 4, 70), height: 5))
            buffer.fill(box)
            let inner = Box.draw(box, title: prompt.title, style: theme.palette.focusedBorder, titleStyle: theme.palette.accent, into: &buffer)
            var input = prompt.input
            input.draw(in: inner.row(1).inset(left: 1, right: 1), focused: true, style: .underline, into: &buffer)
            buffer.draw("Enter accepts · Esc cancels", at: Point(x: inner.x + 1, y: inner.maxY - 1), style: theme.palette.dim, clip: inner)
        case .options(let picker):
            drawOptions(picker, workspace: workspace, theme: theme, area: area, into: &buffer)
        }
    }

    /// Where a field's list of values opens: under the field, at its value (above it when there is
    /// more room there); in the middle when the field is not on screen.
    private static func choicesBox(_ size: Size, workspace: Workspace, layout: ScreenLayout) -> Rect {
        let area = layout.body
        let form = layout.formRows
        guard case .operation(let entry) = workspace.screen, let session = workspace.sessions[entry], let line = session.selectionLine(in: form.size) else {
            return area.centered(size)
        }
        let x = min(form.x + FormColumns(width: form.width, session: session).valueOffset, area.maxX - size.width)
        let fieldY = form.y + line
        let below = area.maxY - fieldY - 1, above = fieldY - area.y
        let height = min(size.height, max(below, above))
        let y = below >= height || below >= above ? fieldY + 1 : fieldY - height
        return Rect(x: max(area.x, x), y: y, width: size.width, height: height)
    }

    private static func drawOptions(_ picker: OptionsPicker, workspace: Workspace, theme: Theme, area: Rect, into buffer: inout CellBuffer) {
        let box = area.centered(Size(width: min(area.width - 4, 90), height: min(area.height, picker.rows.count + 4)))
        buffer.fill(box)
        let inner = Box.draw(box, title: picker.environments.isEmpty ? "Server and credentials" : "Environment, server and credentials", style: theme.palette.focusedBorder, titleStyle: theme.palette.accent, into: &buffer)
        let labelWidth = min(24, inner.width / 3)
        for (position, row) in picker.rows.enumerated() where position < inner.height - 1 {
            let line = inner.row(position)
            let value = Rect(x: line.x + labelWidth + 1, y: line.y, width: line.width - labelWidth - 1, height: 1)
            let selected = position == picker.list.selection
            switch row {
            case .environment(let index):
                let environment = picker.environments[index]
                let chosen = workspace.settings.environment == environment.name
                buffer.draw((chosen ? "● " : "○ ") + "env " + environment.name, at: Point(x: line.x + 1, y: line.y), clip: Rect(x: line.x, y: line.y, width: labelWidth, height: 1))
                var summary = environment.server ?? "(the description's server)"
                if !environment.credentials.isEmpty { summary += " · credentials: " + environment.credentials.keys.sorted().joined(separator: ", ") }
                buffer.draw(summary, at: Point(x: value.x, y: line.y), style: theme.palette.dim, clip: value)
            case .server(let index):
                // With an environment chosen, it is the one choice marked: its server comes with it.
                let chosen: Bool
                if workspace.settings.environment == nil, case .described(let current, _) = workspace.settings.server { chosen = current == index } else { chosen = false }
                buffer.draw((chosen ? "● " : "○ ") + "server \(index + 1)", at: Point(x: line.x + 1, y: line.y), clip: line)
                let server = picker.servers[index]
                buffer.draw(server.url + (server.description.map { "  " + $0 } ?? ""), at: Point(x: value.x, y: line.y), clip: value)
            case .customURL:
                let chosen: Bool
                if workspace.settings.environment == nil, case .url = workspace.settings.server { chosen = true } else { chosen = false }
                buffer.draw((chosen ? "● " : "○ ") + "other URL", at: Point(x: line.x + 1, y: line.y), clip: line)
                var input = picker.customURL
                input.draw(in: value, focused: selected, style: .underline, placeholder: "http://127.0.0.1:8000 · Enter uses it", placeholderStyle: theme.palette.dim, into: &buffer)
            case .variable(let name):
                buffer.draw("  {\(name)}", at: Point(x: line.x + 1, y: line.y), clip: line)
                let text = workspace.settings.variables[name] ?? ""
                let choices = picker.variables(workspace.settings).first { $0.name == name }?.enumValues ?? []
                if choices.isEmpty, selected, var input = picker.variableInputs[name] {
                    input.draw(in: value, focused: true, style: .underline, into: &buffer)
                } else {
                    buffer.draw(text + (choices.isEmpty ? "" : "  ← → " + choices.joined(separator: " | ")), at: Point(x: value.x, y: line.y), clip: value)
                }
            case .credential(let scheme):
                buffer.draw("  " + scheme, at: Point(x: line.x + 1, y: line.y), clip: Rect(x: line.x, y: line.y, width: labelWidth, height: 1))
                CredentialField.draw(workspace.settings.credentials[scheme] ?? TextInput(), editing: selected, theme: theme, in: value, into: &buffer)
            }
            if selected { buffer.restyle(line) { $0.overlaid(with: theme.palette.selection) } }
        }
        buffer.draw("↑ ↓ move · Enter chooses · Esc closes", at: Point(x: inner.x + 1, y: inner.maxY - 1), style: theme.palette.dim, clip: inner)
    }
}
