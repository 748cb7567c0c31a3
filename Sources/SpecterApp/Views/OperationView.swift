import SpecterSpec
import SpecterTerminal

/// An open operation: the form on one side, the response (or the documentation) on the other.
enum OperationView {
    static func draw(_ session: OperationSession, workspace: Workspace, state: AppState, layout: ScreenLayout, into buffer: inout CellBuffer) {
        let theme = state.theme
        let operation = workspace.index.entries[session.entry].operation
        let (formFrame, responseFrame) = layout.operation
        let formFocused = workspace.focus == .form
        var title = operation.method + " " + operation.path
        if let summary = operation.summary { title += " — " + summary }
        Box.draw(formFrame, title: title, style: formFocused ? theme.palette.focusedBorder : theme.palette.border, titleStyle: theme.method(operation.method), into: &buffer)
        let invalid = session.invalidCount
        let badge = invalid == 0 ? " ✓ valid " : " ✗ \(invalid) invalid "
        buffer.draw(badge, at: Point(x: formFrame.maxX - DisplayWidthTable.width(of: badge) - 1, y: formFrame.maxY - 1),
                    style: invalid == 0 ? theme.palette.success : theme.palette.error)
        FormView.draw(session, workspace: workspace, focused: formFocused, theme: theme, in: layout.formRows, into: &buffer)
        let responseFocused = workspace.focus == .response
        Box.draw(responseFrame, title: "Response", style: responseFocused ? theme.palette.focusedBorder : theme.palette.border, titleStyle: .bold, into: &buffer)
        ResponseView.draw(session, workspace: workspace, state: state, focused: responseFocused, frame: responseFrame, into: &buffer)
    }
}
