import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec

/// A collection's requests as another tool would write them: each built exactly as Specter sends
/// it (parameters serialised, credentials placed as the description says), but with every variable
/// kept as `{{name}}` and every secret as the variable it comes from, never its value. The format
/// writers (curl, `.http`, Hurl, HAR) take it from here.
public struct CollectionExport: Sendable {
    public var requests: [ForeignRequest]
    /// The collection's variables, the chosen environment's over them; a secret keeps its name only (empty value).
    public var variables: [ForeignVariable]
    /// The collection's environments; a secret keeps its name only (empty value).
    public var environments: [ForeignEnvironment]
    /// What could not be written (a request that does not build).
    public var notes: [ImportNote]
    /// How many requests could not be built (each named in `notes`).
    public var unexported: Int

    /// `runner` builds without sending (no OAuth2 token is fetched).
    public init(_ collection: Collection, items: [Collection.Item], service: DescriptionService, environment: RequestEnvironment?, runner: RequestRunner) async {
        var scope = VariableScope()
        scope.keepsPlaceholders = true
        var requests: [ForeignRequest] = []
        var notes: [ImportNote] = []
        var unexported = 0
        for item in items {
            let place = SourcePlace(file: item.path)
            var draft = item.request.draft
            if let environment, let operation = service.operation(draft.operation) {
                draft = environment.applied(to: draft, schemes: operation.securitySchemeNames(in: service.document))
            }
            if draft.server == nil, !draft.operation.isUnlisted, let server = collection.manifest.server { draft.server = .url(server) }
            do {
                // A URL made of placeholders (`{{baseUrl}}/pets`) is not a URL until filled: stand-in hosts take their place to build it.
                var withoutBody = draft
                withoutBody.body = nil
                var standIns = PlaceholderStandIns()
                switch withoutBody.operation {
                case .unlisted(let method, let url): withoutBody.operation = .unlisted(method: method, url: standIns.replacing(url))
                default: if case .url(let url, let values)? = withoutBody.server { withoutBody.server = .url(standIns.replacing(url), variables: values) }
                }
                var prepared = try await runner.prepare(withoutBody, service: service, scope: scope, workingDirectory: collection.root, sending: false)
                prepared.built.request.url = URL(string: standIns.restoring(prepared.built.request.url.absoluteString)) ?? prepared.built.request.url
                let files = SentFiles(root: collection.root, documents: service.document.documents)
                var request = Self.request(item.request, built: prepared.built, operation: prepared.operation, draft: draft, place: place, files: files)
                request.url = standIns.restoring(request.url)
                if case .url(let server, _)? = draft.server, request.url.hasPrefix(server) { request.serverLength = server.count }
                notes += Self.placeCredentials(of: draft, in: &request, schemes: service.document.securitySchemes)
                requests.append(request)
            } catch {
                notes.append(ImportNote(place: place, "not exported: \(error)"))
                unexported += 1
            }
        }
        self.requests = requests
        self.notes = notes
        self.unexported = unexported
        var values = collection.manifest.variables
        for (name, value) in environment?.variables ?? [:] { values[name] = value }
        var variables = values.keys.sorted().map { name in
            let value = values[name] ?? ""
            return VariableScope.reference(in: value) == nil ? ForeignVariable(name: name, value: value) : ForeignVariable(name: name, value: "", isSecret: true)
        }
        // A `secret:NAME` credential is written as `{{NAME}}`, an OAuth2 token as `{{SCHEME}}`: variables without a value here.
        for item in items {
            for credential in item.request.draft.credentials {
                for name in Self.secretNames(credential, schemes: service.document.securitySchemes) where !variables.contains(where: { $0.name == name }) {
                    variables.append(ForeignVariable(name: name, value: "", isSecret: true))
                }
            }
        }
        self.variables = variables
        environments = collection.environments.map { environment in
            ForeignEnvironment(name: environment.name, variables: environment.variables.keys.sorted().map { name in
                let value = environment.variables[name] ?? ""
                return VariableScope.reference(in: value) == nil ? ForeignVariable(name: name, value: value) : ForeignVariable(name: name, value: "", isSecret: true)
            })
        }
    }

    private static func request(_ saved: SavedRequest, built: BuiltRequest, operation: APIOperation, draft: RequestDraft, place: SourcePlace,
                                files: SentFiles) -> ForeignRequest {
        var headers = built.request.headers.fields.filter { !($0.name.caseInsensitiveEquals("User-Agent") && $0.value == SpecterVersion.userAgent) }
            .map { ForeignHeader(name: $0.name, value: $0.value) }
        let body = draft.body.map { Self.body($0, operation: operation, files: files) }
        if let type = body?.contentType, !headers.contains(where: { $0.name.caseInsensitiveEquals("Content-Type") }), !type.hasPrefix("multipart/") {
            headers.append(ForeignHeader(name: "Content-Type", value: type))
        }
        let url = built.request.url.absoluteString
        var request = ForeignRequest(name: saved.name, method: built.request.method, url: Self.unescapedPlaceholders(url),
                                     headers: headers, body: body?.body, place: place)
        request.encodedVariables = Self.encodedPlaceholders(in: url)
        request.folder = Collection.folder(of: place.file).split(separator: "/").map(String.init)
        request.captures = (saved.captures?.objectValue?.members ?? []).compactMap { member in
            member.value.stringValue.map { ForeignCapture(variable: member.key, query: $0) }
        }
        request.asserts = (saved.asserts?.arrayValue ?? []).compactMap(\.stringValue)
        return request
    }

