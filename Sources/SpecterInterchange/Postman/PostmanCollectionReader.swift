import SpecterJSON

/// Walks a Postman collection's item tree: folders hand their auth and tests down, requests are
/// read in file order, and what a folder or the collection holds that Specter cannot carry is noted once.
struct PostmanCollectionReader {
    let file: String
    let lines: JSONObjectLines
    private(set) var requests: [ForeignRequest] = []
    private(set) var notes: [ImportNote] = []

    init(file: String, bytes: [UInt8]) {
        self.file = file
        lines = JSONObjectLines(bytes) { path in
            path.count >= 2 && path.count % 2 == 0 && path.indices.allSatisfy { $0 % 2 == 1 || path[$0] == "item" }
        }
    }

    mutating func read(_ collection: JSONValue) {
        let scope = enter(collection, label: "the collection", place: SourcePlace(file: file), scope: PostmanScope())
        readItems(collection["item"], path: [], scope: scope)
    }

    private mutating func readItems(_ items: JSONValue?, path: [String], scope: PostmanScope) {
        for (index, item) in (items?.arrayValue ?? []).enumerated() {
            let itemPath = path + ["item", String(index)]
            let place = SourcePlace(file: file, line: lines.line(at: itemPath))
            let name = item["name"]?.scalarText
            if item["item"] != nil {
                var inner = scope
                inner.folders.append(name ?? "folder \(index + 1)")
                inner = enter(item, label: "folder " + inner.folders.joined(separator: " / "), place: place, scope: inner)
                readItems(item["item"], path: itemPath, scope: inner)
                continue
            }
            let reader = PostmanRequestReader(item: item, name: name, label: scope.label(name ?? "item \(index + 1)"), scope: scope, place: place)
            switch reader.read() {
            case .request(let request): requests.append(request)
            case .skipped(let note): notes.append(note)
            }
        }
    }

    /// The scope a folder (or the collection) gives its items: its auth, and its test scripts when
    /// Specter can say them; other scripts and settings are noted here, once.
    private mutating func enter(_ level: JSONValue, label: String, place: SourcePlace, scope: PostmanScope) -> PostmanScope {
        var inner = scope
        if let auth = level["auth"], !auth.isNull { inner.auth = auth }
        for script in PostmanScript.events(level["event"]) {
            if let translation = script.translation {
                inner.tests.append(translation)
            } else {
                notes.append(ImportNote(place: place, "\(label): \(PostmanRequestReader.scriptNote(script)) (Postman runs it for every request inside)"))
            }
        }
        notes += PostmanRequestReader.optionNotes(level).map { ImportNote(place: place, "\(label): \($0)") }
        return inner
    }
}
