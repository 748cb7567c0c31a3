import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

extension Workspace {
    mutating func handleOperation(_ key: KeyPress, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        if key == KeyPress(.function(5)) || key == .control("j") { return send(entry, context) }
        if key == .escape, session.isSending { return cancel(entry, context) }
        if focus == .response { return handleResponse(key, entry: entry, context) }
        switch key {
        case .escape:
            screen = .browse
            focus = .list
            refreshDocs(context)
            return []
        case .tab, .backTab:
            var moved = false
            editSession(entry) { session, _, _ in moved = session.moveSelection(by: key == .tab ? 1 : -1, wrap: false) }
            if !moved { focus = .response }
        case .control("t"):
            return toggleRaw(entry, context)
        case .control("e"):
            guard index.entries[entry].operation.requestBody != nil else { return [] }
            let text = session.raw?.editor.text ?? session.form.bodyJSON.map { JSONWriter.pretty.string($0) } ?? ""
            return [.editExternally(entry: entry, text: text)]
        default:
            if case .raw? = session.selectedRow { return editRaw(key, entry: entry, context) }
            if key == .up || key == .down || key == .pageUp || key == .pageDown {
                let step = key == .up ? -1 : key == .down ? 1 : key == .pageUp ? -max(1, context.layout.formRows.height - 2) : max(1, context.layout.formRows.height - 2)
                editSession(entry) { session, _, _ in
                    for _ in 0..<abs(step) where !session.moveSelection(by: step > 0 ? 1 : -1, wrap: false) { break }
                }
            } else {
                return editRow(key, entry: entry, context)
            }
        }
        revealFormSelection(entry, context)
        return []
    }

