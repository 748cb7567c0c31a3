import SpecterJSON

/// What a Postman folder (or the collection) hands down to the requests inside it.
struct PostmanScope {
    /// Folder names, outermost first.
    var folders: [String] = []
    /// The nearest auth block above; a request without its own uses it.
    var auth: JSONValue?
    /// The enclosing levels' test scripts that Specter can say, outermost first: Postman runs them after every request.
    var tests: [PostmanScript.Translation] = []

    /// `Folder / Sub / Request`, the way notes name an item.
    func label(_ name: String) -> String { (folders + [name]).joined(separator: " / ") }
}
