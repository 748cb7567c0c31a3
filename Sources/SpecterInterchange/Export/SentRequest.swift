import SpecterHTTP
import SpecterRequest

extension ForeignRequest {
    /// A request as it was sent (the explorer's last exchange), secrets masked by `redactor`; a body
    /// that is not text is left out, with a note.
    public init(sent built: BuiltRequest, name: String? = nil, redactor: Redactor) {
        let place = SourcePlace(file: "explorer")
        var body: ForeignBody?
        var notes: [ImportNote] = []
        if let bytes = built.request.body, !bytes.isEmpty {
            if let text = String(validating: bytes, as: UTF8.self) {
                body = .text(redactor.redact(text), mediaType: built.request.headers["Content-Type"])
            } else {
                notes.append(ImportNote(place: place, "the body (\(ByteCount.text(bytes.count)), not text) is left out"))
            }
        }
        let headers = redactor.redact(built.request.headers).fields.filter { !$0.name.caseInsensitiveEquals("Content-Type") || body == nil }
            .map { ForeignHeader(name: $0.name, value: $0.value) }
        self.init(name: name, method: built.request.method, url: redactor.redact(built.request.url.absoluteString), headers: headers, body: body,
                  place: place, notes: notes)
    }
}
