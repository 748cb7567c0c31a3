import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec

/// A form's input on its way into a new version of the description, built into a form when its
/// operation is opened. A reload carries every form; building them all at once (schemas merged and
/// compiled, values checked) would cost more than reading the description again, and most are not
/// looked at before the next reload. Holds values, never the old form, so the old version is freed.
struct ParkedSession: Sendable {
    /// The operation it was typed for, to find it in any later version.
    let key: OperationKey
    /// The input, with what was kept aside earlier put back, for the new form to judge again.
    let draft: RequestDraft
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
        draft = session.keptAside.restoring(into: session.draft(settings: settings))
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
}

extension Workspace {
    /// Builds the form of a parked operation (on opening it, or before its input is replaced).
    mutating func unpark(_ entry: Int) {
        guard let parked = parked.removeValue(forKey: entry) else { return }
        sessions[entry] = carried(parked, to: entry)
    }

    /// A session on this version of its operation, with the parked input in its form; what the
    /// form has no field for is kept aside, not sent.
    func carried(_ parked: ParkedSession, to position: Int) -> OperationSession {
        var fresh = OperationSession(entry: position, operation: operation(position), service: service)
        var kept = KeptAside()
        let draft = parked.draft
        var cleaned = draft
        let described = Set(fresh.operation.parameters.map { "\($0.location.rawValue) \($0.name)" })
        for parameter in draft.parameters {
            let name = "\(parameter.location.rawValue) \(parameter.name)"
            guard !described.contains(name), !(parameter.location == .query && parked.addedQuery.contains(parameter.name)) else { continue }
            kept.parameters.append(parameter)
            cleaned.setParameter(parameter.name, in: parameter.location, to: nil)
        }
        if case .json(var body)? = draft.body?.content {
            if fresh.operation.requestBody == nil {
                kept.bodyValues = [KeptAside.BodyValue(pointer: .root, value: body)]
                cleaned.body = nil
            } else {
                var trial = fresh
                trial.restore(cleaned)
                let undeclaredNow = trial.form.body?.undeclaredMembers() ?? []
                // Deepest first, so taking one out never moves another.
                for pointer in undeclaredNow.subtracting(parked.undeclaredBefore).sorted(by: { $0.description > $1.description }) {
                    if let value = body.remove(at: pointer) { kept.bodyValues.append(KeptAside.BodyValue(pointer: pointer, value: value)) }
                }
                cleaned.body = DraftBody(.json(body), mediaType: draft.body?.mediaType)
            }
        } else if case .text(let text)? = draft.body?.content, fresh.operation.requestBody == nil {
            kept.textBody = text
            cleaned.body = nil
        }
        fresh.restore(cleaned)
        if parked.raw != nil, fresh.operation.requestBody != nil, fresh.raw == nil { fresh.raw = parked.raw }
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
}
