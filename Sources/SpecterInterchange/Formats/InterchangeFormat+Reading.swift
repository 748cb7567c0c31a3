extension InterchangeFormat {
    /// The requests, variables and environments one source holds. `companions` are the environment
    /// and variable files read with it; `readFile` reads files the source refers to (`@file`, `< ./body.json`).
    public func read(_ source: InterchangeSource, companions: [InterchangeSource], options: ImportOptions,
                     readFile: (String) throws -> [UInt8]) throws(InterchangeReadError) -> ForeignCollection {
        switch self {
        case .curl:
            do throws(CurlImportError) {
                return try CurlImport.parse(source.text, file: source.name, readFile: readFile)
            } catch {
                throw InterchangeReadError(error.description)
            }
        case .http, .postman, .har, .hurl:
            throw InterchangeReadError("WIP")
        }
    }
}
