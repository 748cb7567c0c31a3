extension InterchangeFormat {
    /// The requests, variables and environments one source holds. `companions` are the environment
    /// and variable files read with it; `readFile` reads files the source refers to (`@file`, `< ./body.json`).
    public func read(_ source: InterchangeSource, companions: [InterchangeSource], options: ImportOptions,
                     readFile: @escaping @Sendable (String) throws -> [UInt8]) throws(InterchangeReadError) -> ForeignCollection {
        switch self {
        case .curl:
            do throws(CurlImportError) {
                return try CurlImport.parse(source.text, file: source.name, readFile: readFile)
            } catch {
                throw InterchangeReadError(error.description)
            }
        case .http:
            let text: @Sendable (String) -> String? = { path in (try? readFile(path)).flatMap { String(bytes: $0, encoding: .utf8) } }
            do throws(HTTPFileError) {
                return try HTTPFileImport(readFile: text).collection(text: source.text, file: source.name, environments: Self.httpEnvironments(companions))
            } catch {
                throw InterchangeReadError(error.description)
            }
        case .postman:
            do throws(JSONSourceError) {
                var collection = try PostmanImport.read(source.text, file: source.name)
                // Environment and globals files: their environments and variables join the collection's.
                for companion in companions {
                    let read = try PostmanImport.read(companion.text, file: companion.name)
                    collection.environments += read.environments
                    collection.variables += read.variables
                    collection.notes += read.notes
                }
                return collection
            } catch {
                throw InterchangeReadError(error.description)
            }
        case .har:
            do throws(JSONSourceError) {
                return try HARImport.read(source.text, file: source.name, includeAssets: options.includesAssets)
            } catch {
                throw InterchangeReadError(error.description)
            }
        case .hurl:
            do throws(HurlSyntaxError) {
                return try HurlImport.collection(from: source.text, file: source.name)
            } catch {
                throw InterchangeReadError(error.description)
            }
        }
    }

    /// JetBrains env files and VS Code settings, told apart by their names.
    private static func httpEnvironments(_ companions: [InterchangeSource]) -> HTTPEnvironmentSources {
        var sources = HTTPEnvironmentSources()
        for companion in companions {
            let file = HTTPSourceFile(path: companion.name, text: companion.text)
            if companion.name.hasSuffix("http-client.private.env.json") {
                sources.jetBrainsPrivate = file
            } else if companion.name.hasSuffix(".env.json") {
                sources.jetBrains = file
            } else {
                sources.vsCodeSettings = file
            }
        }
        return sources
    }
}
