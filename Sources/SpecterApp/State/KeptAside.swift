import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec

/// Input whose field a reloaded description no longer has: not sent, shown under the form, and put
/// back if a later version brings the field (or the whole operation) back.
struct KeptAside: Sendable, Equatable {
    var parameters: [DraftParameter] = []
    /// Body values by where they were in the body (the root pointer: the whole body).
    var bodyValues: [BodyValue] = []
    /// A body that was not JSON, when the operation lost its body altogether.
    var textBody: String?

    struct BodyValue: Sendable, Equatable {
        var pointer: JSONPointer
        var value: JSONValue
    }

    var isEmpty: Bool { parameters.isEmpty && bodyValues.isEmpty && textBody == nil }

    /// One line per value, as the form lists them (`query limit = 10`, `body /priority = 3`).
    var lines: [String] {
        parameters.map { "\($0.location.rawValue) \($0.name) = \(JSONWriter.compact.string($0.value))" }
            + bodyValues.map { "body \($0.pointer.isRoot ? "" : $0.pointer.description + " ")= \(JSONWriter.compact.string($0.value))" }
            + (textBody.map { ["body (text, \($0.utf8.count) bytes)"] } ?? [])
    }

    /// Everything in a draft, when its operation is gone.
    init(wholeDraft draft: RequestDraft) {
        parameters = draft.parameters
        switch draft.body?.content {
        case .json(let value)?: bodyValues = [BodyValue(pointer: .root, value: value)]
        case .text(let text)?: textBody = text
        case nil: break
        }
    }

    init() {}

    /// The draft with these values added where it has none of its own.
    func restoring(into draft: RequestDraft) -> RequestDraft {
        var draft = draft
        for parameter in parameters where draft.parameter(parameter.name, in: parameter.location) == nil {
            draft.setParameter(parameter.name, in: parameter.location, to: parameter.value)
        }
        if let textBody, draft.body == nil { draft.body = DraftBody(.text(textBody), mediaType: nil) }
        for kept in bodyValues {
            var body: JSONValue
            switch draft.body?.content {
            case .json(let value)?: body = value
            case nil: body = kept.pointer.isRoot ? kept.value : .object(JSONObject())
            case .text?: continue
            }
            guard kept.pointer.resolve(in: body) == nil || kept.pointer.isRoot && draft.body == nil else { continue }
            body.set(kept.value, at: kept.pointer)
            draft.body = DraftBody(.json(body), mediaType: draft.body?.mediaType)
        }
        return draft
    }
}

extension FormField {
    /// Where in the body the members are that the schema does not declare (typed in, or left from
    /// an earlier version of the description).
    func undeclaredMembers(at pointer: JSONPointer = .root) -> Set<JSONPointer> {
        var found: Set<JSONPointer> = []
        var pending: [(FormField, JSONPointer)] = [(self, pointer)]
        while let (field, place) = pending.popLast() {
            switch field.kind {
            case .object:
                for child in field.children {
                    let childPlace = place.appending(child.name)
                    if child.isExtra { found.insert(childPlace) } else { pending.append((child, childPlace)) }
                }
            case .array:
                pending += field.children.enumerated().map { ($0.element, place.appending($0.offset)) }
            case .variant:
                if let chosen = field.children.first { pending.append((chosen, place)) }
            default:
                break
            }
        }
        return found
    }
}
