import SpecterRequest
import SpecterTerminal

/// A credential's value on screen: a reference (`env:TOKEN`, `{{token}}`) shows as typed; a secret
/// typed in shows as dots, while it is edited too, and never its length.
enum CredentialField {
    static func draw(_ input: TextInput, editing: Bool, theme: Theme, in area: Rect, into buffer: inout CellBuffer) {
        let isSecret = CredentialReference(text: input.text).isSecret
        if editing {
            var input = input
            input.draw(in: area, focused: true, style: .underline, placeholder: "secret, env:VARIABLE or {{variable}}", placeholderStyle: theme.palette.dim,
                       masked: isSecret, into: &buffer)
        } else if input.text.isEmpty {
            buffer.draw("not set", at: Point(x: area.x, y: area.y), style: theme.palette.dim, clip: area)
        } else {
            buffer.draw(isSecret ? "••••••••" : input.text, at: Point(x: area.x, y: area.y), clip: area)
        }
    }
}
