import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterTerminal

/// One operation being filled in and sent: its form, the text cursors of its fields, the raw body
/// editor, what the server said about the fields, and the last response.
struct OperationSession: Sendable {
    enum Status: Sendable {
        case idle
        case sending(id: Int, since: Duration)
        case received(Exchange)
        case failed(String)
    }

    let entry: Int
    var form: RequestForm
    private(set) var rows: [FormRow] = []
    /// The selected row (always one that can be selected, when there is one).
    var selection = 0
    var offset = 0
    /// Text cursors of leaf fields, created when a field is first edited.
    var inputs: [FieldID: TextInput] = [:]
    var collapsed: Set<FieldID> = []
    /// The body as raw JSON text, while that editor is on (Ctrl-T).
    var raw: RawBody?
    /// Messages from the last response (a 422, problem details), on the fields they name.
    var serverErrors: [FieldID: [String]] = [:]
    var requestErrors: [String] = []
    var status: Status = .idle
    /// The user was told the input is invalid; the next send goes anyway.
    var sendAnywayArmed = false
    var editedSinceSend = false
    var response = ResponseViewState()

    init(entry: Int, operation: APIOperation, service: DescriptionService) {
        self.entry = entry
        form = service.form(for: operation)
        rebuildRows(operation: operation, document: service.document)
    }

    /// What the user has decided about this request, as a draft (what is sent, what a collection keeps).
    func draft(for operation: APIOperation, in document: APIDocument, settings: Settings) -> RequestDraft {
        var draft = RequestDraft(operation: OperationReference(operation), server: settings.serverChoice())
        for (parameter, value) in form.parameterValues { draft.setParameter(parameter.name, in: parameter.location, to: value) }
        if let raw {
            let text = raw.editor.text
            if let value = try? JSONParser.parse(text) {
                draft.body = DraftBody(.json(value), mediaType: form.bodyMediaType)
            } else if !text.isEmpty {
                draft.body = DraftBody(.text(text), mediaType: form.bodyMediaType ?? "application/json")
            }
        } else if let body = form.bodyJSON {
            draft.body = DraftBody(.json(body), mediaType: form.bodyMediaType)
        }
        let used = Set(FormRow.schemes(of: operation, in: document))
        draft.credentials = settings.credentialReferences.filter { used.contains($0.scheme) }
        return draft
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

    var selectedRow: FormRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// Invalid fields; with the raw editor on, the problems in its text instead (the form mirrors it).
    var invalidCount: Int { raw.map(\.problems.count) ?? form.invalidCount }

    /// Re-lists the rows after the form's shape changed (an item added, an alternative chosen …),
    /// keeping the same row selected when it is still there.
    mutating func rebuildRows(operation: APIOperation, document: APIDocument) {
        let previous = selectedRow
        rows = FormRow.rows(for: self, operation: operation, document: document)
        if let previous, let position = rows.firstIndex(of: previous) {
            selection = position
        } else if !rows.indices.contains(selection) || !rows[selection].isSelectable {
            selection = min(selection, max(0, rows.count - 1))
            moveSelection(by: 1, wrap: false)
            if !(selectedRow?.isSelectable ?? false) { moveSelection(by: -1, wrap: false) }
        }
    }

    /// Moves to the next (or previous) selectable row; false when there is none that way.
    @discardableResult
    mutating func moveSelection(by step: Int, wrap: Bool) -> Bool {
        guard !rows.isEmpty else { return false }
        var position = selection
        for _ in 0..<rows.count {
            position += step
            if position < 0 || position >= rows.count {
                guard wrap else { return false }
                position = (position + rows.count) % rows.count
            }
            if rows[position].isSelectable {
                selection = position
                return true
            }
        }
        return false
    }

    /// The text cursor of a leaf, made from the field's text when first needed.
    func input(for id: FieldID) -> TextInput {
        inputs[id] ?? TextInput(form.field(id)?.text ?? "")
    }
}

/// The raw JSON body editor and what is wrong with its text.
struct RawBody: Sendable {
    var editor: TextEditor
    var problems: [String] = []
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
}

/// One line of the form.
enum FormRow: Sendable, Equatable, Hashable {
    enum Section: Sendable, Equatable, Hashable {
        case parameters(ParameterLocation)
        case body
        case auth
    }

    case server
    case section(Section)
    case field(FieldID, depth: Int)
    case message(FieldID?, String, fromServer: Bool, depth: Int)
    case credential(String)
    case raw
    case note(String)

    var isSelectable: Bool {
        switch self {
        case .server, .field, .credential, .raw: return true
        case .section, .message, .note: return false
        }
    }

    static func rows(for session: OperationSession, operation: APIOperation, document: APIDocument) -> [FormRow] {
        var rows: [FormRow] = [.server]
        let form = session.form
        for location in ParameterLocation.allCases {
            guard let fields = form.parameters[location], !fields.isEmpty else { continue }
            rows.append(.section(.parameters(location)))
            for (index, field) in fields.enumerated() {
                append(field, FieldID(section: .parameter(location), path: [index]), depth: 0, session: session, into: &rows)
            }
        }
        if operation.requestBody != nil {
            rows.append(.section(.body))
            if session.raw != nil {
                rows.append(.raw)
            } else if let body = form.body {
                let root = FieldID(section: .body, path: [])
                if case .object = body.kind, body.mismatch == nil {
                    for message in body.errors + (session.serverErrors[root] ?? []) { rows.append(.message(root, message, fromServer: false, depth: 0)) }
                    for (index, child) in body.children.enumerated() { append(child, root.child(index), depth: 0, session: session, into: &rows) }
                } else {
                    append(body, root, depth: 0, session: session, into: &rows)
                }
            } else {
                rows.append(.note("no schema for this body: Ctrl-T edits it as raw JSON"))
            }
        }
        let schemes = Self.schemes(of: operation, in: document)
        if !schemes.isEmpty {
            rows.append(.section(.auth))
            rows += schemes.map { .credential($0) }
        }
        for message in session.requestErrors { rows.append(.message(nil, message, fromServer: true, depth: 0)) }
        return rows
    }

    /// The security schemes the operation can use, in the order its requirements name them.
    static func schemes(of operation: APIOperation, in document: APIDocument) -> [String] {
        var names: [String] = []
        for requirement in operation.security ?? document.security {
            for entry in requirement.entries where !names.contains(entry.scheme) { names.append(entry.scheme) }
        }
        return names
    }

    private static func append(_ field: FormField, _ id: FieldID, depth: Int, session: OperationSession, into rows: inout [FormRow]) {
        rows.append(.field(id, depth: depth))
        for message in field.errors { rows.append(.message(id, message, fromServer: false, depth: depth)) }
        for message in session.serverErrors[id] ?? [] { rows.append(.message(id, message, fromServer: true, depth: depth)) }
        guard !field.isLeaf, field.mismatch == nil, !field.isNull, !session.collapsed.contains(id) else { return }
        if case .variant = field.kind {
            guard let chosen = field.children.first else { return }
            if case .object = chosen.kind {
                for (index, child) in chosen.children.enumerated() { append(child, id.child(0).child(index), depth: depth + 1, session: session, into: &rows) }
            } else {
                append(chosen, id.child(0), depth: depth + 1, session: session, into: &rows)
            }
            return
        }
        guard field.required || field.isIncluded || field.hasUserContent else { return }
        for (index, child) in field.children.enumerated() { append(child, id.child(index), depth: depth + 1, session: session, into: &rows) }
    }
}
