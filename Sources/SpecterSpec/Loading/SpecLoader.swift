import Foundation
import SpecterHTTP
import SpecterJSON

/// Options that change what loading may do.
public struct LoadOptions: Sendable {
    public var referencePolicy: ReferencePolicy
    public var http: HTTPOptions

    public init(referencePolicy: ReferencePolicy = ReferencePolicy(), http: HTTPOptions = HTTPOptions(totalTimeout: .seconds(60))) {
        self.referencePolicy = referencePolicy
        self.http = http
    }
}

/// Loads an API description from a file path or URL into an `APIDocument`.
///
/// The pipeline: read the root (discovering it under a bare server URL), read every
/// document it references (within the reference policy), then normalise into the model.
public struct SpecLoader: Sendable {
    public var client: any HTTPClient
    public var options: LoadOptions

    public init(client: any HTTPClient = URLSessionHTTPClient(), options: LoadOptions = LoadOptions()) {
        self.client = client
        self.options = options
    }

    /// Where a user's argument points: `http(s)://…` and `file://…` are URLs, anything else a path.
    public static func url(for argument: String, relativeTo directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> URL {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("file://"), let url = URL(string: argument) {
            return url
        }
        return URL(fileURLWithPath: argument, relativeTo: directory).standardizedFileURL
    }

    public func load(_ argument: String) async throws(SpecError) -> APIDocument {
        let url = Self.url(for: argument)
        return try await load(url: url, displayName: url.isFileURL ? argument : url.absoluteString)
    }

    public func load(url: URL, displayName: String) async throws(SpecError) -> APIDocument {
        let root: LoadedDocument
        if url.isFileURL {
            root = try readFile(url, displayName: displayName)
        } else {
            root = try await DocumentDiscovery(client: client, options: options.http).fetchRoot(url)
        }
        return try await load(root: root, displayName: url.isFileURL ? displayName : root.url.absoluteString)
    }

    /// Loads a description whose root text is already in memory (standard input, an embedded demo);
    /// `url` is where its relative references resolve from.
    public func load(bytes: [UInt8], url: URL, displayName: String) async throws(SpecError) -> APIDocument {
        try await load(root: DocumentParser.parse(bytes, url: url, displayName: displayName), displayName: displayName)
    }

    private func load(root: LoadedDocument, displayName: String) async throws(SpecError) -> APIDocument {
        let documents = await loadReferencedDocuments(from: root, displayName: displayName)
        return try Normaliser.normalise(documents)
    }

    /// Reads every document reachable through `$ref`s from the root, depth first, within the sandbox.
    /// References resolve against each document's base URI (its `$self` in 3.2), and the sandbox
    /// judges where they lead after that, so `$self` cannot carry a reference out of it.
    private func loadReferencedDocuments(from root: LoadedDocument, displayName: String) async -> DocumentSet {
        var documents: [URL: LoadedDocument] = [root.url: root]
        var unavailable: [URL: DocumentSet.Unavailable] = [:]
        var queue: [LoadedDocument] = [root]
        var identities = DocumentIdentities([root])
        let sandbox = ReferenceSandbox(root: root.url, policy: options.referencePolicy)
        let namer = DocumentSet(rootURL: root.url, documents: [:], unavailable: [:], rootDisplayName: displayName)
        while let document = queue.popLast() {
            var seen: Set<String> = []
            for reference in document.references where !reference.hasPrefix("#") {
                let file = String(reference.prefix { $0 != "#" })
                guard seen.insert(file).inserted, let target = identities.target(of: reference, in: document)?.document,
                      documents[target] == nil, unavailable[target] == nil else { continue }
                if let refusal = sandbox.refusal(of: target) {
                    unavailable[target] = .refused(refusal)
                    continue
                }
                do {
                    let loaded = target.isFileURL
                        ? try readFile(target, displayName: namer.displayName(of: target))
                        : try await DocumentDiscovery(client: client, options: options.http).fetchDocument(target)
                    documents[target] = loaded
                    identities.add(loaded)
                    queue.append(loaded)
                } catch {
                    unavailable[target] = .failed(error.description)
                }
            }
        }
        return DocumentSet(rootURL: root.url, documents: documents, unavailable: unavailable, rootDisplayName: displayName)
    }

    private func readFile(_ url: URL, displayName: String) throws(SpecError) -> LoadedDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SpecError("no such file", at: SourceLocation(source: displayName))
        }
        guard !isDirectory.boolValue else { throw SpecError("is a folder, not a document", at: SourceLocation(source: displayName)) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SpecError("cannot read the file (permission denied?)", at: SourceLocation(source: displayName))
        }
        return try DocumentParser.parse(Array(data), url: url, displayName: displayName)
    }
}
