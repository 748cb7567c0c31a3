import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec

/// A form's input on its way into a new version of the description, built into a form when its
/// operation is opened. A reload carries every form; building them all at once (schemas merged and
/// compiled, values checked) would cost more than reading the description again, and most are not
/// looked at before the next reload. Holds values, never the old form.
struct ParkedSession: Sendable {
    /// The operation it was typed for, to find it in any later version.
    let key: OperationKey
    /// The input, with what was kept aside earlier put back, for the new form to judge again.
    let draft: RequestDraft
    /// The input as typed, without what is kept aside: what recovery writes (kept-aside input is never sent).
    let typed: RequestDraft
    /// The security schemes the operation uses, whose credentials go with its draft.
    let schemes: [String]
    /// Query parameters the user added beyond the description's (kept though the description lacks them).
    let addedQuery: Set<String>
    /// Body members the form it was typed in had no field for: these are sent as typed, not kept aside.
    let undeclaredBefore: Set<JSONPointer>
    /// What was kept aside in the version it was typed in.
    let keptAside: KeptAside
    let raw: RawBody?
    let editedSinceSend: Bool
    let status: OperationSession.Status
    let statusBeforeSending: OperationSession.Status
    let response: ResponseViewState
    let collapsed: Set<FieldID>
    let selected: FormRow
    let offset: Int

    init(_ session: OperationSession, settings: Settings) {
        key = OperationKey(session.operation)
        typed = session.draft(settings: settings)
        schemes = session.schemes
        draft = session.keptAside.restoring(into: typed)
        addedQuery = Set(session.extras.filter { $0.kind == .query }.map(\.name))
        undeclaredBefore = session.form.body?.undeclaredMembers() ?? []
        keptAside = session.keptAside
        raw = session.raw
        editedSinceSend = session.editedSinceSend
        status = session.status
        statusBeforeSending = session.statusBeforeSending
        response = session.response
        collapsed = session.collapsed
        selected = session.selected
        offset = session.offset
    }

    /// Whether there is input the user would lose if it were dropped.
    var hasUnsentInput: Bool { editedSinceSend || !keptAside.isEmpty }

    /// What recovery writes: the typed input, with the server and credentials as they are now.
    func recoveryDraft(settings: Settings) -> RequestDraft {
        var draft = typed
        draft.server = settings.serverChoice()
        draft.credentials = settings.credentialReferences.filter { schemes.contains($0.scheme) }
        return draft
    }

    /// Whether a change of its operation takes away a parameter or top-level body field this input
    /// fills: the form is then built at once, so what is kept aside is counted.
    func loses(_ change: OperationChange) -> Bool {
        change.details.contains { detail in
            switch detail {
            case .parameterRemoved(let name, let location): return draft.parameter(name, in: location) != nil
            case .bodyFieldRemoved(let name):
                if case .json(.object(let members))? = draft.body?.content { return members[name] != nil }
                return false
            case .parameterAdded, .parameterNowRequired, .bodyFieldAdded, .bodyFieldNowRequired: return false
            }
        }
    }

    /// Whether a session must stay a built form through a reload: something is still coming for it
    /// (a response, a stream's events, a large body's line index), and it is found by its form.
    static func mustStayBuilt(_ session: OperationSession) -> Bool {
        if session.isSending || session.response.stream?.state.isOpen == true { return true }
        if case .large? = session.exchange?.body?.content { return true }
        return false
    }
}

extension Workspace {
    /// Builds the form of a parked operation (on opening it, or before its input is replaced).
    mutating func unpark(_ entry: Int) {
        // A built form wins (two operations of one method and path leave one of each at a position).
        guard let parked = parked.removeValue(forKey: entry), sessions[entry] == nil else { return }
        sessions[entry] = carried(parked, to: entry)
    }

    /// A session on this version of its operation, with the parked input in its form; what the
    /// form has no field for is kept aside, not sent.
    func carried(_ parked: ParkedSession, to position: Int) -> OperationSession {
        var fresh = OperationSession(entry: position, operation: operation(position), service: service)
        var kept = KeptAside()
        var cleaned = Self.withoutUndescribedParameters(parked, for: fresh.operation, keptAside: &kept)
        // A body that was never in the description (a saved request's) stays as it is sent.
        let undocumented = parked.raw?.undocumented != nil && fresh.operation.requestBody == nil
        if !undocumented, case .json(var body)? = parked.draft.body?.content {
            if fresh.operation.requestBody == nil {
                kept.bodyValues = [KeptAside.BodyValue(pointer: .root, value: body)]
                cleaned.body = nil
            } else {
                var trial = fresh
                trial.restore(cleaned)
                kept.bodyValues = Self.takeUndeclared(from: &body, now: trial.form.body?.undeclaredMembers() ?? [], before: parked.undeclaredBefore)
                cleaned.body = DraftBody(.json(body), mediaType: parked.draft.body?.mediaType)
            }
        } else if !undocumented, case .text(let text)? = parked.draft.body?.content, fresh.operation.requestBody == nil {
            kept.textBody = text
            cleaned.body = nil
        }
        fresh.restore(cleaned, keepingUndocumentedBody: undocumented)
        if parked.raw != nil, fresh.operation.requestBody != nil, fresh.raw == nil { fresh.raw = parked.raw }
        // A body the description now documents is checked and sent as the description says.
        if fresh.operation.requestBody != nil { fresh.raw?.undocumented = nil }
        fresh.editedSinceSend = parked.editedSinceSend
        fresh.status = parked.status
        fresh.statusBeforeSending = parked.statusBeforeSending
        fresh.response = parked.response
        fresh.collapsed = parked.collapsed
        fresh.selected = parked.selected
        fresh.offset = parked.offset
        fresh.keptAside = kept
        return fresh
    }

    /// The draft without the parameters the operation no longer describes (those go aside); query
    /// parameters the user added stay.
    private static func withoutUndescribedParameters(_ parked: ParkedSession, for operation: APIOperation, keptAside kept: inout KeptAside) -> RequestDraft {
        var cleaned = parked.draft
        let described = Set(operation.parameters.map { "\($0.location.rawValue) \($0.name)" })
        for parameter in parked.draft.parameters {
            let name = "\(parameter.location.rawValue) \(parameter.name)"
            guard !described.contains(name), !(parameter.location == .query && parked.addedQuery.contains(parameter.name)) else { continue }
            kept.parameters.append(parameter)
            cleaned.setParameter(parameter.name, in: parameter.location, to: nil)
        }
        return cleaned
    }

    /// Takes out of the body the members the new form has no field for (and the old one had), deepest
    /// first so taking one out never moves another.
    private static func takeUndeclared(from body: inout JSONValue, now: Set<JSONPointer>, before: Set<JSONPointer>) -> [KeptAside.BodyValue] {
        var taken: [KeptAside.BodyValue] = []
        for pointer in now.subtracting(before).sorted(by: { $0.description > $1.description }) {
            if let value = body.remove(at: pointer) { taken.append(KeptAside.BodyValue(pointer: pointer, value: value)) }
        }
        return taken
    }
}
