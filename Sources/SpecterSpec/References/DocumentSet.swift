import Foundation
import SpecterJSON
import SpecterYAML

/// Every document a description spans, and the resolution of `$ref`s between them.
///
/// All referenced documents are read when the description loads, so following a reference
/// reads nothing and is safe from any thread; only explaining a lookup that failed re-reads the
/// file, to give the line and column. Resolution is lazy: a reference is followed only when
/// something asks, so recursive schemas are a normal, finite thing.
public struct DocumentSet: Sendable {
    /// Why a referenced document is not in the set.
    enum Unavailable: Sendable {
        /// The sandbox refused it (a reason such as "it leads outside /repo").
        case refused(String)
        /// Reading or parsing it failed.
        case failed(String)
    }

    public let rootURL: URL
    let documents: [URL: LoadedDocument]
    /// Documents that were referenced but are not here, and why.
    let unavailable: [URL: Unavailable]
    /// How the user named the root (a path or URL), to name the other files relative to it.
    public let rootDisplayName: String
    private let identities: DocumentIdentities

    init(rootURL: URL, documents: [URL: LoadedDocument], unavailable: [URL: Unavailable], rootDisplayName: String) {
        self.rootURL = rootURL
        self.documents = documents
        self.unavailable = unavailable
        self.rootDisplayName = rootDisplayName
        // The root's identity wins over a referenced document claiming the same `$self`.
        let others = documents.values.filter { $0.url != rootURL }.sorted { $0.url.absoluteString < $1.url.absoluteString }
        identities = DocumentIdentities((documents[rootURL].map { [$0] } ?? []) + others)
    }

    public var root: LoadedDocument? { documents[rootURL] }

    public var documentCount: Int { documents.count }

    public func document(at url: URL) -> LoadedDocument? { documents[url] }

    /// Every document, the root first.
    public var allDocuments: [LoadedDocument] {
        let others = documents.values.filter { $0.url != rootURL }.sorted { $0.url.absoluteString < $1.url.absoluteString }
        return (root.map { [$0] } ?? []) + others
    }

    /// The value a `$ref` string names, seen from the document at `base`, with its address.
    public func resolve(_ reference: String, from base: NodeAddress) throws(SpecError) -> (value: JSONValue, address: NodeAddress) {
        guard let target = target(of: reference, from: base.document) else {
            throw SpecError("invalid reference \"\(reference)\"", at: location(of: base), kind: .unresolvedReference)
        }
        guard let document = documents[target.document] else {
            throw missingDocument(target.document, reference: reference, at: base)
        }
        guard let pointer = target.pointer else {
            throw SpecError("cannot resolve reference \"\(reference)\": \"#\(target.fragment)\" is not a JSON pointer", at: location(of: base), kind: .unresolvedReference)
        }
        guard let value = pointer.resolve(in: document.value) else {
            throw SpecError("dangling reference \"\(reference)\": nothing at \(pointer.fragment) in \(displayName(of: document.url))",
                            at: location(of: base), kind: .unresolvedReference)
        }
        return (value, NodeAddress(document: document.url, pointer: pointer))
    }

    /// Where a reference written in the document read from `url` leads (against its `$self` when it has one).
    private func target(of reference: String, from url: URL) -> ReferenceTarget? {
        guard let document = documents[url] else { return ReferenceTarget(reference, base: url) }
        return identities.target(of: reference, in: document)
    }

    /// The base URI of the document read from `url`: its `$self` (3.2), else `url`.
    public func baseURI(of url: URL) -> URL { documents[url]?.baseURI ?? url }

    /// The located error for a reference to a document that is not in the set.
    func missingDocument(_ url: URL, reference: String, at base: NodeAddress) -> SpecError {
        switch unavailable[url] {
        case .refused(let reason)?:
            return SpecError("refused reference \"\(reference)\": \(reason); pass --allow-external-refs to allow it", at: location(of: base), kind: .refusedReference)
        case .failed(let reason)?:
            return SpecError("cannot resolve reference \"\(reference)\": \(reason)", at: location(of: base), kind: .unresolvedReference)
        case nil:
            return SpecError("cannot resolve reference \"\(reference)\": the document was not loaded", at: location(of: base), kind: .unresolvedReference)
        }
    }

    /// Why `reference`, written at `base`, leads to no loaded document (refused, or unreadable),
    /// located where it is written; `nil` when its document is here.
    public func problem(following reference: String, from base: NodeAddress) -> SpecError? {
        guard let target = target(of: reference, from: base.document)?.document, documents[target] == nil else { return nil }
        return missingDocument(target, reference: reference, at: base)
    }

    /// Follows a chain of `{"$ref": …}` objects to the value they end at; a cycle is an error.
    public func dereference(_ value: JSONValue, at address: NodeAddress) throws(SpecError) -> (value: JSONValue, address: NodeAddress) {
        var current = (value: value, address: address)
        var visited: Set<NodeAddress> = []
        while case .string(let reference)? = current.value["$ref"] {
            guard visited.insert(current.address).inserted else {
                throw SpecError("reference cycle through \"\(reference)\"", at: location(of: address), kind: .unresolvedReference)
            }
            current = try resolve(reference, from: current.address.appending("$ref"))
        }
        return current
    }

    /// Where an address is in its file, with line and column when the text can be read.
    public func location(of address: NodeAddress) -> SourceLocation {
        let name = displayName(of: address.document)
        guard let document = documents[address.document] else { return SourceLocation(source: name, pointer: address.pointer) }
        let bytes = document.retainedBytes ?? (try? Data(contentsOf: address.document)).map { Array($0) }
        guard let bytes else { return SourceLocation(source: name, pointer: address.pointer) }
        var pointer = address.pointer
        while true {
            let position: TextPosition? = document.format == .json
                ? JSONLocator.position(of: pointer, in: bytes)
                : YAMLLocator.position(of: pointer, in: bytes)
            if let position { return SourceLocation(source: name, position: position, pointer: address.pointer) }
            guard let parent = pointer.parent else { return SourceLocation(source: name, pointer: address.pointer) }
            pointer = parent
        }
    }

    /// A file as the user would name it: relative to the root's folder as given, or the URL.
    public func displayName(of url: URL) -> String {
        if url == rootURL { return rootDisplayName }
        guard url.isFileURL, rootURL.isFileURL else { return url.absoluteString }
        let folder = rootURL.deletingLastPathComponent().path + "/"
        let rootPrefix = (rootDisplayName as NSString).deletingLastPathComponent
        if url.path.hasPrefix(folder) {
            let relative = String(url.path.dropFirst(folder.count))
            return rootPrefix.isEmpty ? relative : rootPrefix + "/" + relative
        }
        return url.path
    }
}
