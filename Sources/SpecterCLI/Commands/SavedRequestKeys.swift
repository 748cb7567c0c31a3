import SpecterRequest
import SpecterText

/// Keys in saved requests that are one slip away from a key Specter acts on (`assert:` for
/// `asserts:`): kept like any unknown key, they would silently do nothing — a replay that asserts
/// nothing passes. Only one edit away counts, so the user's own keys (`note`, `owner`) stay quiet.
enum SavedRequestKeys {
    /// `pets/get.yaml: /assert: not a key Specter reads (did you mean asserts?)`, one per slip.
    static func slips(in items: [Collection.Item]) -> [String] {
        items.flatMap { item -> [String] in
            guard case .object(let object) = item.request.json else { return [] }
            return object.members.compactMap { member in
                guard !SavedRequest.knownKeys.contains(member.key) else { return nil }
                let lowered = member.key.lowercased()
                guard let known = SavedRequest.knownKeys.first(where: { Suggestion.editDistance($0, lowered) == 1 }) else { return nil }
                return "\(item.path): /\(member.key): not a key Specter reads (did you mean \(known)?)"
            }
        }
    }
}
