import Foundation
import SpecterJSON

/// A `$ref` string split into the document it names and the fragment inside it.
struct ReferenceTarget: Sendable, Hashable {
    var document: URL
    /// The fragment without `#`: a JSON pointer (`/components/schemas/Pet`) or a plain name (an anchor).
    var fragment: String

    /// Resolves `reference` against the URL of the document it was written in.
    init?(_ reference: String, base: URL) {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let location = parts.first.map(String.init) ?? ""
        fragment = parts.count > 1 ? String(parts[1]) : ""
        if location.isEmpty {
            document = base
            return
        }
        let encoded = location.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? location
        guard let resolved = URL(string: encoded, relativeTo: base)?.absoluteURL else { return nil }
        document = resolved.isFileURL ? resolved.standardizedFileURL : resolved
    }

    /// The fragment as a JSON pointer, percent-decoded; `nil` for anchors and bad pointers.
    var pointer: JSONPointer? { JSONPointer(fragment: "#" + fragment) }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.insert(charactersIn: ":?%")
        return set
    }()
}