    /// Credentials as the other tools say them: a Basic user and password as the format's own Basic
    /// authentication (`-u`, `[BasicAuth]`), an OAuth2 token — fetched only when Specter sends — as
    /// the variable `{{SCHEME}}`. Built without sending, both would be wrong bytes in a header.
    private static func placeCredentials(of draft: RequestDraft, in request: inout ForeignRequest, schemes: [SecurityScheme]) -> [ImportNote] {
        var notes: [ImportNote] = []
        for credential in draft.credentials {
            guard let scheme = schemes.first(where: { $0.name == credential.scheme }) else { continue }
            switch (scheme.kind, credential.reference) {
            case (.http(let kind, _), .fields(let fields)) where kind.lowercased() == "basic":
                let text = { (key: String) in fields.first { $0.0 == key }.map { placeholder($0.1) } ?? "" }
                request.headers.removeAll { $0.name.caseInsensitiveEquals("Authorization") }
                request.auth = .basic(user: text("username"), password: text("password"))
            case (.http(let kind, _), _) where kind.lowercased() == "basic":
                request.headers.removeAll { $0.name.caseInsensitiveEquals("Authorization") }
                notes.append(ImportNote(place: request.place, "the \(scheme.name) credential holds user:password in one (\(credential.reference.text)): not written; "
                                        + "give it as {username: …, password: secret:…} to export it"))
            case (.oauth2, .fields):
                for index in request.headers.indices where request.headers[index].name.caseInsensitiveEquals("Authorization") {
                    request.headers[index].value = "Bearer {{\(scheme.name)}}"
                }
                notes.append(ImportNote(place: request.place, "the \(scheme.name) token is fetched by Specter when it sends; the export needs it as {{\(scheme.name)}}"))
            default:
                continue
            }
        }
        return notes
    }

    private static func secretNames(_ credential: DraftCredential, schemes: [SecurityScheme]) -> [String] {
        let kind = schemes.first { $0.name == credential.scheme }?.kind
        switch (kind, credential.reference) {
        case (.oauth2?, .fields): return [credential.scheme]
        case (_, .secret(let name)): return [name]
        case (_, .fields(let fields)): return fields.compactMap { if case .secret(let name) = $0.1 { name } else { nil } }
        default: return []
        }
    }

    /// A credential reference as the placeholder an export writes for it (a literal user name as itself).
    private static func placeholder(_ reference: CredentialReference) -> String {
        switch reference {
        case .literal(let text): return text
        case .variable(let name), .secret(let name): return "{{\(name)}}"
        case .environment(let name): return "{{$env \(name)}}"
        case .fields: return ""
        }
    }

    /// The body as the draft holds it, in the form other formats write (JSON as text, forms by field,
    /// multipart by part with files named by path), and the media type it goes as.
    private static func body(_ body: DraftBody, operation: APIOperation, files: SentFiles) -> (body: ForeignBody, contentType: String) {
        let described = (operation.requestBody?.content ?? []).preferred(body.mediaType)
        let media = described?.name ?? body.mediaType ?? "application/json"
        let essence = MediaType.essence(of: media)
        switch body.content {
        case .text(let text):
            return (.text(text, mediaType: body.mediaType ?? "text/plain"), body.mediaType ?? "text/plain")
        case .json(let value):
            if essence == "application/x-www-form-urlencoded", let object = value.objectValue {
                return (.form(fields(object)), media)
            }
            if essence.hasPrefix("multipart/"), let object = value.objectValue {
                let fileFields = BinaryProperties.of(described?.schema, documents: files.documents)
                return (.multipart(fields(object).map { files.part($0, isFile: fileFields.contains($0.name)) }), media)
            }
            if !MediaType.isJSON(essence), essence != "*/*", case .string(let path) = value, path.hasPrefix("@") {
                return (.file(path: files.absolute(String(path.dropFirst())), mediaType: media), media)
            }
            if !MediaType.isJSON(essence), essence != "*/*", case .string(let text) = value { return (.text(text, mediaType: media), media) }
            return (.text(JSONWriter.pretty.string(value), mediaType: media == "*/*" ? "application/json" : media), media)
        }
    }

    private static func fields(_ object: JSONObject) -> [FormField] {
        object.members.flatMap { member in
            (member.value.arrayValue ?? [member.value]).map { item in
                FormField(name: member.key, value: item.stringValue ?? JSONWriter.compact.string(item))
            }
        }
    }

    /// The placeholders a built URL holds percent-encoded: parameter values Specter encodes when it fills them.
    static func encodedPlaceholders(in url: String) -> Set<String> {
        var found: Set<String> = []
        var rest = Substring(url)
        while let open = rest.range(of: "%7B%7B", options: .caseInsensitive), let close = rest[open.upperBound...].range(of: "%7D%7D", options: .caseInsensitive) {
            let inside = rest[open.upperBound..<close.lowerBound]
            found.insert(inside.removingPercentEncoding ?? String(inside))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// `%7B%7Bpet_id%7D%7D` (a placeholder the URL encoder escaped) back to `{{pet_id}}`.
    static func unescapedPlaceholders(_ url: String) -> String {
        var result = ""
        var rest = Substring(url)
        while let open = rest.range(of: "%7B%7B", options: .caseInsensitive), let close = rest[open.upperBound...].range(of: "%7D%7D", options: .caseInsensitive) {
            result += rest[..<open.lowerBound]
            let inside = rest[open.upperBound..<close.lowerBound]
            result += "{{" + (inside.removingPercentEncoding ?? String(inside)) + "}}"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
