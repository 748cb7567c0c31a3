import SpecterJSON
import SpecterRequest
import SpecterTerminal

/// Input typed and not sent, kept on disk while the explorer runs so a crash or `kill -9` does not
/// lose it: what was last written, and whether drafts found from an earlier run still await the
/// user's answer (they are then left alone on disk).
struct RecoveryState: Sendable {
    /// The drafts last handed to the runner to write (as JSON: what is compared is what is written).
    var written: [JSONValue] = []
    var lastCheck: Duration = .zero
    /// Drafts from an earlier run that the user has not restored or discarded yet.
    var undecided = false

    /// How often unsent input is written.
    static let interval: Duration = .seconds(2)
}

extension Workspace {
    /// The drafts of operations with input that was not sent, in the list's order. Literal
    /// secrets are not in a draft's JSON: they are never written.
    var unsentDrafts: [JSONValue] {
        Set(sessions.keys).union(parked.keys).sorted().compactMap { entry in
            if let session = sessions[entry] { return session.hasUnsentInput ? session.draft(settings: settings).json : nil }
            return parked[entry].flatMap { $0.editedSinceSend ? $0.recoveryDraft(settings: settings).json : nil }
        }
    }

    /// On the clock: every few seconds, the unsent input, if it changed since it was last written.
    mutating func autosave(_ now: Duration) -> [Effect] {
        guard !recovery.undecided, now - recovery.lastCheck >= RecoveryState.interval else { return [] }
        recovery.lastCheck = now
        let drafts = unsentDrafts
        guard drafts != recovery.written else { return [] }
        recovery.written = drafts
        return [.saveRecovery(drafts)]
    }

    /// Drafts from a run that ended without sending them: ask whether to restore them.
    mutating func offerRecovery(_ drafts: [RequestDraft], savedAt: String) {
        guard !drafts.isEmpty else { return }
        recovery.undecided = true
        let count = drafts.count
        overlay = .recovery(Dialog(
            title: "Unsent input found",
            lines: [[Span("\(count) operation\(count == 1 ? "" : "s") had input that was not sent when Specter last")],
                    [Span("ended (\(savedAt)). Secrets typed in were not kept.")]],
            choices: ["Restore", "Discard"], selected: 0), drafts)
    }

    /// Puts drafts back into their operations' forms (parameters, body, credential references,
    /// a URL server); a single one is opened.
    mutating func restore(_ drafts: [RequestDraft], _ context: UpdateContext) {
        recovery.undecided = false
        let restored = drafts.compactMap { take($0) }
        if restored.count == 1, let entry = restored.first { openOperation(entry, context) }
        notify("Restored the unsent input of \(restored.count) operation\(restored.count == 1 ? "" : "s")", kind: .success, now: context.now)
    }

    /// Puts a draft into its operation's form, with its credentials (where none is typed yet) and a
    /// URL server; the operation's entry, or nil when the description has no such operation.
    mutating func take(_ draft: RequestDraft) -> Int? {
        guard let entry = service.position(of: draft.operation) else { return nil }
        unpark(entry)
        var session = sessions[entry] ?? OperationSession(entry: entry, operation: operation(entry), service: service)
        session.restore(draft, keepingUndocumentedBody: true)
        sessions[entry] = session
        for credential in draft.credentials where settings.credentials[credential.scheme]?.text.isEmpty ?? true {
            settings.credentials[credential.scheme] = TextInput(credential.reference.text)
        }
        if case .url(let url, _)? = draft.server {
            settings.server = .url(url)
            settings.customURL = url
        }
        return entry
    }
}

extension OperationSession {
    /// Takes a draft's parameters and body into the form (a body that is not JSON into the raw editor).
    /// A body the description does not document is kept, in the raw editor, only from what the user
    /// saved or sent (`keepingUndocumentedBody`: a saved request, history, recovery); otherwise it is left out.
    mutating func restore(_ draft: RequestDraft, keepingUndocumentedBody: Bool = false) {
        for parameter in draft.parameters { form.setParameter(parameter.name, in: parameter.location, to: parameter.value) }
        switch draft.body?.content {
        case let content? where operation.requestBody == nil:
            guard keepingUndocumentedBody else { break }
            let isJSON: Bool, text: String
            switch content {
            case .json(let value): (isJSON, text) = (true, JSONWriter.pretty.string(value))
            case .text(let written): (isJSON, text) = (false, written)
            }
            raw = RawBody(editor: TextEditor(text), undocumented: UndocumentedBody(isJSON: isJSON, mediaType: draft.body?.mediaType))
        case .json(let value)?: form.setBodyJSON(value)
        case .text(let text)?: raw = RawBody(editor: TextEditor(text))
        case nil: break
        }
        restoreExtras(from: draft)
        markEdited()
    }
}
