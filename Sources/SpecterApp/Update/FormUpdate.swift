import SpecterJSON
import SpecterSchema
import SpecterTerminal

extension Workspace {
    /// An action on an open operation: sending and cancelling work from either pane; the rest goes
    /// to the pane with the focus.
    mutating func performInOperation(_ action: Action, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        if action == .send { return stopStream(entry) + send(entry, context) }
        if action == .back, session.isSending { return cancel(entry, context) }
        if action == .back, session.response.stream?.state.isOpen == true { return cancelStream(entry, context) }
        if focus == .response { return performInResponse(action, entry: entry, context) }
        let pane = context.layout.formRows.size
        switch action {
        case .back:
            backToList(context)
            return []
        case .nextPane, .previousPane:
            var moved = false
            editSession(entry) { session in moved = session.moveSelection(by: action == .nextPane ? 1 : -1) }
            if !moved, action == .nextPane { focus = .response }
        case .rawBody:
            return toggleRaw(entry, context)
        case .externalEditor:
            guard operation(entry).requestBody != nil else { return [] }
            // An empty body starts from the description's example, not from nothing.
            let untouched = session.form.bodyJSON == service.form(for: session.operation, mediaType: session.form.bodyMediaType).bodyJSON
            let body = untouched ? service.bodyExample(for: session.operation, mediaType: session.form.bodyMediaType) ?? session.form.bodyJSON : session.form.bodyJSON
            let text = session.raw?.editor.text ?? body.map { JSONWriter.pretty.string($0) } ?? ""
            return [.editExternally(entry: entry, text: text)]
        case .exampleBody:
            fillBodyFromExample(entry, context)
        default:
            if case .raw? = session.selectedRow {
                editRaw(action, entry: entry, paneHeight: pane.height)
            } else if !moveInForm(action, entry: entry, paneHeight: pane.height) {
                return performOnRow(action, entry: entry, context)
            }
        }
        editSession(entry) { session in session.revealSelection(in: pane) }
        return []
    }

    /// Moves between rows; false when the action is not a move here (Home and End in a text move its cursor).
    private mutating func moveInForm(_ action: Action, entry: Int, paneHeight: Int) -> Bool {
        let typing = isTyping
        let page = max(1, paneHeight - 2)
        let step: (direction: Int, count: Int)
        switch action {
        case .up: step = (-1, 1)
        case .down: step = (1, 1)
        case .pageUp: step = (-1, page)
        case .pageDown: step = (1, page)
        case .halfPageUp: step = (-1, max(1, page / 2))
        case .halfPageDown: step = (1, max(1, page / 2))
        case .top where !typing: step = (-1, Int.max / 2)
        case .bottom where !typing: step = (1, Int.max / 2)
        default: return false
        }
        editSession(entry) { session in session.moveSelection(by: step.direction, count: min(step.count, session.rows.count)) }
        return true
    }

