import Foundation
import SpecterJSON

extension LoadedDocument {
    /// The URI relative references in the document resolve against: 3.2's `$self` (itself resolved
    /// against where the document was read, when it is relative), else where it was read.
    ///
    /// `$self` names the document, it does not move it: the document stays keyed by where it was
    /// read, and a reference that resolves to its `$self` comes back to it (see `DocumentIdentities`).
    public var baseURI: URL { selfURI ?? url }

    /// The `$self` of an OpenAPI 3.2 (or later 3.x) document as an absolute URI; `nil` without one,
    /// for earlier versions (where the field does not exist), or when it is not a URI reference.
    var selfURI: URL? {
        guard let written = value["$self"]?.stringValue, Self.definesSelf(value["openapi"]?.stringValue),
              !written.contains("#"), let resolved = URL(string: written, relativeTo: url)?.absoluteURL else { return nil }
        return resolved.isFileURL ? resolved.standardizedFileURL : resolved
    }

    /// `$self` exists from OpenAPI 3.2 on.
    private static func definesSelf(_ version: String?) -> Bool {
        guard let parts = version?.split(separator: ".", omittingEmptySubsequences: false), parts.count >= 2,
              parts[0] == "3", let minor = Int(parts[1]) else { return false }
        return minor >= 2
    }
}

/// Which loaded document each `$self` names, so a reference written against a document's
/// identity finds the document wherever it was read from.
struct DocumentIdentities: Sendable {
    private var located: [URL: URL] = [:]

    init<Documents: Sequence>(_ documents: Documents) where Documents.Element == LoadedDocument {
        for document in documents { add(document) }
    }

    mutating func add(_ document: LoadedDocument) {
        if let identity = document.selfURI, located[identity] == nil { located[identity] = document.url }
    }

    /// Where `reference`, written in `document`, leads: resolved against the document's base URI,
    /// then, when that names a loaded document by its `$self`, that document's own URL. The sandbox
    /// judges this result, never the text of the reference.
    func target(of reference: String, in document: LoadedDocument) -> ReferenceTarget? {
        guard var target = ReferenceTarget(reference, base: document.baseURI) else { return nil }
        if let url = located[target.document] { target.document = url }
        return target
    }
}
