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

    /// `into` says what the collection imported into already has; `files` reads and places the files
    /// bodies name. `keepsLiteralSecrets`: secrets stay in the drafts as typed-in credentials (the
    /// explorer), instead of `secret:NAME` references.
    public init(_ foreign: ForeignCollection, document: APIDocument, into target: ImportTarget = ImportTarget(), files: ImportedFiles = ImportedFiles(),
                keepsLiteralSecrets: Bool = false) {
        var slots = SecretSlots(reserved: target.variables.union(foreign.variables.map(\.name) + foreign.environments.flatMap { $0.variables.map(\.name) }),
                                stored: target.storedSecrets)
        (requests, server, secrets, environments, notes) = ([], nil, [], [], foreign.notes)
        variables = Self.variables(foreign.variables, slots: &slots, environment: nil)
        for environment in foreign.environments { merge(environment, slots: &slots) }
        let secretNames = Set((foreign.variables + foreign.environments.flatMap(\.variables)).filter { $0.isSecret && $0.value.isEmpty }.map(\.name))
        let importer = DraftImporter(document: document, files: files, secretNames: secretNames, keepsLiteralSecrets: keepsLiteralSecrets,
                                     namesOperationsByRoute: target.namesOperationsByRoute)
        let matcher = OperationMatcher(document: document)
        let servers = document.servers.map { Self.trimmed($0.resolvedURL()) }
        let targets = foreign.requests.map { request in Self.absolute(request) }
        let found = targets.map { matcher.match(method: $0.method, url: URLParts($0.url)) }
        let common = Self.commonServer(found.compactMap { try? $0.get().base }, described: servers)
        // Requests go where the collection's server is, when it has one; else where most of them went.
        let collectionServer = target.server ?? common
        server = target.server == nil ? common : nil
        var taken: Set<String> = []
        for (request, match) in zip(targets, found) {
            var made: DraftImporter.Made
            switch match {
            case .success(let operation):
                made = importer.matched(request, operation, query: URLParts(request.url).query,
                                        server: Self.choice(Self.trimmed(operation.base), collectionServer: collectionServer, described: servers), slots: &slots)
            case .failure(let miss):
                made = importer.unlisted(request, slots: &slots)
                if case .otherMethods(let methods) = miss {
                    made.notes.append(ImportNote(place: request.place, "the description has this path for \(methods.joined(separator: ", ")) only: kept as written"))
                }
            }
            let name = request.name ?? Self.name(of: request, unlisted: made.draft.operation.isUnlisted)
            let path = Self.path(for: name, folder: request.folder, taken: &taken)
            let order = requests.filter { Collection.folder(of: $0.path) == Collection.folder(of: path) }.count + 1
            var saved = SavedRequest(name: name, order: order, draft: made.draft)
            if !request.captures.isEmpty { saved.captures = .object(JSONObject(request.captures.map { JSONObject.Member(key: $0.variable, value: .string($0.query)) })) }
            if !request.asserts.isEmpty { saved.asserts = .array(request.asserts.map(JSONValue.string)) }
            requests.append(ImportedRequest(path: path, request: saved, method: request.method.uppercased(), place: request.place))
            notes += request.notes + made.notes
        }
        concealVariablesUsedAsCredentials(slots: &slots)
        for name in slots.variables where variables[name] == nil { variables[name] = "secret:" + name }
        secrets = slots.needed
        // A note quotes what the source said (a script's first line, an option): never a secret the import met.
        let redactor = Redactor(secrets: secrets.map(\.value))
        notes = notes.map { ImportNote(place: $0.place, redactor.redact($0.message)) }
    }

    /// An environment joins one of the same name (several sources may each bring `dev`): the first
    /// value of a variable is kept, and a different later one noted.
    private mutating func merge(_ environment: ForeignEnvironment, slots: inout SecretSlots) {
        let name = Self.fileSafe(environment.name)
        let values = Self.variables(environment.variables, slots: &slots, environment: name)
        guard let index = environments.firstIndex(where: { $0.name == name }) else {
            environments.append(RequestEnvironment(name: name, variables: values))
            return
        }
        for (variable, value) in values.sorted(by: { $0.key < $1.key }) {
            if let kept = environments[index].variables[variable] {
                if kept != value { notes.append(ImportNote(place: SourcePlace(file: name), "the environment \(name) defines \(variable) twice; the first value is kept")) }
            } else {
                environments[index].variables[variable] = value
            }
        }
    }

    /// A variable that a request uses as a credential holds a secret, whatever its file called it
    /// (`@token = eyJ…` in an `.http` file, a Postman collection variable): its value is kept as one.
    private mutating func concealVariablesUsedAsCredentials(slots: inout SecretSlots) {
        var names = slots.secretPlacedVariables
        for request in requests {
            for credential in request.request.draft.credentials { names.formUnion(Self.variables(in: credential.reference)) }
            for header in request.request.draft.headers where header.isCredential { names.formUnion(Placeholders.names(in: header.value)) }
        }
        func conceal(_ values: inout [String: String], environment: String?) {
            for name in names.sorted() {
                guard let value = values[name], VariableScope.reference(in: value) == nil, !value.contains("{{") else { continue }
                let role = "the variable \(name)" + (environment.map { " of the environment \($0)" } ?? "") + ", used as a credential"
                values[name] = "secret:" + slots.name(for: value, preferred: environment.map { "\($0)_\(name)" } ?? name, role: role,
                                                      place: SourcePlace(file: environment ?? "variables"), isVariable: environment == nil)
            }
        }
        conceal(&variables, environment: nil)
        for index in environments.indices { conceal(&environments[index].variables, environment: environments[index].name) }
    }

    private static func variables(in reference: CredentialReference) -> [String] {
        switch reference {
        case .variable(let name): return [name]
        case .fields(let fields): return fields.flatMap { variables(in: $0.1) }
        default: return []
        }
    }

    // MARK: - Pieces

    private static func variables(_ list: [ForeignVariable], slots: inout SecretSlots, environment: String?) -> [String: String] {
        var values: [String: String] = [:]
        for variable in list {
            if variable.isSecret, variable.value.isEmpty {
                values[variable.name] = "secret:" + variable.name
                slots.require(variable.name, role: "the variable \(variable.name) (its value is not in the source)", place: SourcePlace(file: environment ?? "variables"))
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

    /// Where a matched request goes: nowhere of its own when it calls the collection's server (or gives
    /// no host), else one of the description's servers, else its own URL.
    private static func choice(_ base: String, collectionServer: String?, described: [String]) -> ServerChoice? {
        if base.isEmpty || base.hasPrefix("/") || base == collectionServer { return nil }
        if let index = described.firstIndex(of: base) { return index == 0 && collectionServer == nil ? nil : .described(index: index, variables: [:]) }
        return .url(base)
    }

    /// `GET /pets`; for a request kept as written, its host too (`GET example.com/`), which tells apart the pages of a HAR.
    private static func name(of request: ForeignRequest, unlisted: Bool) -> String {
        let parts = URLParts(request.url)
        let path = parts.path.isEmpty ? "/" : parts.path
        guard unlisted else { return "\(request.method) \(path)" }
        let host = parts.origin.components(separatedBy: "://").last ?? parts.origin
        return "\(request.method) \(host)\(path)"
    }

    /// An environment's name as a file name: letters, digits, `-`, `_` and inner dots (never a path).
    private static func fileSafe(_ name: String) -> String {
        var kept = Substring(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        while kept.first == "." { kept.removeFirst() }
        while kept.last == "." { kept.removeLast() }
        return kept.isEmpty ? "environment" : String(kept)
    }
}