    /// The selected row's own actions.
    private mutating func performOnRow(_ action: Action, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], let row = session.selectedRow else { return [] }
        switch row {
        case .server:
            if action == .open || action == .toggle { openOptions() }
        case .credential(let scheme):
            if action == .open {
                editSession(entry) { session in session.moveSelection(by: 1) }
            } else if let key = action.editingKey {
                var input = settings.credentials[scheme] ?? TextInput()
                _ = input.handle(key)
                settings.credentials[scheme] = input
            }
        case .field(let id, _):
            performOnField(action, id: id, entry: entry, context)
        case .extra(let serial):
            performOnExtra(action, serial: serial, entry: entry)
        case .addExtra(let kind):
            if [.open, .toggle, .addItem].contains(action) {
                overlay = .prompt(Prompt(title: "Name of the \(kind.noun) to add", purpose: .extra(kind), input: TextInput()))
            }
        default:
            break
        }
        editSession(entry) { session in session.revealSelection(in: context.layout.formRows.size) }
        return []
    }

    private mutating func performOnField(_ action: Action, id: FieldID, entry: Int, _ context: UpdateContext) {
        guard let field = sessions[entry]?.form.field(id) else { return }
        switch action {
        case .useDefault:
            guard field.defaultValue ?? field.example != nil else {
                notify("\(field.name) has no default or example", kind: .info, now: context.now)
                return
            }
            change(entry, id) { form in form.useDefault(id) }
        case .toggleNull:
            guard field.nullable else {
                notify("\(field.name) cannot be null", kind: .error, now: context.now)
                return
            }
            change(entry, id) { form in form.setNull(id, !field.isNull) }
        case .addItem:
            addItem(near: id, entry: entry, context)
        case .removeItem:
            removeItem(containing: id, entry: entry, context)
        case .moveItemUp, .moveItemDown:
            moveItem(containing: id, by: action == .moveItemUp ? -1 : 1, entry: entry)
        default:
            performOnValue(action, field: field, id: id, entry: entry)
        }
    }

    /// What an action does to a field's value, by its kind.
    private mutating func performOnValue(_ action: Action, field: FormField, id: FieldID, entry: Int) {
        switch field.kind {
        case .boolean:
            guard action == .toggle || action == .left || action == .right || action == .open else { return }
            let next = field.text == "true" ? "false" : field.text == "false" && action != .right ? "" : "true"
            setText(next, for: id, entry: entry)
        case .choice(let values):
            let options = (field.required ? [] : [""]) + values.map(FormField.display)
            if action == .left || action == .right {
                let position = options.firstIndex(of: field.text) ?? -1
                setText(options[(position + (action == .right ? 1 : -1) + options.count) % options.count], for: id, entry: entry)
            } else if action == .open || action == .toggle {
                overlay = .choices(field: id, values: options, list: ListState(selection: options.firstIndex(of: field.text) ?? 0))
            }
        case .variant(let alternatives, let selected) where action == .left || action == .right:
            let next = (selected + (action == .right ? 1 : -1) + alternatives.count) % alternatives.count
            change(entry, id) { form in form.selectAlternative(id, next) }
        case .array, .map, .object, .variant:
            toggleComposite(action, field: field, id: id, entry: entry)
        case .text, .integer, .number, .file, .json:
            if action == .open {
                editSession(entry) { session in session.moveSelection(by: 1) }
                return
            }
            guard let key = action.editingKey, var input = sessions[entry]?.input(for: id) else { return }
            switch input.handle(key) {
            case .edited: setText(input.text, for: id, entry: entry, keeping: input)
            case .moved: editSession(entry) { session in session.inputs[id] = input }
            case .ignored: break
            }
        }
    }

    /// Space, Enter, ← → on an object, list or map: include it when it is optional and left out,
    /// otherwise fold (←), unfold (→) or flip (Space, Enter).
    private mutating func toggleComposite(_ action: Action, field: FormField, id: FieldID, entry: Int) {
        guard [.toggle, .open, .left, .right].contains(action) else { return }
        let shown = field.required || field.isIncluded || field.hasUserContent
        if !shown {
            if action != .left { change(entry, id) { form in form.setIncluded(id, true) } }
            return
        }
        editSession(entry) { session in
            let fold = action == .left || (action != .right && !session.collapsed.contains(id))
            if fold { session.collapsed.insert(id) } else { session.collapsed.remove(id) }
        }
    }

    /// A header or query parameter the user added: its value is typed; Ctrl-X removes it.
    private mutating func performOnExtra(_ action: Action, serial: Int, entry: Int) {
        switch action {
        case .open:
            editSession(entry) { session in session.moveSelection(by: 1) }
        case .removeItem:
            let position = sessions[entry]?.selection ?? 0
            editSession(entry) { session in
                session.removeExtra(serial)
                session.keepSelectionValid(near: position)
            }
        default:
            guard let key = action.editingKey else { return }
            editSession(entry) { session in
                guard let index = session.extras.firstIndex(where: { $0.serial == serial }), session.extras[index].value.handle(key) == .edited else { return }
                session.markEdited()
            }
        }
    }

    // MARK: - Items and entries

    /// `+` on a list adds an item (and selects it); on a map or an object that takes more members it
    /// asks for the new entry's name; on an item it adds another to the item's list.
    private mutating func addItem(near id: FieldID, entry: Int, _ context: UpdateContext) {
        guard let form = sessions[entry]?.form, let field = form.field(id) else { return }
        let list: FieldID
        switch field.kind {
        case .array:
            list = id
        case .map, .object(allowsExtra: true):
            overlay = .prompt(Prompt(title: "Name of the new entry in \(field.name)", purpose: .mapKey(id), input: TextInput()))
            return
        default:
            guard let parent = id.parent, case .array? = form.field(parent)?.kind else {
                notify("+ adds an item to a list or an entry to a map: select one", kind: .info, now: context.now)
                return
            }
            list = parent
        }
        var added: FieldID?
        change(entry, list) { form in added = form.addItem(list) }
        guard let added else { return }
        editSession(entry) { session in
            session.collapsed.remove(list)
            session.selectField(added)
        }
    }

    /// The item or entry `id` is in (or is), which Ctrl-X removes and Alt-↑ ↓ move.
    private func enclosingItem(of id: FieldID, in form: RequestForm, arraysOnly: Bool) -> FieldID? {
        var candidate = id
        while let parent = candidate.parent {
            switch form.field(parent)?.kind {
            case .array?: return candidate
            case .map? where !arraysOnly: return candidate
            default: if !arraysOnly, form.field(candidate)?.isExtra == true { return candidate }
            }
            candidate = parent
        }
        return nil
    }

    private mutating func removeItem(containing id: FieldID, entry: Int, _ context: UpdateContext) {
        guard let session = sessions[entry] else { return }
        let position = session.selection
        if let item = enclosingItem(of: id, in: session.form, arraysOnly: false), let parent = item.parent {
            change(entry, parent) { form in form.remove(item) }
        } else if let field = session.form.field(id), !field.isLeaf, !field.required, field.isIncluded {
            // An optional object or list: stop sending it.
            change(entry, id) { form in form.setIncluded(id, false) }
        } else {
            notify("Ctrl-X removes a list item or a map entry; this field is neither", kind: .info, now: context.now)
            return
        }
        editSession(entry) { session in session.keepSelectionValid(near: position) }
    }

    private mutating func moveItem(containing id: FieldID, by step: Int, entry: Int) {
        guard let form = sessions[entry]?.form, let item = enclosingItem(of: id, in: form, arraysOnly: true) else { return }
        editSession(entry) { session in
            // The item keeps its identity, so the selection (and its cursor) moves with it.
            guard session.form.move(item, by: step) else { return }
            session.markEdited()
        }
    }

    // MARK: - Changing values

    /// Sets a leaf's text (re-validating it) and keeps its cursor.
    mutating func setText(_ text: String, for id: FieldID, entry: Int, keeping input: TextInput? = nil) {
        change(entry, id) { form in form.setText(id, text) }
        if let input { editSession(entry) { session in session.inputs[id] = input } }
    }

    /// Edits the form; the input is then unsent, and what the server said about the field and its
    /// text cursor go (the field's text may have changed under it).
    mutating func change(_ entry: Int, _ id: FieldID?, _ edit: (inout RequestForm) -> Void) {
        editSession(entry) { session in
            edit(&session.form)
            session.markEdited()
            if let id {
                session.serverErrors[id] = nil
                session.inputs[id] = nil
            }
        }
    }

    mutating func pasteIntoForm(_ text: String, entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry] else { return [] }
        if focus == .response {
            guard session.response.search != nil else { return [] }
            editSession(entry) { session in
                session.response.search?.insert(text)
                session.response.term = session.response.search?.text ?? ""
            }
            return []
        }
        switch session.selectedRow {
        case .raw?:
            editSession(entry) { session in
                session.raw?.editor.insert(text)
                session.markEdited()
            }
            validateRaw(entry)
        case .credential(let scheme)?:
            var input = settings.credentials[scheme] ?? TextInput()
            input.insert(text)
            settings.credentials[scheme] = input
        case .extra(let serial)?:
            editSession(entry) { session in
                guard let index = session.extras.firstIndex(where: { $0.serial == serial }) else { return }
                session.extras[index].value.insert(text)
                session.markEdited()
            }
        case .field(let id, _)?:
            guard let field = session.form.field(id), field.isLeaf else { return [] }
            var input = session.input(for: id)
            input.insert(text)
            setText(input.text, for: id, entry: entry, keeping: input)
        default:
            break
        }
        return []
    }

    mutating func mouseInOperation(_ mouse: MouseEvent, entry: Int, _ context: UpdateContext) -> [Effect] {
        let layout = context.layout
        guard let session = sessions[entry] else { return [] }
        guard layout.operation.form.contains(mouse.position) || (mouse.action != .press(button: 1) && focus == .form) else {
            focus = .response
            return mouseInResponse(mouse, entry: entry, context)
        }
        focus = .form
        let rows = layout.formRows
        switch mouse.action {
        case .press(button: 1):
            if let row = session.row(atLine: mouse.position.y - rows.y, in: rows.size) { editSession(entry) { session in session.select(row) } }
        case .wheelDown, .wheelUp:
            editSession(entry) { session in
                session.moveSelection(by: mouse.action == .wheelDown ? 1 : -1, count: 3)
                session.revealSelection(in: rows.size)
            }
        default:
            break
        }
        return []
    }
}
