import SpecterJSON

/// One entry of a saved request's `captures:`: a variable that later requests use as `{{name}}`,
/// taken from this request's response.
///
/// ```yaml
/// captures:
///   pet_id: $.id
///   location: header Location regex "/pets/(\d+)"
///   session: cookie session
/// ```
public struct ReplayCapture: Sendable {
    public var name: String
    public var query: ResponseQuery

    public init(name: String, query: ResponseQuery) {
        self.name = name
        self.query = query
    }

    /// The captured text, or why there is none (naming the query and what the response held there,
    /// with `masking`'s secrets hidden).
    public func value(in facts: ResponseFacts, masking: Redactor = Redactor(secrets: [])) -> Result<String, CaptureFailure> {
        let selection = query.select(in: facts, masking: masking)
        guard let first = selection.found.first else {
            return .failure(CaptureFailure(name: name, message: "capture \(name): \(selection.absence ?? "\(query) found nothing")"))
        }
        guard selection.found.count == 1 else {
            return .failure(CaptureFailure(name: name, message: "capture \(name): \(query) selects \(selection.found.count) values; "
                + "choose one (the first is at \(first.location)): \(JSONValue.array(selection.found.map(\.value)).shown(masking))"))
        }
        return .success(first.value.plainText)
    }
}

/// A capture that found nothing to take.
public struct CaptureFailure: Error, Sendable, Equatable {
    public var name: String
    public var message: String
}
