import SpecterHTTP
import SpecterJSON
import SpecterTerminal

extension Workspace {
    /// Ctrl-T: the body as raw JSON text, or back to the form (when the text parses).
    mutating func toggleRaw(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], operation(entry).requestBody != nil else { return [] }
        if let raw = session.raw {
            let text = raw.editor.text
            let parsed: JSONValue?
            do throws(JSONParseError) {
                parsed = text.trimming(" \n\t").isEmpty ? nil : try JSONParser.parse(text)
            } catch {
                notify("The JSON does not parse (\(error.description)); fix it to go back to the form", kind: .error, now: context.now)
                return []
            }
            editSession(entry) { session in
                session.form.setBodyJSON(parsed)
                session.raw = nil
                // Back on the row it left, when the text still has it; else on the body's first field.
                if let row = raw.returnTo, session.rows.contains(row) {
                    session.select(row)
                } else {
                    session.select(.section(.body))
                    if let first = session.rows.drop(while: { $0 != .section(.body) }).first(where: \.isSelectable) { session.select(first) }
                }
            }
        } else {
            let text = session.form.bodyJSON.map { JSONWriter.pretty.string($0) } ?? ""
            editSession(entry) { session in
                session.raw = RawBody(editor: TextEditor(text), returnTo: session.selectedRow)
                session.select(.raw)
            }
            validateRaw(entry)
        }
        editSession(entry) { session in session.revealSelection(in: context.layout.formRows.size) }
        return []
    }

    /// Ctrl-G: the whole body from the description's example (or one generated from its schema),
    /// into the form or the raw editor, whichever shows.
    mutating func fillBodyFromExample(_ entry: Int, _ context: UpdateContext) {
        guard let session = sessions[entry], session.operation.requestBody != nil else { return }
        guard let example = service.bodyExample(for: session.operation, mediaType: session.form.bodyMediaType) else {
            notify("The description has no example for this body, and none could be made from its schema", kind: .info, now: context.now)
            return
        }
        editSession(entry) { session in
            if session.raw != nil {
                session.raw?.editor.setText(JSONWriter.pretty.string(example))
            } else {
                session.form.setBodyJSON(example)
            }
            session.markEdited()
        }
        validateRaw(entry)
        notify("Body filled from the description's example", kind: .success, now: context.now)
    }

    /// An action in the raw editor: its keys edit and move in the text.
    mutating func editRaw(_ action: Action, entry: Int, paneHeight: Int) {
        guard let key = action.editingKey, let session = sessions[entry] else { return }
        let height = session.rawEditorHeight(paneHeight: paneHeight)
        var edited = false
        editSession(entry) { session in
            guard var raw = session.raw else { return }
            edited = raw.editor.handle(key, pageHeight: height) == .edited
            session.raw = raw
            if edited {
                session.markEdited()
            }
        }
        if edited { validateRaw(entry) }
    }

    /// Checks the raw body: that it parses, then that it matches the body's schema; marks the lines
    /// the problems are on. The form follows the text, so switching back loses nothing.
    mutating func validateRaw(_ entry: Int) {
        let requestBody = operation(entry).requestBody
        let validator = service.requestValidator
        editSession(entry) { session in
            guard var raw = session.raw else { return }
            let text = raw.editor.text
            raw.problems = []
            raw.editor.errorLines = []
            // A body the description does not document is checked only for being JSON, and only when it says it is.
            let checksJSON = raw.undocumented.map { $0.isJSON && $0.mediaType.map { MediaType.isJSON($0) } ?? true } ?? true
            if checksJSON, !text.trimming(" \n\t").isEmpty {
                do throws(JSONParseError) {
                    let value = try JSONParser.parse(text)
                    session.form.setBodyJSON(value)
                    if let schema = requestBody?.content.preferred(session.form.bodyMediaType)?.schema {
                        let bytes = Array(text.utf8)
                        for error in validator.validate(value, against: schema).prefix(20) {
                            let position = JSONLocator.position(of: error.pointer, in: bytes)
                            if let line = position?.line { raw.editor.errorLines.insert(line - 1) }
                            // A long path goes after the message, which the pane's width would otherwise cut off.
                            let path = error.readablePath
                            let told = path.isEmpty ? error.message : path.count > 24 ? error.message + " (at " + path + ")" : path + ": " + error.message
                            raw.problems.append((position.map { "line \($0.line): " } ?? "") + told)
                        }
                    }
                } catch {
                    raw.problems = [error.description]
                    raw.editor.errorLines = [error.position.line - 1]
                }
            }
            session.raw = raw
        }
    }

    /// The external editor closed: its text becomes the body (in the form when it parses and the
    /// form is showing, otherwise in the raw editor, so nothing typed there is lost).
    mutating func finishedEditing(entry: Int, text: String?, error: String?, _ context: UpdateContext) -> [Effect] {
        guard let text else {
            notify("The editor did not run: \(error ?? "unknown error")", kind: .error, now: context.now)
            return []
        }
        editSession(entry) { session in
            session.markEdited()
            if session.raw == nil, let value = try? JSONParser.parse(text) {
                session.form.setBodyJSON(value)
            } else if session.raw != nil {
                session.raw?.editor.setText(text)
            } else {
                session.raw = RawBody(editor: TextEditor(text))
                session.select(.raw)
            }
        }
        validateRaw(entry)
        notify("Body read back from the editor", kind: .success, now: context.now)
        return []
    }
}
