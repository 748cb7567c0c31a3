import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// One operation being filled in and sent: its form, what the user keeps per field (text cursors,
/// folds, the server's messages, all keyed by the field's identity), the raw body editor, the
/// request status and the response pane. The rows of the form are worked out from this whenever
/// they are needed, so they always show what will be sent.
struct OperationSession: Sendable {
    enum Status: Sendable {
        case idle
        case sending(id: Int, since: Duration)
        case received(Exchange)
        case failed(String)
        case cancelled
    }

    let entry: Int
    var form: RequestForm
    /// The selected row, by what it shows (not where it is on screen).
    var selected: FormRow = .server
    /// The first row on screen.
    var offset = 0
    /// Text cursors of leaf fields, created when a field is first edited.
    var inputs: [FieldID: TextInput] = [:]
    var collapsed: Set<FieldID> = []
    /// The body as raw JSON text, while that editor is on (Ctrl-T).
    var raw: RawBody?
    /// Messages from the last response (a 422, problem details), on the fields they name.
    var serverErrors: [FieldID: [String]] = [:]
    /// Headers and query parameters the user added (the description does not list them).
    var extras: [ExtraField] = []
    var nextExtraSerial = 0
    var requestErrors: [String] = []
    /// Input whose field a reloaded description dropped: shown, not sent.
    var keptAside = KeptAside()
    var status: Status = .idle
    /// What the user was last warned about on F5; the next F5 goes past it (an edit clears it).
    var warned: SendWarning = .nothing
    /// What showed before the request in flight, back on screen if it is held for a warning.
    var statusBeforeSending: Status = .idle
    var editedSinceSend = false
    var response = ResponseViewState()
    let operation: APIOperation
    let schemes: [String]

    init(entry: Int, operation: APIOperation, service: DescriptionService) {
        self.entry = entry
        self.operation = operation
        form = service.form(for: operation)
        schemes = operation.securitySchemeNames(in: service.document)
        selected = rows.first { $0.isSelectable && $0 != .server } ?? .server
    }

    var isSending: Bool {
        if case .sending = status { return true }
        return false
    }

    var exchange: Exchange? {
        if case .received(let exchange) = status { return exchange }
        return nil
    }

    var hasUnsentInput: Bool { editedSinceSend }

    /// The input changed: it is unsent, and warnings given about the old input no longer hold.
    mutating func markEdited() {
        editedSinceSend = true
        warned = .nothing
    }

    /// The response pane's tab titles; the Body tab names the status once there is one.
    var responseTabTitles: [String] {
        ResponseViewState.Tab.allCases.map { tab in
            if tab == .body, case .received(let exchange) = status, case .success(let response) = exchange.result { return "Body \(response.status)" }
            return tab.title
        }
    }

    /// The form's rows, as they show now.
    var rows: [FormRow] { FormRow.rows(for: self) }

    /// Where the selected row is now; the nearest selectable row if it went away.
    var selection: Int {
        let rows = self.rows
        return rows.firstIndex(of: selected) ?? rows.firstIndex(where: \.isSelectable) ?? 0
    }

    var selectedRow: FormRow? { rows.contains(selected) ? selected : nil }

    /// Invalid fields; with the raw editor on, the problems in its text instead (the form mirrors it).
    var invalidCount: Int { raw.map(\.problems.count) ?? form.invalidCount }

    /// Moves to the next (or previous) selectable row, `count` times; false when there is none that way.
    @discardableResult
    mutating func moveSelection(by step: Int, count: Int = 1, wrap: Bool = false) -> Bool {
        let rows = self.rows
        guard !rows.isEmpty else { return false }
        var position = rows.firstIndex(of: selected) ?? 0
        var moved = false
        for _ in 0..<count {
            var candidate = position
            var found = false
            for _ in 0..<rows.count {
                candidate += step
                if candidate < 0 || candidate >= rows.count {
                    guard wrap else { break }
                    candidate = (candidate + rows.count) % rows.count
                }
                if rows[candidate].isSelectable {
                    found = true
                    break
                }
            }
            guard found else { break }
            position = candidate
            moved = true
        }
        if moved { selected = rows[position] }
        return moved
    }

