import SpecterJSON
import SpecterRequest
import SpecterText

/// Keys in a collection's files that are one slip away from a key Specter acts on (`assert:` for
/// `asserts:`, `variabels:` for `variables:`): kept like any unknown key, they would silently do
/// nothing — a replay that asserts nothing passes. Only one edit or one swap of neighbours counts,
/// so the user's own keys (`note`, `owner`) stay quiet.
enum KeySlips {
    /// `pets/get.yaml: /assert: not a key Specter reads (did you mean asserts?)`, one per slip, in
    /// `collection.yaml` and in the saved requests given.
    static func find(in collection: Collection, items: [Collection.Item]) -> [String] {
        var slips = lines(collection.manifest.json, known: CollectionManifest.knownKeys, file: CollectionStore.manifestName)
        for item in items { slips += lines(item.request.json, known: SavedRequest.knownKeys, file: item.path) }
        return slips
    }

    private static func lines(_ json: JSONValue, known: [String], file: String) -> [String] {
        guard case .object(let object) = json else { return [] }
        return object.members.compactMap { member in
            guard !known.contains(member.key), let meant = known.first(where: { isOneSlip(member.key.lowercased(), $0) }) else { return nil }
            return "\(file): /\(member.key): not a key Specter reads (did you mean \(meant)?)"
        }
    }

    /// One character added, dropped or changed, or two neighbours swapped.
    static func isOneSlip(_ typed: String, _ known: String) -> Bool {
        if Suggestion.editDistance(typed, known) == 1 { return true }
        let (a, b) = (Array(typed), Array(known))
        guard a.count == b.count, a != b else { return false }
        let different = a.indices.filter { a[$0] != b[$0] }
        return different.count == 2 && different[1] == different[0] + 1 && a[different[0]] == b[different[1]] && a[different[1]] == b[different[0]]
    }
}
