import SpecterJSON

/// A problem that did not stop a document from loading, and where it is.
///
/// It keeps the address, not a line and column: finding a position means reading the
/// file again, which is only worth doing for the diagnostics a user actually looks at
/// (`APIDocument.location(of:)`).
public struct SpecDiagnostic: Sendable, Equatable {
    public enum Severity: String, Sendable {
        /// The document works, but is not what the specification says.
        case warning
        /// A part of the document is unusable (a dangling reference); the rest loaded.
        case error
    }

    public var severity: Severity
    public var message: String
    public var address: NodeAddress

    public init(severity: Severity = .warning, message: String, address: NodeAddress) {
        self.severity = severity
        self.message = message
        self.address = address
    }
}

/// A document could not be loaded; the message names the place (file, line:column or pointer).
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The document (or a file it needs) cannot be read or parsed, or is not an API description.
        case unreadable
        /// A reference leaves the allowed folder or origin: a security boundary, never skipped.
        case refusedReference
        /// A reference names nothing; only the part that uses it is unusable.
        case unresolvedReference
        /// The server the description is fetched from could not be reached at all.
        case unreachable
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil, kind: Kind = .unreadable) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

extension APIDocument {
    /// `file:line:column: warning: message`.
    public func describe(_ diagnostic: SpecDiagnostic) -> String {
        "\(documents.location(of: diagnostic.address)): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}
