import SpecterTerminal

extension Workspace {
    /// An action while something covers the screen: help, the quit question, a choice list, a prompt, the picker.
    mutating func performInOverlay(_ action: Action, _ context: UpdateContext) -> [Effect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help:
            overlay = nil
            return []
        case .quitConfirmation(var dialog):
            switch action {
            case .open:
                overlay = nil
                return dialog.selected == 0 ? [.quit(0)] : []
            case .quit:
                return [.quit(0)]
            case .back:
                overlay = nil
            case .left, .up:
                dialog.move(by: -1)
                overlay = .quitConfirmation(dialog)
            case .right, .down:
                dialog.move(by: 1)
                overlay = .quitConfirmation(dialog)
            default:
                break
            }
            return []
        case .copySecretsConfirmation(var dialog, let text):
            guard let choice = answer(&dialog, action, reopen: { .copySecretsConfirmation($0, text) }) else { return action == .quit ? requestQuit() : [] }
            guard choice == 0 else { return [] }
            notify("Copied as curl, with the credentials in clear", kind: .success, now: context.now)
            return [.copyToClipboard(text)]
        case .copyFormat(var dialog, let exchange):
            guard let choice = answer(&dialog, action, reopen: { .copyFormat($0, exchange) }) else { return action == .quit ? requestQuit() : [] }
            return copy(exchange, as: Self.copyFormats[choice].format, context)
        case .recovery(var dialog, let drafts):
            // Esc decides later: the drafts stay on disk for the next run.
            guard let choice = answer(&dialog, action, reopen: { .recovery($0, drafts) }) else { return action == .quit ? requestQuit() : [] }
            if choice == 0 {
                restore(drafts, context)
                return []
            }
            recovery.undecided = false
            return [.saveRecovery([])]
        case .signIn(var dialog):
            guard let choice = answer(&dialog, action, reopen: { .signIn($0) }) else {
                // Esc (or q) stops the sign-in and the request waiting for it.
                return action == .quit ? requestQuit() : cancelSigningIn(context)
            }
            return choice == 0 ? [] : cancelSigningIn(context)
        case .collectionQuestion(var dialog, let question):
            guard let choice = answer(&dialog, action, reopen: { .collectionQuestion($0, question) }) else { return action == .quit ? requestQuit() : [] }
            return answer(question, choice: choice, context)
        case .choices(let field, let values, var list):
            switch action {
            case .back:
                overlay = nil
            case .open:
                overlay = nil
                guard case .operation(let entry) = screen, values.indices.contains(list.selection) else { return [] }
                setText(values[list.selection], for: field, entry: entry)
            default:
                if let command = action.listCommand {
                    _ = list.perform(command, rowCount: values.count, pageHeight: 10, isHeader: { _ in false })
                    overlay = .choices(field: field, values: values, list: list)
                }
            }
            return []
        case .prompt(var prompt):
            switch action {
            case .back:
                overlay = nil
            case .open:
                overlay = nil
                return answer(prompt, context)
            case .type(let key):
                _ = prompt.input.handle(key)
                overlay = .prompt(prompt)
            default:
                break
            }
            return []
        case .options(var picker):
            picker.perform(action, settings: &settings)
            overlay = picker.isClosed ? nil : .options(picker)
            if picker.isClosed { notify("Server: " + serverURL(for: selectedEntry), kind: .info, now: context.now) }
            return []
        }
    }

    /// A key in a dialog: the choice made (Enter), or nil — it moved (and stays open, as `reopen`
    /// makes it), or closed (Esc, or quit, which the caller then asks for).
    private mutating func answer(_ dialog: inout Dialog, _ action: Action, reopen: (Dialog) -> Overlay) -> Int? {
        switch action {
        case .open:
            overlay = nil
            return dialog.selected
        case .back, .quit:
            overlay = nil
        case .left, .up, .right, .down:
            dialog.move(by: action == .left || action == .up ? -1 : 1)
            overlay = reopen(dialog)
        default:
            break
        }
        return nil
    }

    private mutating func answer(_ prompt: Prompt, _ context: UpdateContext) -> [Effect] {
        let text = prompt.input.text.trimming(" ")
        switch prompt.purpose {
        case .saveRequest(let pending): return text.isEmpty ? [] : saveNew(pending, as: text)
        case .renameSaved(let path): return text.isEmpty ? [] : relocate(path, name: text)
        case .moveSaved(let path): return relocate(path, folder: text)
        default: break
        }
        guard !text.isEmpty, case .operation(let entry) = screen else { return [] }
        switch prompt.purpose {
        case .saveBody:
            guard let exchange = sessions[entry]?.exchange, case .success(let response) = exchange.result else { return [] }
            return [.save(response.body, path: text)]
        case .extra(let kind):
            editSession(entry) { session in session.addExtra(kind, named: text) }
            return []
        case .mapKey(let field):
            change(entry, field) { form in form.addEntry(field, key: text) }
            // The typed value goes into the new entry: it is selected at once.
            editSession(entry) { session in session.selectField(field.child(.name(text))) }
            return []
        case .saveRequest, .renameSaved, .moveSaved:
            return []
        }
    }
}