    /// The selected row's own keys.
    private mutating func editRow(_ key: KeyPress, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], let row = session.selectedRow else { return [] }
        switch row {
        case .server:
            if key == .enter || key == .character(" ") { openOptions() }
        case .credential(let scheme):
            if key == .enter { return handleOperation(.tab, entry: entry, context) }
            var input = settings.credentials[scheme] ?? TextInput()
            _ = input.handle(key)
            settings.credentials[scheme] = input
        case .field(let id, _):
            guard let field = session.form.field(id) else { return [] }
            return editField(field, id: id, key: key, entry: entry, context)
        default:
            break
        }
        revealFormSelection(entry, context)
        return []
    }

    private mutating func editField(_ field: FormField, id: FieldID, key: KeyPress, entry: Int, _ context: UpdateContext) -> [Effect] {
        switch key {
        case .control("d"):
            change(entry, id) { form in form.useDefault(id) }
            return []
        case .control("n"):
            guard field.nullable else {
                notify("\(field.name) cannot be null", kind: .error, now: context.now)
                return []
            }
            change(entry, id) { form in form.setNull(id, !field.isNull) }
            return []
        case .control("x"):
            removeItem(containing: id, entry: entry)
            return []
        case KeyPress(.up, .alt), KeyPress(.down, .alt):
            moveItem(containing: id, by: key.key == .up ? -1 : 1, entry: entry)
            return []
        default:
            break
        }
        switch field.kind {
        case .boolean where key == .character(" ") || key == .left || key == .right:
            let next = field.text == "true" ? "false" : field.text == "false" && key != .right ? "" : "true"
            setText(next, for: id, entry: entry)
        case .choice(let values) where key == .left || key == .right:
            let options = (field.required ? [] : [""]) + values.map(FormField.display)
            let position = options.firstIndex(of: field.text) ?? -1
            let next = (position + (key == .right ? 1 : -1) + options.count) % options.count
            setText(options[next], for: id, entry: entry)
        case .choice(let values) where key == .enter:
            let options = (field.required ? [] : [""]) + values.map(FormField.display)
            overlay = .choices(field: id, values: options, list: ListState(selection: options.firstIndex(of: field.text) ?? 0))
        case .variant(let alternatives, let selected) where key == .left || key == .right:
            let next = (selected + (key == .right ? 1 : -1) + alternatives.count) % alternatives.count
            change(entry, id) { form in form.selectAlternative(id, next) }
        case .array where key == .character("a") || key == .character("+"):
            change(entry, id) { form in form.addItem(id) }
            editSession(entry) { session, _, _ in
                guard let count = session.form.field(id)?.children.count, count > 0 else { return }
                let added = id.child(count - 1)
                if let position = session.rows.firstIndex(where: { if case .field(added, _) = $0 { return true } else { return false } }) {
                    session.selection = position
                }
            }
        case .map where key == .character("a") || key == .character("+"), .object(allowsExtra: true) where key == .character("a"):
            overlay = .prompt(Prompt(title: "Name of the new entry in \(field.name)", purpose: .mapKey(id), input: TextInput()))
        case .array, .map, .object, .variant:
            if key == .character(" ") || key == .enter || key == .left || key == .right {
                toggleComposite(field, id: id, key: key, entry: entry)
            }
        default:
            if key == .enter { return handleOperation(.tab, entry: entry, context) }
            var input = sessions[entry]?.input(for: id) ?? TextInput()
            switch input.handle(key) {
            case .edited:
                setText(input.text, for: id, entry: entry, keeping: input)
            case .moved:
                editSession(entry) { session, _, _ in session.inputs[id] = input }
            case .ignored:
                break
            }
        }
        revealFormSelection(entry, context)
        return []
    }

    /// Space/Enter on an object, list or map: include it when it is optional and left out, otherwise fold it.
    private mutating func toggleComposite(_ field: FormField, id: FieldID, key: KeyPress, entry: Int) {
        let shown = field.required || field.isIncluded || field.hasUserContent
        if !shown {
            change(entry, id) { form in form.setIncluded(id, true) }
            return
        }
        editSession(entry) { session, operation, document in
            if key == .left || (key != .right && !session.collapsed.contains(id)) { session.collapsed.insert(id) } else { session.collapsed.remove(id) }
            session.rebuildRows(operation: operation, document: document)
        }
    }

    /// Sets a leaf's text (re-validating it) and keeps its cursor.
    mutating func setText(_ text: String, for id: FieldID, entry: Int, keeping input: TextInput? = nil) {
        change(entry, id) { form in form.setText(id, text) }
        editSession(entry) { session, _, _ in
            if let input { session.inputs[id] = input } else { session.inputs[id] = nil }
        }
    }

    /// Edits the form, then marks the input unsent, drops what the server said about the field, and re-lists the rows.
    mutating func change(_ entry: Int, _ id: FieldID?, _ edit: (inout RequestForm) -> Void) {
        editSession(entry) { session, operation, document in
            edit(&session.form)
            session.editedSinceSend = true
            session.sendAnywayArmed = false
            if let id {
                session.serverErrors[id] = nil
                session.inputs[id] = nil
            }
            session.rebuildRows(operation: operation, document: document)
        }
    }

    mutating func setChoice(_ id: FieldID, to value: String, _ context: UpdateContext) -> [Effect] {
        guard case .operation(let entry) = screen else { return [] }
        setText(value, for: id, entry: entry)
        return []
    }

    /// The array item that holds `id` (the field itself when it is an item): its parent and position.
    private func item(containing id: FieldID, in form: RequestForm) -> (array: FieldID, index: Int)? {
        var path = id.path
        while !path.isEmpty {
            let last = path.removeLast()
            let parent = FieldID(section: id.section, path: path)
            if case .array? = form.field(parent)?.kind { return (parent, last) }
        }
        return nil
    }

    private mutating func removeItem(containing id: FieldID, entry: Int) {
        guard let form = sessions[entry]?.form, let item = item(containing: id, in: form) else { return }
        change(entry, item.array) { form in form.removeChild(item.array, at: item.index) }
    }

    private mutating func moveItem(containing id: FieldID, by step: Int, entry: Int) {
        guard let form = sessions[entry]?.form, let item = item(containing: id, in: form), let count = form.field(item.array)?.children.count else { return }
        let target = item.index + step
        guard target >= 0, target < count else { return }
        change(entry, item.array) { form in form.moveItem(item.array, from: item.index, to: target) }
        editSession(entry) { session, _, _ in
            let moved = FieldID(section: item.array.section, path: item.array.path + [target] + id.path.dropFirst(item.array.path.count + 1))
            if let position = session.rows.firstIndex(where: { if case .field(moved, _) = $0 { return true } else { return false } }) { session.selection = position }
        }
    }

    mutating func pasteIntoForm(_ text: String, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        if focus == .response {
            guard var search = session.response.search else { return [] }
            search.insert(text)
            editSession(entry) { session, _, _ in session.response.search = search }
            return []
        }
        switch session.selectedRow {
        case .raw?:
            editSession(entry) { session, _, _ in session.raw?.editor.insert(text) }
            validateRaw(entry)
        case .credential(let scheme)?:
            var input = settings.credentials[scheme] ?? TextInput()
            input.insert(text)
            settings.credentials[scheme] = input
        case .field(let id, _)?:
            guard session.form.field(id)?.isLeaf == true else { return [] }
            var input = session.input(for: id)
            input.insert(text)
            setText(input.text, for: id, entry: entry, keeping: input)
        default:
            break
        }
        return []
    }

    /// Keeps the selected row on screen (rows scroll; the raw editor counts as its height).
    mutating func revealFormSelection(_ entry: Int, _ context: UpdateContext) {
        let height = context.layout.formRows.height
        editSession(entry) { session, _, _ in
            guard height > 0 else { return }
            if session.selection < session.offset { session.offset = session.selection }
            var used = 0
            var first = session.selection
            while first >= session.offset {
                used += FormView.height(of: session.rows[first], in: session, paneHeight: height)
                if used > height { break }
                first -= 1
            }
            if first >= session.offset { session.offset = first + 1 }
            if session.selection <= 1 { session.offset = 0 }
        }
    }

    // MARK: - Raw JSON body

    private mutating func toggleRaw(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], index.entries[entry].operation.requestBody != nil else { return [] }
        if let raw = session.raw {
            let text = raw.editor.text
            let trimmed = text.trimming(" \n\t")
            let parsed: JSONValue?
            do throws(JSONParseError) {
                parsed = trimmed.isEmpty ? nil : try JSONParser.parse(text)
            } catch {
                notify("The JSON does not parse (\(error.description)); fix it to go back to the form", kind: .error, now: context.now)
                return []
            }
            editSession(entry) { session, operation, document in
                session.form.setBodyJSON(parsed)
                session.raw = nil
                session.rebuildRows(operation: operation, document: document)
                if let position = session.rows.firstIndex(of: .section(.body)) {
                    session.selection = position
                    session.moveSelection(by: 1, wrap: false)
                }
            }
        } else {
            let text = session.form.bodyJSON.map { JSONWriter.pretty.string($0) } ?? ""
            editSession(entry) { session, operation, document in
                session.raw = RawBody(editor: TextEditor(text))
                session.rebuildRows(operation: operation, document: document)
                if let position = session.rows.firstIndex(of: .raw) { session.selection = position }
            }
            validateRaw(entry)
        }
        revealFormSelection(entry, context)
        return []
    }

    private mutating func editRaw(_ key: KeyPress, entry: Int, _ context: UpdateContext) -> [Effect] {
        let height = FormView.rawEditorHeight(sessions[entry], paneHeight: context.layout.formRows.height)
        var edited = false
        editSession(entry) { session, _, _ in
            guard var raw = session.raw else { return }
            edited = raw.editor.handle(key, pageHeight: height) == .edited
            session.raw = raw
            if edited {
                session.editedSinceSend = true
                session.sendAnywayArmed = false
            }
        }
        if edited { validateRaw(entry) }
        return []
    }

    /// Checks the raw body: that it parses, then that it matches the body schema; marks the lines.
    mutating func validateRaw(_ entry: Int) {
        let operation = index.entries[entry].operation
        let validator = service.requestValidator
        editSession(entry) { session, _, _ in
            guard var raw = session.raw else { return }
            let text = raw.editor.text
            raw.problems = []
            raw.editor.errorLines = []
            if !text.trimming(" \n\t").isEmpty {
                do throws(JSONParseError) {
                    let value = try JSONParser.parse(text)
                    session.form.setBodyJSON(value)
                    if let media = operation.requestBody?.content.preferred(session.form.bodyMediaType), let schema = media.schema {
                        let bytes = Array(text.utf8)
                        for error in validator.validate(value, against: schema).prefix(20) {
                            let position = JSONLocator.position(of: error.pointer, in: bytes)
                            if let line = position?.line { raw.editor.errorLines.insert(line - 1) }
                            raw.problems.append((position.map { "line \($0.line): " } ?? "") + (error.readablePath.isEmpty ? "" : error.readablePath + ": ") + error.message)
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

    mutating func finishedEditing(entry: Int, text: String?, error: String?, _ context: UpdateContext) -> [Effect] {
        guard let text else {
            notify("The editor did not run: \(error ?? "unknown error")", kind: .error, now: context.now)
            return []
        }
        editSession(entry) { session, operation, document in
            session.editedSinceSend = true
            if session.raw == nil, let value = try? JSONParser.parse(text) {
                session.form.setBodyJSON(value)
            } else {
                session.raw = RawBody(editor: TextEditor(text))
            }
            session.rebuildRows(operation: operation, document: document)
        }
        validateRaw(entry)
        if sessions[entry]?.raw != nil {
            editSession(entry) { session, _, _ in session.raw?.editor.setText(text) }
            validateRaw(entry)
        }
        notify("Body read back from the editor", kind: .success, now: context.now)
        return []
    }

    // MARK: - Sending

    mutating func send(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], !session.isSending else { return [] }
        let operation = index.entries[entry].operation
        let invalid = session.invalidCount
        if invalid > 0 && !session.sendAnywayArmed {
            editSession(entry) { session, _, _ in session.sendAnywayArmed = true }
            let first = session.form.invalidFields.first.map { "\($0.field.name): \($0.field.errors.first ?? "invalid")" } ?? session.raw?.problems.first ?? ""
            notify("\(invalid) invalid field\(invalid == 1 ? "" : "s") (\(first)). Press F5 again to send anyway.", kind: .error, now: context.now, seconds: 6)
            return []
        }
        let draft = session.draft(for: operation, in: document, settings: settings)
        let id = nextRequestID
        nextRequestID += 1
        editSession(entry) { session, _, _ in
            session.status = .sending(id: id, since: context.now)
            session.sendAnywayArmed = false
            session.response.tab = .body
        }
        return [.send(RequestJob(id: id, draft: draft, service: service))]
    }

    private mutating func cancel(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard case .sending(let id, _)? = sessions[entry]?.status else { return [] }
        editSession(entry) { session, _, _ in session.status = .idle }
        notify("Request cancelled", kind: .info, now: context.now)
        return [.cancel(requestID: id)]
    }

    private func entry(sending id: Int) -> Int? {
        sessions.first { if case .sending(id, _) = $0.value.status { return true } else { return false } }?.key
    }

    mutating func received(_ exchange: Exchange, for id: Int, _ context: UpdateContext) -> [Effect] {
        guard let entry = entry(sending: id) else { return [] }
        let theme = context.theme
        editSession(entry) { session, operation, document in
            session.status = .received(exchange)
            session.editedSinceSend = false
            session.response = ResponseViewState()
            session.response.tab = .body
            if let body = exchange.body {
                switch body.content {
                case .text(let text): session.response.body = body.json.map { BodyLines(json: $0, theme: theme) } ?? BodyLines(text: text)
                case .binary, .empty, .large: session.response.body = nil
                }
            }
            session.serverErrors = [:]
            session.requestErrors = []
            for error in exchange.fieldErrors {
                if let id = Self.field(named: error.target, in: session.form) {
                    session.serverErrors[id, default: []].append(error.message)
                } else {
                    session.requestErrors.append(error.description)
                }
            }
            session.rebuildRows(operation: operation, document: document)
        }
        if let session = sessions[entry] {
            var kept = session
            kept.response = ResponseViewState()
            history.append(HistoryEntry(entry: entry, sentAt: context.now, session: kept, exchange: exchange))
        }
        if case .failure(let error) = exchange.result {
            editSession(entry) { session, _, _ in session.status = .failed(error.description) }
            notify(error.description, kind: .error, now: context.now, seconds: 6)
        }
        if case .large(isText: true)? = exchange.body?.content, case .success(let response) = exchange.result {
            return [.indexBody(entry: entry, response.body)]
        }
        return []
    }

    /// A large body's lines are known: show it, read from its file.
    mutating func bodyIndexed(_ lines: FileLines, entry: Int) {
        editSession(entry) { session, _, _ in
            guard case .success(let response)? = session.exchange?.result, response.body == lines.body else { return }
            session.response.body = BodyLines(file: lines)
        }
    }

    mutating func requestFailed(_ id: Int, reason: String, _ context: UpdateContext) -> [Effect] {
        guard let entry = entry(sending: id) else { return [] }
        editSession(entry) { session, _, _ in session.status = .failed(reason) }
        notify(reason, kind: .error, now: context.now, seconds: 6)
        return []
    }

    /// The form field a server's error names: a parameter by location and name, or a place in the body.
    static func field(named target: ServerFieldError.Target, in form: RequestForm) -> FieldID? {
        switch target {
        case .parameter(let location, let name):
            guard let position = form.operationParameters[location]?.firstIndex(where: { $0.name == name }) else { return nil }
            return FieldID(section: .parameter(location), path: [position])
        case .body(let path):
            guard var field = form.body else { return nil }
            var id = FieldID(section: .body, path: [])
            for component in path {
                if case .variant = field.kind, let chosen = field.children.first {
                    id = id.child(0)
                    field = chosen
                }
                let position: Int?
                if case .array = field.kind { position = Int(component).flatMap { field.children.indices.contains($0) ? $0 : nil } } else {
                    position = field.children.firstIndex { $0.name == component }
                }
                guard let position else { break }
                id = id.child(position)
                field = field.children[position]
            }
            return id
        case .request:
            return nil
        }
    }

    func copyCurl(_ exchange: Exchange) -> [Effect] {
        [.copyToClipboard(CurlCommand.render(exchange.built))]
    }

    mutating func mouseInOperation(_ mouse: MouseEvent, entry: Int, _ context: UpdateContext) -> [Effect] {
        let layout = context.layout
        guard let session = sessions[entry] else { return [] }
        if layout.operation.form.contains(mouse.position) || (mouse.action != .press(button: 1) && focus == .form) {
            focus = .form
            let rows = layout.formRows
            switch mouse.action {
            case .press(button: 1):
                var y = rows.y
                var position = session.offset
                while position < session.rows.count {
                    let height = FormView.height(of: session.rows[position], in: session, paneHeight: rows.height)
                    if mouse.position.y < y + height { break }
                    y += height
                    position += 1
                }
                if session.rows.indices.contains(position), session.rows[position].isSelectable {
                    editSession(entry) { session, _, _ in session.selection = position }
                }
            case .wheelDown:
                editSession(entry) { session, _, _ in for _ in 0..<3 { session.moveSelection(by: 1, wrap: false) } }
                revealFormSelection(entry, context)
            case .wheelUp:
                editSession(entry) { session, _, _ in for _ in 0..<3 { session.moveSelection(by: -1, wrap: false) } }
                revealFormSelection(entry, context)
            default:
                break
            }
            return []
        }
        focus = .response
        return mouseInResponse(mouse, entry: entry, context)
    }
}
