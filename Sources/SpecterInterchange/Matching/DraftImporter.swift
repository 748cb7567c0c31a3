import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec

/// Turns an imported request into a draft: of the operation it matched (path values become path
/// parameters, query fields and headers go to the parameters that describe them, credentials to the
/// security schemes they fit), or, when it matched none, of the request as written. Literal secrets
/// become `secret:NAME` references; what cannot be kept becomes a note.
struct DraftImporter {
    let document: APIDocument
    let files: ImportedFiles
    /// Variables that name a value in the user's secrets file (an export writes `secret:TOKEN` as
    /// `{{TOKEN}}` and lists TOKEN as a secret without a value): a credential using one is `secret:TOKEN` again.
    let secretNames: Set<String>
    /// The explorer keeps a pasted command's secrets in memory as typed-in credentials (never
    /// written unless the user saves them to the secrets file); an import into files references them.
    let keepsLiteralSecrets: Bool
    /// Name the operation by method and path, as the collection's requests do, not by its id.
    var namesOperationsByRoute = false

    /// Headers a client works out by itself: never kept.
    private static let derivedHeaders: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "expect"]

    struct Made {
        var draft: RequestDraft
        var notes: [ImportNote]
    }

    func matched(_ request: ForeignRequest, _ found: OperationMatcher.Found, query: [FormField], server: ServerChoice?, slots: inout SecretSlots) -> Made {
        let operation = found.operation
        let named = namesOperationsByRoute ? OperationReference.route(method: operation.method, path: operation.path) : OperationReference(operation)
        var made = Made(draft: RequestDraft(operation: named, server: server), notes: [])
        for parameter in operation.parameters where parameter.location == .path {
            if let text = found.pathValues[parameter.name] { made.draft.setParameter(parameter.name, in: .path, to: typed([text], parameter)) }
        }
        let schemes = operation.securitySchemeNames(in: document).compactMap { name in document.securitySchemes.first { $0.name == name } }
        for (name, values) in Self.grouped(query) {
            if let scheme = schemes.first(where: { $0.kind == .apiKey(name: name, location: .query) }), let value = values.first {
                made.draft.setCredential(reference(value, scheme: scheme.name, place: request.place, slots: &slots), for: scheme.name)
                continue
            }
            let texts = values.map { concealed($0, name: name, request: request, slots: &slots) }
            if let parameter = operation.parameters.first(where: { $0.location == .query && $0.name == name }) {
                made.draft.setParameter(name, in: .query, to: typed(texts, parameter))
            } else {
                made.draft.setParameter(name, in: .query, to: texts.count == 1 ? .string(texts[0]) : .array(texts.map(JSONValue.string)))
            }
        }
        if let auth = request.auth { credential(auth, schemes: schemes, request: request, into: &made, slots: &slots) }
        for header in request.headers { place(header, operation: operation, schemes: schemes, request: request, into: &made, slots: &slots) }
        body(request, accepted: operation.requestBody?.content.map(\.name) ?? [], into: &made, slots: &slots)
        return made
    }

    func unlisted(_ request: ForeignRequest, slots: inout SecretSlots) -> Made {
        var made = Made(draft: RequestDraft(operation: .unlisted(method: request.method.uppercased(), url: concealedQuery(of: request, slots: &slots))), notes: [])
        if let auth = request.auth { credential(auth, schemes: [], request: request, into: &made, slots: &slots) }
        for header in request.headers where !Self.derivedHeaders.contains(header.name.lowercased()) && header.name.lowercased() != "content-type" {
            made.draft.headers.append(kept(header, request: request, slots: &slots))
        }
        body(request, accepted: [], into: &made, slots: &slots)
        return made
    }

    // MARK: - Values

    /// The value a parameter's schema declares, unless the text holds placeholders (filled, and typed, when sent).
    private func typed(_ texts: [String], _ parameter: APIParameter) -> JSONValue {
        if texts.count == 1, texts[0].contains("{{") { return .string(texts[0]) }
        return ParameterText.value(texts, type: ParameterText.schemaType(of: parameter, in: document.documents))
    }

    private static func grouped(_ fields: [FormField]) -> [(String, [String])] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for field in fields {
            if values[field.name] == nil { order.append(field.name) }
            values[field.name, default: []].append(field.value)
        }
        return order.map { ($0, values[$0] ?? []) }
    }

    // MARK: - Credentials

    /// A reference for a credential's text: a variable stays one; a literal is kept as a secret.
    private func reference(_ value: String, scheme: String, role: String? = nil, place: SourcePlace, slots: inout SecretSlots) -> CredentialReference {
        if let name = Placeholders.soleVariable(in: value) { return secretNames.contains(name) ? .secret(name) : .variable(name) }
        if keepsLiteralSecrets { return .literal(value) }
        return .secret(slots.name(for: value, preferred: scheme, role: role ?? "the \(scheme) credential", place: place))
    }

    private func credential(_ auth: ForeignAuth, schemes: [SecurityScheme], request: ForeignRequest, into made: inout Made, slots: inout SecretSlots) {
        switch auth {
        case .basic(let user, let password):
            if let scheme = schemes.first(where: { Self.isHTTP($0, "basic") }) {
                // The user is written as it is and the password is a reference, as any secret; with no
                // password the user is the secret (an API key sent as the user, as Stripe's are).
                if password.isEmpty {
                    let key = reference(user, scheme: scheme.name + "_user", role: "the \(scheme.name) user (a key sent as the user)", place: request.place, slots: &slots)
                    made.draft.setCredential(.fields([("username", key)]), for: scheme.name)
                } else {
                    let userReference: CredentialReference = Placeholders.soleVariable(in: user).map { secretNames.contains($0) ? .secret($0) : .variable($0) } ?? .literal(user)
                    let passwordReference = reference(password, scheme: scheme.name + "_password", role: "the \(scheme.name) password", place: request.place, slots: &slots)
                    made.draft.setCredential(.fields([("username", userReference), ("password", passwordReference)]), for: scheme.name)
                }
            } else if (user + password).contains("{{") {
                made.notes.append(ImportNote(place: request.place, "Basic credentials made of variables need a Basic security scheme in the description to be sent; left out"))
            } else {
                let header = ForeignHeader(name: "Authorization", value: "Basic " + Data((user + ":" + password).utf8).base64EncodedString())
                made.draft.headers.append(kept(header, request: request, slots: &slots))
            }
        case .digest:
            made.notes.append(ImportNote(place: request.place, "Digest authentication is not supported (Specter answers no Digest challenge); its credentials are left out"))
        case .bearer(let token):
            if let scheme = schemes.first(where: { Self.isHTTP($0, "bearer") || Self.isOAuth($0) }) {
                made.draft.setCredential(reference(token, scheme: scheme.name, place: request.place, slots: &slots), for: scheme.name)
            } else {
                made.draft.headers.append(kept(ForeignHeader(name: "Authorization", value: "Bearer " + token), request: request, slots: &slots))
            }
        case .apiKey(let name, let value, let inQuery):
            let location: SecurityScheme.APIKeyLocation = inQuery ? .query : .header
            if let scheme = schemes.first(where: { Self.isKey($0, named: name.lowercased(), in: location) }) {
                made.draft.setCredential(reference(value, scheme: scheme.name, place: request.place, slots: &slots), for: scheme.name)
            } else if inQuery {
                made.notes.append(ImportNote(place: request.place, "the API key \(name) goes in the query of a request that names no such scheme: kept as a secret header instead"))
                made.draft.headers.append(kept(ForeignHeader(name: name, value: value), request: request, slots: &slots))
            } else {
                made.draft.headers.append(kept(ForeignHeader(name: name, value: value), request: request, slots: &slots))
            }
        }
    }

    private static func isHTTP(_ scheme: SecurityScheme, _ kind: String) -> Bool {
        if case .http(let name, _) = scheme.kind { return name.lowercased() == kind }
        return false
    }

    private static func isOAuth(_ scheme: SecurityScheme) -> Bool {
        switch scheme.kind {
        case .oauth2, .openIDConnect: return true
        default: return false
        }
    }

    /// `Authorization: Bearer …` / `Basic …` in a header, as the scheme it fits.
    private func recognised(_ value: String, schemes: [SecurityScheme]) -> (scheme: SecurityScheme, credential: String)? {
        let words = value.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else { return nil }
        switch words[0].lowercased() {
        case "bearer":
            return schemes.first { Self.isHTTP($0, "bearer") || Self.isOAuth($0) }.map { ($0, words[1]) }
        case "basic":
            guard let scheme = schemes.first(where: { Self.isHTTP($0, "basic") }) else { return nil }
            if words[1].contains("{{") { return nil }
            guard let data = Data(base64Encoded: words[1]), let pair = String(data: data, encoding: .utf8) else { return nil }
            return (scheme, pair)
        default:
            return nil
        }
    }

    // MARK: - Headers

    private func place(_ header: ForeignHeader, operation: APIOperation, schemes: [SecurityScheme], request: ForeignRequest, into made: inout Made,
                       slots: inout SecretSlots) {
        let name = header.name.lowercased()
        if Self.derivedHeaders.contains(name) || name == "content-type" { return }
        if name == "authorization", let found = recognised(header.value, schemes: schemes) {
            made.draft.setCredential(reference(found.credential, scheme: found.scheme.name, place: request.place, slots: &slots), for: found.scheme.name)
            return
        }
        if name == "cookie" {
            cookies(header.value, operation: operation, schemes: schemes, request: request, into: &made, slots: &slots)
            return
        }
        if let parameter = operation.parameters.first(where: { $0.location == .header && $0.name.lowercased() == name }) {
            made.draft.setParameter(parameter.name, in: .header, to: typed([concealed(header.value, name: header.name, request: request, slots: &slots)], parameter))
        } else if let scheme = schemes.first(where: { Self.isKey($0, named: name, in: .header) }) {
            made.draft.setCredential(reference(header.value, scheme: scheme.name, place: request.place, slots: &slots), for: scheme.name)
        } else if name == "accept", header.value == "*/*" || header.value == RequestBuilder(document: document, operation: operation).acceptHeader {
            return
        } else {
            made.draft.headers.append(kept(header, request: request, slots: &slots))
        }
    }

    private static func isKey(_ scheme: SecurityScheme, named name: String, in location: SecurityScheme.APIKeyLocation) -> Bool {
        if case .apiKey(let key, location) = scheme.kind { return key.lowercased() == name }
        return false
    }

    private func cookies(_ text: String, operation: APIOperation, schemes: [SecurityScheme], request: ForeignRequest, into made: inout Made, slots: inout SecretSlots) {
        var rest: [String] = []
        for pair in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let (name, value) = (parts[0], parts.count > 1 ? parts[1] : "")
            if let parameter = operation.parameters.first(where: { $0.location == .cookie && $0.name == name }) {
                made.draft.setParameter(name, in: .cookie, to: typed([concealed(value, name: name, request: request, slots: &slots)], parameter))
            } else if let scheme = schemes.first(where: { $0.kind == .apiKey(name: name, location: .cookie) }) {
                made.draft.setCredential(reference(value, scheme: scheme.name, place: request.place, slots: &slots), for: scheme.name)
            } else {
                rest.append(pair)
            }
        }
        if !rest.isEmpty { made.draft.headers.append(kept(ForeignHeader(name: "Cookie", value: rest.joined(separator: "; ")), request: request, slots: &slots)) }
    }

    // MARK: - Secrets in values

    /// A literal value of a field whose name says it holds a secret (`api_key`, `session`, `password`),
    /// as a placeholder for a variable the collection defines as `secret:NAME`; other values as they are.
    /// A value that is one variable (`password={{PASS}}`) names that variable as holding a secret.
    private func concealed(_ value: String, name: String, request: ForeignRequest, slots: inout SecretSlots) -> String {
        guard !keepsLiteralSecrets, !value.isEmpty, SecretSlots.isSecretName(name) else { return value }
        if let variable = Placeholders.soleVariable(in: value) { slots.secretPlacedVariables.insert(variable) }
        guard !value.contains("{{") else { return value }
        return slots.placeholder(for: value, preferred: name.lowercased(), role: "the value of \(name)", place: request.place)
    }

    /// The URL with the secret fields of its query concealed (an unlisted request keeps its URL as written).
    private func concealedQuery(of request: ForeignRequest, slots: inout SecretSlots) -> String {
        guard let mark = request.url.firstIndex(of: "?") else { return request.url }
        let head = request.url[..<mark]
        var query = Substring(request.url[request.url.index(after: mark)...])
        var fragment = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = String(query[hash...])
            query = query[..<hash]
        }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return String(pair) }
            let name = URLParts.decoded(parts[0])
            let value = URLParts.decoded(parts[1])
            let hidden = concealed(value, name: name, request: request, slots: &slots)
            return hidden == value ? String(pair) : parts[0] + "=" + hidden
        }
        return head + "?" + pairs.joined(separator: "&") + fragment
    }

    /// A JSON body's strings under secret names, and a form's secret fields, concealed.
    private func concealed(_ value: JSONValue, request: ForeignRequest, slots: inout SecretSlots) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for member in object.members {
                if case .string(let text) = member.value {
                    result[member.key] = .string(concealed(text, name: member.key, request: request, slots: &slots))
                } else {
                    result[member.key] = concealed(member.value, request: request, slots: &slots)
                }
            }
            return .object(result)
        case .array(let items):
            var result: [JSONValue] = []
            for item in items { result.append(concealed(item, request: request, slots: &slots)) }
            return .array(result)
        default:
            return value
        }
    }

    /// A form written as text, its secret fields concealed and everything else kept byte for byte.
    private func concealedForm(_ text: String, request: ForeignRequest, slots: inout SecretSlots) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return String(pair) }
            let value = URLParts.decoded(parts[1])
            let hidden = concealed(value, name: URLParts.decoded(parts[0]), request: request, slots: &slots)
            return hidden == value ? String(pair) : parts[0] + "=" + hidden
        }.joined(separator: "&")
    }

    /// A header kept as written, unless its literal value looks like a secret: then it is sent from
    /// a variable of the secret's name, which the collection defines as `secret:NAME`, and marked as a credential.
    private func kept(_ header: ForeignHeader, request: ForeignRequest, slots: inout SecretSlots) -> DraftHeader {
        let name = header.name.lowercased()
        guard SecretSlots.isSecretName(name) else { return DraftHeader(name: header.name, value: header.value) }
        guard !keepsLiteralSecrets else { return DraftHeader(name: header.name, value: header.value, isCredential: true) }
        if name == "cookie" {
            // Each cookie's value is a secret of the cookie's name; placeholders stay as they are.
            let pairs = header.value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { pair -> String in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty, !parts[1].contains("{{") else { return pair }
                return parts[0] + "=" + slots.placeholder(for: parts[1], preferred: parts[0], role: "the cookie \(parts[0])", place: request.place)
            }
            return DraftHeader(name: header.name, value: pairs.joined(separator: "; "), isCredential: true)
        }
        guard !header.value.contains("{{") else { return DraftHeader(name: header.name, value: header.value, isCredential: true) }
        // `Bearer abc…`: the scheme stays in the header, the token is the secret.
        let words = header.value.split(separator: " ", maxSplits: 1).map(String.init)
        let scheme = name.hasSuffix("authorization") && words.count == 2 && words[0].allSatisfy(\.isLetter) ? words[0] + " " : ""
        let value = scheme.isEmpty ? header.value : words[1]
        return DraftHeader(name: header.name, value: scheme + slots.placeholder(for: value, preferred: name, role: "the \(header.name) header", place: request.place),
                           isCredential: true)
    }

    // MARK: - Body

    private func body(_ request: ForeignRequest, accepted: [String], into made: inout Made, slots: inout SecretSlots) {
        guard let body = request.body else { return }
        let declared = request.header("Content-Type")
        func chosen(_ type: String?) -> String? {
            guard let type else { return nil }
            // A media type the description accepts is named as the description does; another is kept as sent.
            return accepted.first { MediaType.essence(of: $0) == MediaType.essence(of: type) } ?? type
        }
        switch body {
        case .text(let text, let mediaType):
            made.draft.body = textBody(text, mediaType: chosen(mediaType ?? declared), request: request, slots: &slots)
        case .form(let fields):
            made.draft.body = DraftBody(.json(concealed(Self.object(fields), request: request, slots: &slots)), mediaType: chosen("application/x-www-form-urlencoded"))
        case .multipart(let parts):
            var object = JSONObject()
            for part in parts {
                let value: JSONValue
                switch part.content {
                case .text(let text): value = .string(concealed(text, name: part.name, request: request, slots: &slots))
                case .file(let path, let filename):
                    value = .string("@" + files.stored(path, request.place))
                    if filename != nil { made.notes.append(ImportNote(place: request.place, "the part \(part.name) names its file differently from its path: Specter sends the file's own name")) }
                }
                if let type = part.mediaType {
                    made.notes.append(ImportNote(place: request.place, "the part \(part.name)'s own content type (\(type)) is not kept: the description's encoding, or the file's extension, decides it"))
                }
                object[part.name] = Self.appending(value, to: object[part.name])
            }
            made.draft.body = DraftBody(.json(.object(object)), mediaType: chosen(declared.map(MediaType.essence) ?? "multipart/form-data"))
        case .file(let path, let mediaType):
            let type = mediaType ?? declared
            if let text = files.text(path, request.place), type.map({ Self.isText(MediaType.essence(of: $0)) }) ?? true {
                made.draft.body = textBody(text, mediaType: chosen(type), request: request, slots: &slots)
            } else {
                made.draft.body = DraftBody(.json(.string("@" + files.stored(path, request.place))), mediaType: chosen(type ?? "application/octet-stream"))
            }
        }
    }

    /// JSON text becomes a JSON value (so forms and checks see it); other text stays exactly as written
    /// (a form written as text keeps its bytes: its fields' encoding is the writer's choice).
    /// Secret fields (`"password": "…"`, `password=…`) become placeholders in either.
    private func textBody(_ text: String, mediaType: String?, request: ForeignRequest, slots: inout SecretSlots) -> DraftBody {
        let essence = mediaType.map(MediaType.essence)
        if essence.map(MediaType.isJSON) ?? true, let value = try? JSONParser.parse(text), essence != nil || value.objectValue != nil || value.arrayValue != nil {
            return DraftBody(.json(concealed(value, request: request, slots: &slots)), mediaType: mediaType)
        }
        if essence == "application/x-www-form-urlencoded" { return DraftBody(.text(concealedForm(text, request: request, slots: &slots)), mediaType: mediaType) }
        return DraftBody(.text(text), mediaType: mediaType)
    }

    private static func object(_ fields: [FormField]) -> JSONValue {
        var object = JSONObject()
        for field in fields { object[field.name] = appending(.string(field.value), to: object[field.name]) }
        return .object(object)
    }

    /// A repeated name's values become an array.
    private static func appending(_ value: JSONValue, to existing: JSONValue?) -> JSONValue {
        switch existing {
        case nil: return value
        case .array(let items)?: return .array(items + [value])
        case let single?: return .array([single, value])
        }
    }

    private static func isText(_ essence: String) -> Bool {
        MediaType.isJSON(essence) || essence.hasPrefix("text/") || essence.hasSuffix("+xml") || essence == "application/xml"
            || essence == "application/x-www-form-urlencoded"
    }
}
