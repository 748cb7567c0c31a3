import SpecterJSON
import SpecterRequest
import SpecterTerminal

/// A header or query parameter the description does not list, added by the user: a token for an API
/// that declares no security scheme (GitHub's description), a tracing header, a debug flag.
struct ExtraField: Sendable, Equatable {
    enum Kind: Sendable, Equatable, Hashable {
        case header, query

        var noun: String { self == .header ? "header" : "query parameter" }
    }

    /// Its identity in the form (it stays when others are removed).
    let serial: Int
    let kind: Kind
    let name: String
    var value = TextInput()

    /// A header that carries a credential: kept out of saved files when typed in, masked on screen,
    /// and dropped on a redirect to another origin.
    var isCredential: Bool {
        guard kind == .header else { return false }
        let lowered = name.lowercased()
        if ["authorization", "proxy-authorization", "cookie"].contains(lowered) { return true }
        if ["token", "key", "secret", "auth", "password"].contains(where: lowered.contains) { return true }
        return !CredentialReference(text: value.text).isSecret
    }
}

extension OperationSession {
    /// Adds a header or query parameter and selects it (its value is typed next).
    mutating func addExtra(_ kind: ExtraField.Kind, named name: String) {
        extras.append(ExtraField(serial: nextExtraSerial, kind: kind, name: name))
        select(.extra(nextExtraSerial))
        nextExtraSerial += 1
        markEdited()
    }

    mutating func removeExtra(_ serial: Int) {
        extras.removeAll { $0.serial == serial }
        markEdited()
    }

    /// The extras as the draft carries them: headers, and query parameters the operation does not have.
    func addExtras(to draft: inout RequestDraft) {
        for extra in extras where !extra.name.isEmpty {
            switch extra.kind {
            case .header: draft.headers.append(DraftHeader(name: extra.name, value: extra.value.text, isCredential: extra.isCredential))
            // A list or an object read back from a saved request stays one.
            case .query: draft.setParameter(extra.name, in: .query, to: ParameterText.value([extra.value.text], type: nil))
            }
        }
    }

    /// Takes a draft's headers, and its query parameters the operation does not have, as extras.
    mutating func restoreExtras(from draft: RequestDraft) {
        for header in draft.headers {
            extras.append(ExtraField(serial: nextExtraSerial, kind: .header, name: header.name, value: TextInput(header.value)))
            nextExtraSerial += 1
        }
        let known = Set(operation.parameters.map { "\($0.location.rawValue) \($0.name)" })
        for parameter in draft.parameters where parameter.location == .query && !known.contains("query \(parameter.name)") {
            extras.append(ExtraField(serial: nextExtraSerial, kind: .query, name: parameter.name, value: TextInput(parameter.value.stringValue ?? JSONWriter.compact.string(parameter.value))))
            nextExtraSerial += 1
        }
    }
}
