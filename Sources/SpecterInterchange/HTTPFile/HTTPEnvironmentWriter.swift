import SpecterJSON

/// Environments as JetBrains environment files. Secret variables go to the private file by name with
/// an empty value: the user fills them in, and no secret leaves Specter in an export.
enum HTTPEnvironmentWriter {
    static func write(_ environments: [ForeignEnvironment]) -> HTTPExportedEnvironments {
        var publicRoot = JSONObject()
        var privateRoot = JSONObject()
        var notes: [ImportNote] = []
        for environment in environments {
            var publicVariables = JSONObject()
            var privateVariables = JSONObject()
            for variable in environment.variables {
                if variable.isSecret {
                    privateVariables[variable.name] = .string("")
                } else {
                    publicVariables[variable.name] = .string(HTTPDynamicVariables.toJetBrains(variable.value))
                }
            }
            publicRoot[environment.name] = .object(publicVariables)
            if !privateVariables.isEmpty {
                privateRoot[environment.name] = .object(privateVariables)
                notes.append(ImportNote(place: SourcePlace(file: "http-client.private.env.json"),
                                        "the secret values of ‘\(environment.name)’ (\(privateVariables.keys.joined(separator: ", "))) are not written; fill them in"))
            }
        }
        return HTTPExportedEnvironments(publicFile: JSONWriter.pretty.string(.object(publicRoot)) + "\n",
                                        privateFile: privateRoot.isEmpty ? nil : JSONWriter.pretty.string(.object(privateRoot)) + "\n", notes: notes)
    }
}
