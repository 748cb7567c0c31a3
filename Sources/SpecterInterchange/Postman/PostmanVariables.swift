import SpecterJSON

/// A list of Postman variables (a collection's `variable`, an environment's or the globals' `values`).
/// A `secret` one stays secret; a switched-off one is left out, with a note, since Postman does not use it.
struct PostmanVariables {
    private(set) var variables: [ForeignVariable] = []
    private(set) var notes: [ImportNote] = []

    /// `kind` names the variables in notes (`collection variable`, `global`).
    init(file: String, values: [JSONValue], kind: String) {
        let place = SourcePlace(file: file)
        for value in values {
            guard let name = (value["key"] ?? value["id"])?.scalarText, !name.isEmpty else {
                notes.append(ImportNote(place: place, "a \(kind) without a name: left out"))
                continue
            }
            if value.isSwitchedOff {
                notes.append(ImportNote(place: place, "\(kind) \(name) is switched off: left out"))
                continue
            }
            var dynamic = PostmanDynamicVariables()
            let text = dynamic.rewrite(value["value"]?.scalarText ?? "")
            notes += PostmanRequestReader.dynamicNotes(dynamic).map { ImportNote(place: place, "\(kind) \(name): \($0)") }
            variables.append(ForeignVariable(name: name, value: text, isSecret: value["type"]?.stringValue == "secret"))
        }
    }
}
