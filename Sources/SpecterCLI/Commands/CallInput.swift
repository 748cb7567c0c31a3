import Foundation
import SpecterHTTP
import SpecterJSON
import SpecterRequest
import SpecterSchema
import SpecterSpec
import SpecterYAML

/// Turns `call`'s command line into a `RequestInput`, and checks it against the description before sending.
enum CallInput {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: ParsedArguments, operation: APIOperation, document: APIDocument, _ environment: CLIEnvironment) throws -> RequestInput {
        var input = RequestInput()
        var collected: [(parameter: APIParameter?, name: String, location: ParameterLocation?, values: [String])] = []
        for argument in arguments.all("--param") {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { throw Problem(description: "-p takes NAME=VALUE, not \"\(argument)\"") }
            var name = String(parts[0])
            var location: ParameterLocation?
            if let colon = name.firstIndex(of: ":"), let place = ParameterLocation(rawValue: String(name[..<colon])) {
                location = place
                name = String(name[name.index(after: colon)...])
            }
            let parameter = operation.parameters.first { $0.name == name && (location == nil || $0.location == location) }
            if let index = collected.firstIndex(where: { $0.name == name && $0.location == location }) {
                collected[index].values.append(String(parts[1]))
            } else {
                collected.append((parameter, name, location ?? parameter?.location, [String(parts[1])]))
            }
        }
        for entry in collected {
            let type = entry.parameter.flatMap { schemaType($0.schema, document: document) }
            input.parameters.append(ParameterValue(name: entry.name, location: entry.location, value: typedValue(entry.values, type: type)))
        }
        if let bodyArgument = arguments.value("--body") {
            input.body = try body(bodyArgument, operation: operation, mediaType: arguments.value("--media-type"), environment)
        }
        input.mediaType = arguments.value("--media-type")
        for header in arguments.all("--header") {
            let parts = header.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Problem(description: "-H takes 'Name: value', not \"\(header)\"")
            }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw Problem(description: "a header value cannot contain a line break") }
            // A value read from the environment is a credential, and so is a header an API key scheme names.
            if value.hasPrefix("env:") {
                let variable = String(value.dropFirst(4))
                guard let resolved = environment.variables[variable], !resolved.isEmpty else {
                    throw Problem(description: "the environment variable \(variable) (for -H \(name)) is not set")
                }
                value = resolved
                input.credentialHeaders.append(name)
            } else if document.securitySchemes.contains(where: { scheme in
                if case .apiKey(let keyName, .header) = scheme.kind { return keyName.caseInsensitiveCompare(name) == .orderedSame }
                return false
            }) {
                input.credentialHeaders.append(name)
            }
            input.headers.add(name, value)
        }
        var variables: [String: String] = [:]
        for pair in arguments.all("--server-var") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw Problem(description: "--server-var takes NAME=VALUE") }
            variables[String(parts[0])] = String(parts[1])
        }
        input.server = arguments.value("--server").map(ServerChoice.url) ?? .described(index: 0, variables: variables)
        return input
    }

    /// The JSON type a parameter's schema declares (following references), to read `-p` values by.
    private static func schemaType(_ schema: SchemaRef?, document: APIDocument) -> String? {
        guard let schema, let resolved = try? document.documents.dereference(schema.value, at: schema.address) else { return nil }
        switch resolved.value["type"] {
        case .string(let type)?: return type
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" }
        default: return resolved.value["enum"] != nil ? "string" : nil
        }
    }

    /// Strings stay strings; other types are read as JSON when they parse; repeated values make an array.
    private static func typedValue(_ values: [String], type: String?) -> JSONValue {
        func single(_ text: String, as type: String?) -> JSONValue {
            if type == "string" { return .string(text) }
            if let parsed = try? JSONParser.parse(text) { return parsed }
            return .string(text)
        }
        if type == "array" {
            if values.count == 1, values[0].hasPrefix("["), let parsed = try? JSONParser.parse(values[0]) { return parsed }
            return .array(values.map { single($0, as: nil) })
        }
        if values.count > 1 { return .array(values.map { single($0, as: type) }) }
        return single(values[0], as: type)
    }

    private static func body(_ argument: String, operation: APIOperation, mediaType: String?, _ environment: CLIEnvironment) throws -> RequestBodyInput {
        let media = mediaType ?? operation.requestBody?.content.first { MediaType.isJSON($0.name) }?.name ?? operation.requestBody?.content.first?.name
            ?? "application/json"
        let structured = MediaType.isJSON(media) || media.contains("form") || MediaType.isYAML(media)
        guard argument.hasPrefix("@") else {
            guard structured else { return .value(.string(argument)) }
            do {
                return .value(try JSONParser.parse(argument))
            } catch {
                throw Problem(description: "--body is not JSON (\(error.description)); use @file for a file")
            }
        }
        let path = String(argument.dropFirst())
        if !structured && !media.hasPrefix("text/") { return .value(.string(argument)) }
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile()
            : FileManager.default.contents(atPath: URL(fileURLWithPath: path, relativeTo: environment.workingDirectory).path)
        guard let data else { throw Problem(description: "cannot read the body file \(path)") }
        guard structured else { return .value(.string(String(decoding: data, as: UTF8.self))) }
        do {
            if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { return .value(try YAMLLoader().load(Array(data))) }
            return .value(try JSONParser.parse(Array(data)))
        } catch let error as JSONParseError {
            throw Problem(description: "\(path):\(error.description)")
        } catch {
            throw Problem(description: "\(path):\(error)")
        }
    }

    /// What in the input does not match the description: parameters and body against their schemas.
    static func validate(_ input: RequestInput, operation: APIOperation, document: APIDocument) -> [String] {
        let validator = SchemaValidator(document: document, options: ValidationOptions(direction: .request))
        var problems: [String] = []
        for parameter in operation.parameters {
            let given = input.parameters.first { $0.name == parameter.name && ($0.location == nil || $0.location == parameter.location) }
            guard let given else {
                if parameter.required { problems.append("\(parameter.location.rawValue) parameter \(parameter.name): required") }
                continue
            }
            guard let schema = parameter.schema ?? parameter.content.first?.schema else { continue }
            for error in validator.validate(given.value, against: schema) {
                problems.append("\(parameter.location.rawValue) parameter \(parameter.name)\(error.readablePath.isEmpty ? "" : "." + error.readablePath): \(error.message)")
            }
        }
        guard let body = operation.requestBody else { return problems }
        guard case .value(let value)? = input.body else {
            if body.required && input.body == nil { problems.append("body: required") }
            return problems
        }
        let media = input.mediaType.flatMap { wanted in body.content.first { $0.name == wanted } }
            ?? body.content.first { MediaType.isJSON($0.name) } ?? body.content.first
        if let schema = media?.schema, let name = media?.name, MediaType.isJSON(name) || name.contains("form") {
            for error in validator.validate(value, against: schema) {
                problems.append("body\(error.readablePath.isEmpty ? "" : (error.readablePath.hasPrefix("[") ? "" : ".") + error.readablePath): \(error.message)")
            }
        }
        return problems
    }
}
