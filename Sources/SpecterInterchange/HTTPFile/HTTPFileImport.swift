/// Reads JetBrains HTTP Client and VS Code REST Client files (`.http`, `.rest`), with what httpyac
/// and kulala add that is common, into a `ForeignCollection`. Pure: the files it may need besides the
/// text (response handler scripts, environment files) come through `readFile`.
public struct HTTPFileImport: Sendable {
    /// A file's text by its path (the `.http` file's folder joined with the path it wrote), or nil
    /// when it cannot be read; scripts that are not read are noted, never guessed.
    public var readFile: @Sendable (String) -> String?

    public init(readFile: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.readFile = readFile
    }

    /// The requests, file variables and environments of a `.http` file's text. `file` names it in
    /// places and errors, and locates the scripts it refers to.
    public func collection(text: String, file: String, environments: HTTPEnvironmentSources = HTTPEnvironmentSources()) throws(HTTPFileError) -> ForeignCollection {
        let syntax = try HTTPFileParser.parse(text, file: file)
        var collection = ForeignCollection(notes: syntax.notes)
        collection.variables = fileVariables(syntax.variables, file: file, notes: &collection.notes)
        let builder = HTTPRequestBuilder(file: file) { path in readFile(Self.resolve(path, besides: file)) }
        var names: Set<String> = []
        for draft in syntax.drafts {
            collection.requests.append(builder.build(draft, earlierNames: names))
            if let name = draft.name { names.insert(name) }
        }
        HTTPResponseReferences.resolve(&collection.requests, fileVariables: Set(collection.variables.map(\.name)))
        var reader = HTTPEnvironmentReader()
        collection.environments = reader.environments(environments)
        collection.notes += reader.notes
        return collection
    }

    /// The `.http` file at a path with the JetBrains environment files beside it
    /// (`http-client.env.json`, `http-client.private.env.json`), those that exist.
    public func collection(atPath path: String) throws(HTTPFileError) -> ForeignCollection {
        guard let text = readFile(path) else { throw HTTPFileError(file: path, line: 1, column: 1, "the file cannot be read") }
        let source = { (name: String) in
            let envPath = Self.resolve(name, besides: path)
            return readFile(envPath).map { HTTPSourceFile(path: envPath, text: $0) }
        }
        return try collection(text: text, file: path, environments: HTTPEnvironmentSources(jetBrains: source("http-client.env.json"), jetBrainsPrivate: source("http-client.private.env.json")))
    }

    /// File variables in order; one defined again with another value keeps the last (noted).
    private func fileVariables(_ definitions: [HTTPFileSyntax.Variable], file: String, notes: inout [ImportNote]) -> [ForeignVariable] {
        var variables: [ForeignVariable] = []
        for definition in definitions {
            let mapped = HTTPDynamicVariables.toSpecter(definition.value)
            notes += mapped.unsupported.map { ImportNote(place: SourcePlace(file: file, line: definition.line), HTTPBodyReader.unsupportedMessage($0)) }
            let variable = ForeignVariable(name: definition.name, value: mapped.text)
            guard let index = variables.firstIndex(where: { $0.name == definition.name }) else {
                variables.append(variable)
                continue
            }
            if variables[index] != variable {
                notes.append(ImportNote(place: SourcePlace(file: file, line: definition.line), "‘\(definition.name)’ is defined again with another value; the last one is kept"))
                variables[index] = variable
            }
        }
        return variables
    }

    /// A path the file wrote (`./check.js`, `../x`), from the folder of the file that wrote it.
    static func resolve(_ path: String, besides file: String) -> String {
        guard !path.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return path }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return file[...slash] + relative
    }
}
