import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterSpec

/// A draft made concrete for the builder: every placeholder filled, every credential reference read.
public struct ResolvedDraft: Sendable {
    public var input: RequestInput
    public var credentials: CredentialStore
}

/// Why a draft cannot become a request yet, with the place in the draft that says so.
public struct DraftResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `query parameter limit`, `header X-Token`, `auth HTTPBearer`, `the body` …
    public var place: String
    public var problem: String

    public var description: String { "\(place): \(problem)" }
}

extension RequestDraft {
    /// The input and credentials this draft means, with its placeholders filled from `scope`. A
    /// parameter that is exactly one placeholder (`pet_id: '{{pet_id}}'`) takes the type the
    /// operation's schema declares for it, as text typed for it would.
    public func resolved(in scope: VariableScope, for operation: APIOperation? = nil, documents: DocumentSet? = nil) throws(DraftResolutionError) -> ResolvedDraft {
        var input = RequestInput(mediaType: body?.mediaType, server: try resolvedServer(scope))
        for parameter in parameters {
            var value = try Self.filling("\(parameter.location.rawValue) parameter \(parameter.name)") { () throws(PlaceholderError) in
                try Placeholders.fill(parameter.value, from: scope)
            }
            if case .string(let written) = parameter.value, Placeholders.soleVariable(in: written) != nil, case .string(let text) = value,
               let described = operation?.parameters.first(where: { $0.name == parameter.name && $0.location == parameter.location }), let documents {
                value = ParameterText.value([text], type: ParameterText.schemaType(of: described, in: documents))
            }
            input.parameters.append(ParameterValue(name: parameter.name, location: parameter.location, value: value))
        }
        if let body {
            switch body.content {
            case .json(let value):
                input.body = .value(try Self.filling("the body") { () throws(PlaceholderError) in try Placeholders.fill(value, from: scope) })
            case .text(let text):
                let filled = try Self.filling("the body") { () throws(PlaceholderError) in try Placeholders.fill(text, from: scope) }
                input.body = .raw(Array(filled.utf8), contentType: body.mediaType ?? "text/plain")
            }
        }
        for header in headers {
            let value = try Self.filling("header \(header.name)") { () throws(PlaceholderError) in try Placeholders.fill(header.value, from: scope) }
            input.headers.add(header.name, value)
            if header.isCredential { input.credentialHeaders.append(header.name) }
        }
        var store: [String: Credential] = [:]
        for credential in credentials {
            store[credential.scheme] = try Self.read(credential.reference, place: "auth \(credential.scheme)", scope: scope)
        }
        return ResolvedDraft(input: input, credentials: CredentialStore(store))
    }

    private func resolvedServer(_ scope: VariableScope) throws(DraftResolutionError) -> ServerChoice {
        if case .unlisted(_, let url) = operation {
            return .url(try Self.filling("the URL") { () throws(PlaceholderError) in try Placeholders.fill(url, from: scope) })
        }
        var variables: [String: String] = [:]
        switch server {
        case nil:
            return .first
        case .described(let index, let values)?:
            for (name, value) in values {
                variables[name] = try Self.filling("server variable \(name)") { () throws(PlaceholderError) in try Placeholders.fill(value, from: scope) }
            }
            return .described(index: index, variables: variables)
        case .url(let url, let values)?:
            for (name, value) in values {
                variables[name] = try Self.filling("server variable \(name)") { () throws(PlaceholderError) in try Placeholders.fill(value, from: scope) }
            }
            return .url(try Self.filling("the server") { () throws(PlaceholderError) in try Placeholders.fill(url, from: scope) }, variables: variables)
        }
    }

    private static func read(_ reference: CredentialReference, place: String, scope: VariableScope) throws(DraftResolutionError) -> Credential {
        if scope.keepsPlaceholders {
            switch reference {
            case .environment(let name): return Credential(value: "{{$env \(name)}}")
            case .secret(let name), .variable(let name): return Credential(value: "{{\(name)}}")
            case .literal, .fields: break
            }
        }
        switch reference {
        case .literal(let value):
            return Credential(value: value)
        case .environment(let name):
            guard let value = scope.environment[name], !value.isEmpty else {
                throw DraftResolutionError(place: place, problem: "the environment variable \(name) is not set")
            }
            return Credential(value: value, environmentVariable: name)
        case .variable(let name):
            return Credential(value: try filling(place) { () throws(PlaceholderError) in try Placeholders.fill("{{\(name)}}", from: scope) })
        case .secret(let name):
            guard let value = scope.secrets[name], !value.isEmpty else {
                let file = SecretsFile.displayPath(scope.environment)
                let exists = FileManager.default.fileExists(atPath: file)
                throw DraftResolutionError(place: place, problem: "secret:\(name) is not in your secrets file (\(file)\(exists ? "" : ", which does not exist yet: create it with mode 0600, NAME: value per line"))")
            }
            return Credential(value: value)
        case .fields(let fields):
            var values: [String: String] = [:]
            for (name, field) in fields { values[name] = try read(field, place: "\(place) \(name)", scope: scope).value }
            return Credential(fields: values)
        }
    }

    private static func filling<Value>(_ place: String, _ work: () throws(PlaceholderError) -> Value) throws(DraftResolutionError) -> Value {
        do {
            return try work()
        } catch {
            throw DraftResolutionError(place: place, problem: error.description)
        }
    }
}
