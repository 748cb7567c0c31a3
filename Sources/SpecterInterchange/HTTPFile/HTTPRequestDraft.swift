/// A request as the `.http` syntax laid it out, before its parts are read for meaning (auth,
/// body kind, scripts): what `HTTPFileParser` finds and `HTTPRequestBuilder` turns into a `ForeignRequest`.
struct HTTPRequestDraft: Sendable {
    struct Header: Sendable {
        var name: String
        var value: String
        var line: Int
    }

    struct Directive: Sendable {
        var name: String
        var argument: String
        var line: Int
    }

    /// A response handler: the script itself (`> {% … %}`) or the file it is in (`> ./check.js`).
    enum Handler: Sendable {
        case inline(String, line: Int)
        case file(String, line: Int)
    }

    var name: String?
    var requestLine: HTTPRequestLine
    var line: Int
    var headers: [Header] = []
    var bodyLines: [HTTPLine] = []
    var handlers: [Handler] = []
    var directives: [Directive] = []
    var notes: [ImportNote] = []
}

/// What a `.http` file holds once its lines are sorted: the requests, the file variables, and the
/// notes that belong to no request.
struct HTTPFileSyntax: Sendable {
    struct Variable: Sendable {
        var name: String
        var value: String
        var line: Int
    }

    var drafts: [HTTPRequestDraft] = []
    var variables: [Variable] = []
    var notes: [ImportNote] = []
}