    /// Selects a row if it is there and can be selected.
    mutating func select(_ row: FormRow) {
        if rows.contains(row), row.isSelectable { selected = row }
    }

    /// Selects a field's row, wherever it is.
    mutating func selectField(_ id: FieldID) {
        if let row = rows.first(where: { if case .field(id, _) = $0 { return true } else { return false } }) { selected = row }
    }

    /// When the selected field went away (its item removed), the row now at its place.
    mutating func keepSelectionValid(near position: Int) {
        let rows = self.rows
        guard !rows.contains(selected), !rows.isEmpty else { return }
        var candidate = min(position, rows.count - 1)
        while candidate > 0 && !rows[candidate].isSelectable { candidate -= 1 }
        if rows[candidate].isSelectable { selected = rows[candidate] }
    }

    /// The text cursor of a leaf, made from the field's text when first needed.
    func input(for id: FieldID) -> TextInput {
        inputs[id] ?? TextInput(form.field(id)?.text ?? "")
    }

    /// What the user has decided about this request, as a draft (what is sent, what can be saved).
    func draft(settings: Settings) -> RequestDraft {
        var draft = RequestDraft(operation: OperationReference(operation), server: settings.serverChoice())
        for (parameter, value) in form.parameterValues { draft.setParameter(parameter.name, in: parameter.location, to: value) }
        if let raw {
            let text = raw.editor.text
            if let undocumented = raw.undocumented {
                draft.body = undocumented.body(text)
            } else if let value = try? JSONParser.parse(text) {
                draft.body = DraftBody(.json(value), mediaType: form.bodyMediaType)
            } else if !text.isEmpty {
                draft.body = DraftBody(.text(text), mediaType: form.bodyMediaType ?? "application/json")
            }
        } else if let body = form.bodyJSON {
            draft.body = DraftBody(.json(body), mediaType: form.bodyMediaType)
        }
        draft.credentials = settings.credentialReferences.filter { schemes.contains($0.scheme) }
        addExtras(to: &draft)
        return draft
    }
}

/// A warning given on F5 instead of sending.
enum SendWarning: Sendable, Equatable {
    case nothing
    /// Fields are invalid.
    case invalidInput
    /// The builder had something to say (no credential for a scheme the operation needs, no body).
    case request([RequestWarning])
}

/// The raw JSON body editor and what is wrong with its text.
struct RawBody: Sendable {
    var editor: TextEditor
    var problems: [String] = []
    /// A body the description does not document (a saved request's, a history entry's or a recovered
    /// one, opened on an operation without one): shown here and sent as it was saved, as replay sends it.
    var undocumented: UndocumentedBody?
    /// The form row selected when the raw editor opened: back in the form, the cursor is there again.
    var returnTo: FormRow?
}

/// What a body the description does not document was saved as: JSON or text, and its media type as
/// written (none stays none, as replay sends it).
struct UndocumentedBody: Sendable, Equatable {
    var isJSON: Bool
    var mediaType: String?

    /// The draft's body for the editor's text.
    func body(_ text: String) -> DraftBody? {
        if isJSON, let value = try? JSONParser.parse(text) { return DraftBody(.json(value), mediaType: mediaType) }
        return text.isEmpty ? nil : DraftBody(.text(text), mediaType: mediaType)
    }
}

/// One line of the form.
enum FormRow: Sendable, Equatable, Hashable {
    enum Section: Sendable, Equatable, Hashable {
        case parameters(ParameterLocation)
        case body
        /// Headers and query parameters added by the user.
        case extras
        case auth
        /// Input whose field the reloaded description dropped.
        case keptAside
    }

    case server
    case section(Section)
    case field(FieldID, depth: Int)
    case message(FieldID?, String, fromServer: Bool, depth: Int)
    case credential(String)
    /// A header or query parameter added by the user, by its serial.
    case extra(Int)
    /// Where another header or query parameter is added.
    case addExtra(ExtraField.Kind)
    case raw
    case note(String)

