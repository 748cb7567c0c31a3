/// The formats requests move in and out of Specter in.
public enum InterchangeFormat: String, CaseIterable, Sendable {
    case curl, http, postman, har, hurl

    /// Formats a collection can be written to (a Postman export is not offered: Postman imports
    /// curl, HAR and OpenAPI itself).
    public static let exportable: [InterchangeFormat] = [.curl, .http, .hurl, .har]
}

/// One file (or standard input, or a command line) an import reads.
public struct InterchangeSource: Sendable {
    /// How messages name it: the path as given, `-` for standard input.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Why a source could not be read at all, with its place (`requests.http:12:5: …`).
public struct InterchangeReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// What an export wrote: the main text, and files that go beside it (an `.http` export's
/// `http-client.env.json`), each by file name.
public struct InterchangeDocument: Sendable, Equatable {
    public var text: String
    public var companions: [(name: String, text: String)]
    /// What the format could not hold.
    public var notes: [ImportNote]

    public init(text: String, companions: [(name: String, text: String)] = [], notes: [ImportNote] = []) {
        self.text = text
        self.companions = companions
        self.notes = notes
    }

    public static func == (lhs: InterchangeDocument, rhs: InterchangeDocument) -> Bool {
        lhs.text == rhs.text && lhs.notes == rhs.notes && lhs.companions.map(\.name) == rhs.companions.map(\.name)
            && lhs.companions.map(\.text) == rhs.companions.map(\.text)
    }
}
