import Foundation
import SpecterHTTP
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

extension Workspace {
    /// F5: sends the draft. With invalid input it says what is wrong first, and the next F5 sends
    /// anyway; the runner then holds the request if the builder has a warning (no credential for a
    /// scheme the operation needs), and the F5 after that sends it regardless.
    mutating func send(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard let session = sessions[entry], !session.isSending else { return [] }
        let invalid = session.invalidCount
        if invalid > 0 && session.warned == .nothing {
            editSession(entry) { session in session.warned = .invalidInput }
            let first = session.raw?.problems.first ?? session.form.invalidFields.first.map { "\($0.field.name): \($0.field.errors.first ?? "invalid")" } ?? ""
            notify("\(invalid) invalid field\(invalid == 1 ? "" : "s") (\(first)). Press F5 again to send anyway.", kind: .error, now: context.now, seconds: 6)
            return []
        }
        let id = nextRequestID
        nextRequestID += 1
        let holdOnWarnings: Bool
        if case .request = session.warned { holdOnWarnings = false } else { holdOnWarnings = true }
        editSession(entry) { session in
            session.statusBeforeSending = session.status
            session.status = .sending(id: id, since: context.now)
            session.warned = .nothing
            session.response.tab = .body
        }
        // What was said about an earlier attempt (a warning, an error) no longer applies.
        toast = nil
        return [.send(RequestJob(id: id, draft: session.draft(settings: settings), service: service, variables: requestVariables, holdOnWarnings: holdOnWarnings))]
    }

    /// The runner held a request because the builder warned about it: say why, in the explorer's
    /// words (which key fixes it), and let the next F5 send it anyway.
    mutating func held(_ id: Int, warnings: [RequestWarning], _ context: UpdateContext) {
        guard let entry = entry(sending: id) else { return }
        editSession(entry) { session in
            session.status = session.statusBeforeSending
            session.warned = .request(warnings)
        }
        let words = warnings.map { warning in
            switch warning {
            case .missingCredentials: return warning.description + " (F2 sets one)"
            case .missingBody: return warning.description + " (fill in the Body)"
            default: return warning.description
            }
        }
        notify("Not sent: " + words.joined(separator: "; ") + ". Press F5 again to send anyway.", kind: .error, now: context.now, seconds: 8)
    }

    /// Esc while a request is in flight: stops it; what it would have returned is ignored.
    mutating func cancel(_ entry: Int, _ context: UpdateContext) -> [Effect] {
        guard case .sending(let id, _)? = sessions[entry]?.status else { return [] }
        editSession(entry) { session in session.status = .cancelled }
        notify("Request cancelled", kind: .info, now: context.now)
        return [.cancel(requestID: id)]
    }

    private func entry(sending id: Int) -> Int? {
        sessions.first { if case .sending(id, _) = $0.value.status { return true } else { return false } }?.key
    }

    /// A response (or a transport failure) came back: shown, its verdict and the server's messages
    /// put on the fields they name, and kept in the history with the inputs that were sent.
    mutating func received(_ exchange: Exchange, for id: Int, _ context: UpdateContext) -> [Effect] {
        guard let entry = entry(sending: id) else { return [] }
        editSession(entry) { session in
            session.status = .received(exchange)
            session.editedSinceSend = false
            session.response = ResponseViewState()
            session.response.tab = .body
            if case .text(let text)? = exchange.body?.content {
                session.response.body = exchange.body?.json.map(BodyLines.init(json:)) ?? BodyLines(text: text)
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
        }
        if case .failure(let error) = exchange.result {
            editSession(entry) { session in session.status = .failed(error.description) }
            notify(error.description, kind: .error, now: context.now, seconds: 6)
        }
        recordVerdict(exchange, entry: entry)
        var effects: [Effect] = []
        if let session = sessions[entry] {
            history.add(HistoryEntry(entry: entry, sentAt: context.now, session: session, exchange: exchange, response: session.response))
            let sentAt = context.startedAt.addingTimeInterval(context.now.timeInterval)
            effects.append(.appendHistory(HistoryRecord(draft: savable(session.draft(settings: settings), entry: entry), exchange: exchange, sentAt: sentAt,
                                                        variables: requestVariables)))
        }
        if case .large(isText: true)? = exchange.body?.content, case .success(let response) = exchange.result {
            effects.append(.indexBody(entry: entry, response.body))
        }
        return effects
    }

    /// A large body's lines are known: it shows, read from its file (in the history too).
    mutating func bodyIndexed(_ lines: FileLines, entry: Int) {
        editSession(entry) { session in
            guard case .success(let response)? = session.exchange?.result, response.body == lines.body else { return }
            session.response.body = BodyLines(file: lines)
        }
        for position in history.entries.indices.reversed() where history.entries[position].entry == entry {
            guard case .success(let response) = history.entries[position].exchange.result, response.body == lines.body else { continue }
            history.entries[position].response.body = BodyLines(file: lines)
            break
        }
    }

    mutating func requestFailed(_ id: Int, reason: String, _ context: UpdateContext) -> [Effect] {
        guard let entry = entry(sending: id) else { return [] }
        editSession(entry) { session in session.status = .failed(reason) }
        notify(reason, kind: .error, now: context.now, seconds: 6)
        return []
    }

    /// The form field a server's message names: a parameter by location and name, or a place in the
    /// body (through the chosen alternative of a `oneOf`, list items by position).
    static func field(named target: ServerFieldError.Target, in form: RequestForm) -> FieldID? {
        switch target {
        case .parameter(let location, let name):
            let id = FieldID.parameter(name, in: location)
            return form.field(id) == nil ? nil : id
        case .body(let path):
            guard var field = form.body else { return nil }
            var id = FieldID.body
            for component in path {
                if case .variant = field.kind, let chosen = field.children.first {
                    id = id.child(chosen.key)
                    field = chosen
                }
                let child: FormField?
                if case .array = field.kind {
                    child = Int(component).flatMap { field.children.indices.contains($0) ? field.children[$0] : nil }
                } else {
                    child = field.children.first { $0.name == component }
                }
                guard let child else { break }
                id = id.child(child.key)
                field = child
            }
            return id
        case .request:
            return nil
        }
    }

    /// Y: the curl command with the credentials in clear, after the user says yes.
    mutating func copyCurlWithSecrets(_ exchange: Exchange) {
        overlay = .copySecretsConfirmation(Dialog(
            title: "Copy the credentials in clear?",
            lines: [[Span("The command will hold the request's credentials as they are sent.")], [Span("Anything you paste it into can read them.")]],
            choices: ["Copy", "Cancel"], selected: 1), CurlCommand.render(exchange.built, redactor: Redactor.none))
    }

    /// c: the response body as text (a large or binary one is saved with s instead).
    mutating func copyBody(_ exchange: Exchange, _ context: UpdateContext) -> [Effect] {
        guard case .success(let response) = exchange.result, let bytes = response.body.inMemory, !bytes.isEmpty else {
            notify("There is no body to copy", kind: .info, now: context.now)
            return []
        }
        guard bytes.count <= 1 << 20, let text = String(validating: bytes, as: UTF8.self) else {
            notify("The body is too large or not text to copy: s saves it to a file", kind: .info, now: context.now)
            return []
        }
        notify("Copied the response body (\(ByteCount.text(bytes.count)))", kind: .success, now: context.now)
        return [.copyToClipboard(exchange.built.redactor.redact(text))]
    }
}
