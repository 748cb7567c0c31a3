import SpecterJSON
import SpecterRequest
import SpecterSpec

/// One imported request, ready to be saved: where it goes in the collection, and where it came from.
public struct ImportedRequest: Sendable {
    /// The file inside the collection (`pets/get-a-pet.yaml`).
    public var path: String
    public var request: SavedRequest
    /// The method it is sent with (upper case).
    public var method: String
    public var place: SourcePlace
}

/// What an import makes of the requests another tool wrote, against a description: every request
/// matched to the operation it calls (or kept as written when it calls none), the variables and
/// environments, the secrets it met (named, never written), and everything it could not carry over.
public struct CollectionImport: Sendable {
    public var requests: [ImportedRequest]
    /// The collection's variables (`collection.yaml`); a secret is `secret:NAME`.
    public var variables: [String: String]
    /// The server most requests call, when it is not the description's first.
    public var server: String?
    public var environments: [RequestEnvironment]
    public var secrets: [NeededSecret]
    public var notes: [ImportNote]

    public var matchedCount: Int { requests.count - unlistedCount }
    public var unlistedCount: Int { requests.filter { $0.request.draft.operation.isUnlisted }.count }

    /// `readFile` gives a file's text for bodies read from files (relative paths as the source wrote them);
    /// `takenVariables` are the names the collection imported into already uses.
    /// `keepsLiteralSecrets`: secrets stay in the drafts as typed-in credentials (the explorer), instead of `secret:NAME` references.
    public init(_ foreign: ForeignCollection, document: APIDocument, takenVariables: Set<String> = [], keepsLiteralSecrets: Bool = false,
                readFile: @escaping (String) -> String? = { _ in nil }) {
        var slots = SecretSlots(reserved: takenVariables.union(foreign.variables.map(\.name) + foreign.environments.flatMap { $0.variables.map(\.name) }))
        variables = Self.variables(foreign.variables, slots: &slots, environment: nil)
        environments = foreign.environments.map { RequestEnvironment(name: $0.name, variables: Self.variables($0.variables, slots: &slots, environment: $0.name)) }
        notes = foreign.notes
        let matcher = OperationMatcher(document: document)
        let secretNames = Set((foreign.variables + foreign.environments.flatMap(\.variables)).filter { $0.isSecret && $0.value.isEmpty }.map(\.name))
        let importer = DraftImporter(document: document, readFile: readFile, secretNames: secretNames, keepsLiteralSecrets: keepsLiteralSecrets)
        let servers = document.servers.map { Self.trimmed($0.resolvedURL()) }
        let targets = foreign.requests.map { request in Self.absolute(request) }
        let found = targets.map { matcher.match(method: $0.method, url: URLParts($0.url)) }
        server = Self.commonServer(found.compactMap { try? $0.get().base }, described: servers)
        var requests: [ImportedRequest] = []
        var taken: Set<String> = []
        for (request, match) in zip(targets, found) {
            var made: DraftImporter.Made
            switch match {
            case .success(let operation):
                let base = Self.trimmed(operation.base)
                let choice: ServerChoice? = base == server ? nil
                    : servers.firstIndex(of: base).map { .described(index: $0, variables: [:]) } ?? .url(base)
                made = importer.matched(request, operation, query: URLParts(request.url).query,
                                        server: choice == .first && server == nil ? nil : choice, slots: &slots)
            case .failure(let miss):
                made = importer.unlisted(request, slots: &slots)
                if case .otherMethods(let methods) = miss {
                    made.notes.append(ImportNote(place: request.place, "the description has this path for \(methods.joined(separator: ", ")) only: kept as written"))
                }
            }
            let name = request.name ?? "\(request.method) \(URLParts(request.url).path.isEmpty ? "/" : URLParts(request.url).path)"
            let path = Self.path(for: name, folder: request.folder, taken: &taken)
            let order = requests.filter { Self.folder(of: $0.path) == Self.folder(of: path) }.count + 1
            var saved = SavedRequest(name: name, order: order, draft: made.draft)
            if !request.captures.isEmpty { saved.captures = .object(JSONObject(request.captures.map { JSONObject.Member(key: $0.variable, value: .string($0.query)) })) }
            if !request.asserts.isEmpty { saved.asserts = .array(request.asserts.map(JSONValue.string)) }
            requests.append(ImportedRequest(path: path, request: saved, method: request.method.uppercased(), place: request.place))
            notes += request.notes + made.notes
        }
        for needed in slots.needed where variables[needed.name] == nil && Self.isHeaderSecret(needed, in: requests) {
            variables[needed.name] = "secret:" + needed.name
        }
        self.requests = requests
        secrets = slots.needed
    }

    // MARK: - Pieces

    private static func variables(_ list: [ForeignVariable], slots: inout SecretSlots, environment: String?) -> [String: String] {
        var values: [String: String] = [:]
        for variable in list {
            if variable.isSecret, variable.value.isEmpty {
                values[variable.name] = "secret:" + variable.name
            } else if variable.isSecret {
                let preferred = environment.map { "\($0)_\(variable.name)" } ?? variable.name
                let role = "the variable \(variable.name)" + (environment.map { " of the environment \($0)" } ?? "")
                values[variable.name] = "secret:" + slots.name(for: variable.value, preferred: preferred, role: role, place: SourcePlace(file: environment ?? "variables"), isVariable: true)
            } else {
                values[variable.name] = variable.value
            }
        }
        return values
    }

    /// A header secret is sent from a variable of its name.
    private static func isHeaderSecret(_ secret: NeededSecret, in requests: [ImportedRequest]) -> Bool {
        requests.contains { $0.request.draft.headers.contains { $0.value.hasSuffix("{{\(secret.name)}}") } }
    }

    /// A request written with a path only (`.http`'s `GET /pets` with `Host: …`) gets its host's URL.
    private static func absolute(_ request: ForeignRequest) -> ForeignRequest {
        guard request.url.hasPrefix("/"), let host = request.header("Host") else { return request }
        var copy = request
        copy.url = "http://" + host + request.url
        return copy
    }

    /// The base most matched requests share, unless it is the description's first server.
    private static func commonServer(_ bases: [String], described: [String]) -> String? {
        var counts: [String: Int] = [:]
        for base in bases.map(trimmed) where !base.isEmpty { counts[base, default: 0] += 1 }
        guard let top = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { return nil }
        return top == described.first ? nil : top
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    private static func path(for name: String, folder: [String], taken: inout Set<String>) -> String {
        let prefix = folder.map { CollectionStore.fileName(for: $0).dropLast(5) + "/" }.joined()
        let stem = String(CollectionStore.fileName(for: name).dropLast(5))
        var path = prefix + stem + ".yaml"
        var counter = 1
        while taken.contains(path) {
            counter += 1
            path = prefix + stem + "-\(counter).yaml"
        }
        taken.insert(path)
        return path
    }

    private static func folder(of path: String) -> Substring {
        path.lastIndex(of: "/").map { path[..<$0] } ?? ""
    }
}
