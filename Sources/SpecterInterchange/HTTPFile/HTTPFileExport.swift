/// Writes requests as a JetBrains `.http` file: `### name`, the request line, headers, the body, and
/// captures and assertions as a `> {% … %}` response handler. Placeholders stay `{{name}}`. What the
/// file cannot say is returned as notes (at the request's place): never silently dropped. Each
/// request is read back after it is written, and a difference is noted, so a note-free export reads
/// back as what was exported.
public enum HTTPFileExport {
    /// Boundary for multipart bodies whose Content-Type gives none.
    static let defaultBoundary = "SpecterBoundary"

    /// The collection's variables (non-secret ones as `@name = value`) and requests.
    public static func file(for collection: ForeignCollection) -> HTTPExportedFile {
        file(for: collection.requests, variables: collection.variables)
    }

    public static func file(for requests: [ForeignRequest], variables: [ForeignVariable] = []) -> HTTPExportedFile {
        var notes: [ImportNote] = []
        var lines: [String] = []
        for variable in variables {
            if variable.isSecret {
                notes.append(ImportNote(place: SourcePlace(file: "variables"), "the secret variable ‘\(variable.name)’ is not written; define it in the private environment file"))
            } else if HTTPLine(number: 0, text: "@\(variable.name) = \(variable.value)").variableDefinition?.value == variable.value {
                lines.append("@\(variable.name) = \(HTTPDynamicVariables.toJetBrains(variable.value))")
            } else {
                notes.append(ImportNote(place: SourcePlace(file: "variables"), "the variable ‘\(variable.name)’ cannot be written as @name = value (its name or its white space); not written"))
            }
        }
        for request in requests {
            let written = HTTPRequestWriter.write(request)
            notes += written.notes
            guard !written.lines.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines += written.lines
        }
        return HTTPExportedFile(text: lines.joined(separator: "\n") + "\n", notes: notes)
    }

    /// The public environment file and, when some variables are secret, the private one with their
    /// names only: secret values are never written anywhere (each is an empty string to fill in).
    public static func environmentFiles(for environments: [ForeignEnvironment]) -> HTTPExportedEnvironments {
        HTTPEnvironmentWriter.write(environments)
    }
}

/// A written `.http` file and what it could not say.
public struct HTTPExportedFile: Sendable, Equatable {
    public var text: String
    public var notes: [ImportNote]

    public init(text: String, notes: [ImportNote]) {
        self.text = text
        self.notes = notes
    }
}

/// `http-client.env.json` and, when there are secret variables, `http-client.private.env.json` without their values.
public struct HTTPExportedEnvironments: Sendable, Equatable {
    public var publicFile: String
    public var privateFile: String?
    public var notes: [ImportNote]

    public init(publicFile: String, privateFile: String?, notes: [ImportNote]) {
        self.publicFile = publicFile
        self.privateFile = privateFile
        self.notes = notes
    }
}
