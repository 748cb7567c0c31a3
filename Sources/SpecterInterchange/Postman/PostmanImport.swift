import SpecterJSON

/// Reads the files Postman exports, so a team moving to Specter keeps its requests, variables and
/// environments: collections (v2.0 and v2.1), environment files and globals files.
public enum PostmanImport {
    /// Reads any of Postman's files, telling them apart by their content: a collection gives its
    /// requests and variables, an environment file one environment, a globals file variables.
    /// `file` names the file in notes and errors. A UTF-8 byte order mark at the start is accepted.
    public static func read(_ text: String, file: String) throws(JSONSourceError) -> ForeignCollection {
        let bytes = Array(text.utf8)
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw JSONSourceError(file: file, position: error.position, message: "not JSON: \(error.message)")
        }
        if root["item"] != nil || root["info"] != nil {
            return collection(root, file: file, bytes: bytes)
        }
        if root["requests"] != nil && root["order"] != nil {
            throw JSONSourceError(file: file, message: "a Postman v1 collection: only v2.0 and v2.1 are read (export it again from Postman as v2.1)")
        }
        if let values = root["values"]?.arrayValue {
            let variables = PostmanVariables(file: file, values: values, kind: "variable")
            if root["_postman_variable_scope"]?.stringValue == "globals" {
                return ForeignCollection(variables: variables.variables, notes: variables.notes)
            }
            let name = root["name"]?.scalarText ?? Self.stem(of: file)
            return ForeignCollection(environments: [ForeignEnvironment(name: name, variables: variables.variables)], notes: variables.notes)
        }
        if let values = root.arrayValue {
            let variables = PostmanVariables(file: file, values: values, kind: "global")
            return ForeignCollection(variables: variables.variables, notes: variables.notes)
        }
        throw JSONSourceError(file: file, message: "neither a Postman collection (no item list), an environment nor a globals file (no values list)")
    }

    private static func collection(_ root: JSONValue, file: String, bytes: [UInt8]) -> ForeignCollection {
        var reader = PostmanCollectionReader(file: file, bytes: bytes)
        reader.read(root)
        let variables = PostmanVariables(file: file, values: root["variable"]?.arrayValue ?? [], kind: "collection variable")
        return ForeignCollection(requests: reader.requests, variables: variables.variables, notes: variables.notes + reader.notes)
    }

    /// `team.postman_environment.json` → `team`.
    private static func stem(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
