import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSpec

/// Turns `call`'s command line into a request draft (on top of `--draft FILE` when given): the same
/// draft the explorer edits and a collection stores, sent through the same builder.
enum CallDraft {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The draft to send: `saved` (a collection's request) or `--draft FILE` or nothing, then every
    /// option on top.
    static func make(_ arguments: ParsedArguments, operation: APIOperation, service: DescriptionService, saved: RequestDraft? = nil,
                     _ environment: CLIEnvironment) throws -> RequestDraft {
        var draft = try saved ?? base(arguments, operation: operation, environment)
        try addParameters(arguments, operation: operation, documents: service.document.documents, into: &draft)
        let mediaType = arguments.value("--media-type") ?? draft.body?.mediaType
        if let bodyArgument = arguments.value("--body") {
            draft.body = try body(bodyArgument, operation: operation, mediaType: mediaType, environment)
        } else if let mediaType, draft.body != nil {
            draft.body?.mediaType = mediaType
        }
        for header in arguments.all("--header") { draft.headers.append(try self.header(header, service: service)) }
        try setServer(arguments, into: &draft)
        for argument in arguments.all("--auth") {
            let parts = argument.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else {
                // The argument is a secret: say what is wrong without repeating it.
                throw Problem(description: "--auth takes NAME=VALUE (the scheme name from the description, then the secret or env:VARIABLE); "
                              + "one of them has no NAME= before its value")
            }
            draft.setCredential(try credential(String(parts[1])), for: String(parts[0]))
        }
        return draft
    }

    /// The variables `--var name=value` sets, for `{{name}}` in the draft.
    static func variables(_ arguments: ParsedArguments) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in arguments.all("--var") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw Problem(description: "--var takes NAME=VALUE, not \"\(pair.abbreviated())\"") }
            values[String(parts[0])] = String(parts[1])
        }
        return values
    }

    /// A draft read from `--draft FILE` (JSON or YAML), or an empty one for the operation.
    private static func base(_ arguments: ParsedArguments, operation: APIOperation, _ environment: CLIEnvironment) throws -> RequestDraft {
        guard let path = arguments.value("--draft") else { return RequestDraft(operation: OperationReference(operation)) }
        guard let file = InputFile.read(path, environment) else { throw Problem(description: "cannot use the draft \(path)") }
        do {
            var draft = try RequestDraft(json: file.value)
            draft.operation = OperationReference(operation)
            return draft
        } catch {
            throw Problem(description: "\(path): \(error.description)")
        }
    }

    private static func addParameters(_ arguments: ParsedArguments, operation: APIOperation, documents: DocumentSet, into draft: inout RequestDraft) throws {
        var collected: [(parameter: APIParameter?, name: String, location: ParameterLocation, values: [String])] = []
        for argument in arguments.all("--param") {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw Problem(description: "-p takes NAME=VALUE, not \"\(argument.abbreviated())\"") }
            var name = String(parts[0])
            var location: ParameterLocation?
            if let colon = name.firstIndex(of: ":"), let place = ParameterLocation(rawValue: String(name[..<colon])) {
                location = place
                name = String(name[name.index(after: colon)...])
            }
            let parameter = operation.parameters.first { $0.name == name && (location == nil || $0.location == location) }
            let place = location ?? parameter?.location ?? .query
            if let index = collected.firstIndex(where: { $0.name == name && $0.location == place }) {
                collected[index].values.append(String(parts[1]))
            } else {
                collected.append((parameter, name, place, [String(parts[1])]))
            }
        }
        for entry in collected {
            let type = entry.parameter.flatMap { ParameterText.schemaType(of: $0, in: documents) }
            draft.setParameter(entry.name, in: entry.location, to: ParameterText.value(entry.values, type: type))
        }
    }

    private static func header(_ header: String, service: DescriptionService) throws -> DraftHeader {
        let parts = header.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem(description: "-H takes 'Name: value', not \"\(header.abbreviated())\"")
        }
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw Problem(description: "a header value cannot contain a line break") }
        // A value read from the environment is a credential, and so is a header an API key scheme names.
        if value.hasPrefix("env:"), value.count > 4 {
            return DraftHeader(name: name, value: "{{$env \(value.dropFirst(4))}}", isCredential: true)
        }
        let isKeyHeader = service.document.securitySchemes.contains { scheme in
            if case .apiKey(let keyName, .header) = scheme.kind { return keyName.caseInsensitiveCompare(name) == .orderedSame }
            return false
        }
        return DraftHeader(name: name, value: value, isCredential: isKeyHeader)
    }

    private static func setServer(_ arguments: ParsedArguments, into draft: inout RequestDraft) throws {
        var variables: [String: String] = [:]
        for pair in arguments.all("--server-var") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw Problem(description: "--server-var takes NAME=VALUE") }
            variables[String(parts[0])] = String(parts[1])
        }
        if let url = arguments.value("--server") {
            draft.server = .url(url, variables: variables)
        } else if !variables.isEmpty {
            draft.server = .described(index: 0, variables: variables)
        }
    }

    /// `env:NAME`, `{{variable}}`, a literal, or OAuth2 settings as a JSON object (`{"client_id": …}`).
    private static func credential(_ text: String) throws -> CredentialReference {
        guard text.hasPrefix("{") else { return CredentialReference(text: text) }
        guard case .object(let object)? = try? JSONParser.parse(text) else {
            throw Problem(description: "--auth settings in braces must be a JSON object of text, such as {\"client_id\": \"…\", \"client_secret\": \"env:SECRET\"}")
        }
        var fields: [(String, CredentialReference)] = []
        for member in object.members {
            guard let value = member.value.stringValue else { throw Problem(description: "--auth setting \(member.key) must be text") }
            fields.append((member.key, CredentialReference(text: value)))
        }
        return .fields(fields)
    }

    /// `--body`: JSON text, `@file` (JSON or YAML by its name or content), `@-` for standard input;
    /// for a media type that is not structured, the text as it is.
    private static func body(_ argument: String, operation: APIOperation, mediaType: String?, _ environment: CLIEnvironment) throws -> DraftBody {
        let media = mediaType ?? operation.requestBody?.content.preferred()?.name ?? "application/json"
        let structured = MediaType.isJSON(media) || media.contains("form") || MediaType.isYAML(media)
        guard argument.hasPrefix("@") else {
            guard structured else { return DraftBody(.text(argument), mediaType: mediaType) }
            do {
                return DraftBody(.json(try JSONParser.parse(argument)), mediaType: mediaType)
            } catch {
                throw Problem(description: "--body is not JSON (\(error.description)); use @file for a file")
            }
        }
        let path = String(argument.dropFirst())
        // A binary body stays "@file": the encoder reads the file when the request is built.
        if !structured && !media.hasPrefix("text/") { return DraftBody(.json(.string(argument)), mediaType: mediaType) }
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile()
            : FileManager.default.contents(atPath: URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).path)
        guard let data else { throw Problem(description: "cannot read the body file \(path)") }
        guard structured else { return DraftBody(.text(String(decoding: data, as: UTF8.self)), mediaType: mediaType) }
        let bytes = Array(data)
        do {
            return DraftBody(.json(try DocumentFormat.detect(bytes, path: path == "-" ? nil : path).parse(bytes)), mediaType: mediaType)
        } catch {
            throw Problem(description: "\(path):\(error.description)")
        }
    }
}
