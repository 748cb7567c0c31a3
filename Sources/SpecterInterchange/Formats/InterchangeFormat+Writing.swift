extension InterchangeFormat {
    /// The requests written in this format; `version` is Specter's, for formats that name their creator.
    /// Environments go beside an `.http` file (`http-client.env.json`, secret values never written).
    public func write(_ requests: [ForeignRequest], variables: [ForeignVariable], environments: [ForeignEnvironment] = [], version: String) -> InterchangeDocument {
        switch self {
        case .curl:
            return CurlScript.write(requests, variables: variables, version: version)
        case .http:
            let file = HTTPFileExport.file(for: requests, variables: variables)
            guard !environments.isEmpty else { return InterchangeDocument(text: file.text, notes: file.notes) }
            let files = HTTPFileExport.environmentFiles(for: environments)
            let companions = [("http-client.env.json", files.publicFile)] + (files.privateFile.map { [("http-client.private.env.json", $0)] } ?? [])
            return InterchangeDocument(text: file.text, companions: companions, notes: file.notes + files.notes)
        case .har:
            let exported = HARExport.export(requests, creatorVersion: version)
            return InterchangeDocument(text: exported.text, notes: exported.notes)
        case .hurl:
            // Only a collection's requests have files to name, for an import to put them back in.
            let fromFiles = !requests.isEmpty && requests.allSatisfy { $0.place.file.hasSuffix(".yaml") || $0.place.file.hasSuffix(".yml") }
            let exported = HurlExport.file(for: ForeignCollection(requests: requests, variables: variables), version: fromFiles ? version : nil)
            return InterchangeDocument(text: exported.text, notes: exported.notes)
        case .postman:
            return InterchangeDocument(text: "", notes: [ImportNote(place: SourcePlace(file: "export"), "Postman is imported, not exported: Postman imports curl, HAR and OpenAPI")])
        }
    }
}
