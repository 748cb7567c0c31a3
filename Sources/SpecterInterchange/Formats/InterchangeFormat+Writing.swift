extension InterchangeFormat {
    /// The requests written in this format; `version` is Specter's, for formats that name their creator.
    public func write(_ requests: [ForeignRequest], variables: [ForeignVariable], version: String) -> InterchangeDocument {
        switch self {
        case .curl:
            return CurlScript.write(requests, variables: variables, version: version)
        case .http:
            let file = HTTPFileExport.file(for: requests, variables: variables)
            return InterchangeDocument(text: file.text, notes: file.notes)
        case .har:
            let exported = HARExport.export(requests, creatorVersion: version)
            return InterchangeDocument(text: exported.text, notes: exported.notes)
        case .hurl:
            let exported = HurlExport.file(for: ForeignCollection(requests: requests, variables: variables))
            return InterchangeDocument(text: exported.text, notes: exported.notes)
        case .postman:
            return InterchangeDocument(text: "", notes: [ImportNote(place: SourcePlace(file: "export"), "Postman is imported, not exported: Postman imports curl, HAR and OpenAPI")])
        }
    }
}
