import SpecterRequest
import SpecterText

/// Keys in saved requests that are one slip away from a key Specter acts on (`assert:` for
/// `asserts:`): kept like any unknown key, they would silently do nothing — a replay that asserts
/// nothing passes. Other unknown keys are the user's own and stay quiet.
enum SavedRequestKeys {
    /// `pets/get.yaml: /assert: not a key Specter reads (did you mean asserts?)`, one per slip.
    static func slips(in items: [Collection.Item]) -> [String] {
        items.flatMap { item -> [String] in
            guard case .object(let object) = item.request.json else { return [] }
            return object.members.compactMap { member in
                guard !SavedRequest.knownKeys.contains(member.key),
                      let known = Suggestion.closest(to: member.key, among: SavedRequest.knownKeys).first else { return nil }
                return "\(item.path): /\(member.key): not a key Specter reads (did you mean \(known)?)"
            }
        }
    }
}