    var isSelectable: Bool {
        switch self {
        case .server, .field, .credential, .raw, .extra, .addExtra: return true
        case .section, .message, .note: return false
        }
    }

    static func rows(for session: OperationSession) -> [FormRow] {
        var rows: [FormRow] = [.server]
        let form = session.form
        for location in ParameterLocation.allCases {
            guard let fields = form.parameters[location], !fields.isEmpty else { continue }
            rows.append(.section(.parameters(location)))
            for field in fields { append(field, .parameter(field.name, in: location), depth: 0, session: session, into: &rows) }
        }
        if session.raw?.undocumented != nil {
            rows.append(.section(.body))
            rows.append(.note("the description documents no body here: it is sent as saved"))
            rows.append(.raw)
        } else if session.operation.requestBody != nil {
            rows.append(.section(.body))
            if session.raw != nil {
                rows.append(.raw)
            } else if let body = form.body {
                if case .object = body.kind, body.mismatch == nil {
                    for message in body.errors { rows.append(.message(.body, message, fromServer: false, depth: 0)) }
                    for message in session.serverErrors[.body] ?? [] { rows.append(.message(.body, message, fromServer: true, depth: 0)) }
                    for child in body.children { append(child, FieldID.body.child(child.key), depth: 0, session: session, into: &rows) }
                } else {
                    append(body, .body, depth: 0, session: session, into: &rows)
                }
            } else {
                rows.append(.note("no schema for this body: Ctrl-T edits it as raw JSON"))
            }
        }
        rows.append(.section(.extras))
        rows += session.extras.map { .extra($0.serial) }
        rows += [.addExtra(.header), .addExtra(.query)]
        if !session.keptAside.isEmpty {
            rows.append(.section(.keptAside))
            rows += session.keptAside.lines.map(FormRow.note)
        }
        if !session.schemes.isEmpty {
            rows.append(.section(.auth))
            rows += session.schemes.map { .credential($0) }
        }
        for message in session.requestErrors { rows.append(.message(nil, message, fromServer: true, depth: 0)) }
        return rows
    }

    private static func append(_ field: FormField, _ id: FieldID, depth: Int, session: OperationSession, into rows: inout [FormRow]) {
        rows.append(.field(id, depth: depth))
        for message in field.errors { rows.append(.message(id, message, fromServer: false, depth: depth)) }
        for message in session.serverErrors[id] ?? [] { rows.append(.message(id, message, fromServer: true, depth: depth)) }
        guard !field.isLeaf, field.mismatch == nil, !field.isNull, !session.collapsed.contains(id) else { return }
        // An optional part that is not sent shows folded: its fields (and their errors) once it is included.
        guard field.required || field.isIncluded || field.hasUserContent else { return }
        if case .variant = field.kind {
            guard let chosen = field.children.first else { return }
            let chosenID = id.child(chosen.key)
            if case .object = chosen.kind {
                for child in chosen.children { append(child, chosenID.child(child.key), depth: depth + 1, session: session, into: &rows) }
            } else {
                append(chosen, chosenID, depth: depth + 1, session: session, into: &rows)
            }
            return
        }
        for child in field.children { append(child, id.child(child.key), depth: depth + 1, session: session, into: &rows) }
    }
}

/// Where the response pane is: the tab, the body lines and their folding, the line cursor, search.
struct ResponseViewState: Sendable {
    enum Tab: Int, Sendable, CaseIterable {
        case docs, body, headers, request

        var title: String {
            switch self {
            case .docs: return "Docs"
            case .body: return "Body"
            case .headers: return "Headers"
            case .request: return "Request"
            }
        }
    }

    var tab: Tab = .docs
    var body: BodyLines?
    var folded: Set<Int> = []
    /// The cursor line, as an index into the visible lines.
    var cursor = 0
    var top = 0
    /// The search being typed (`/`); nil when not typing.
    var search: TextInput?
    var term = ""
    var matches: [Int] = []
    var scroll = ScrollState()
    /// Long body lines continue on the rows below (`w`); otherwise they are cut at the pane's edge.
    var wraps = false
    /// The events of a streamed response, when the response is a stream.
    var stream: StreamPane?
}
