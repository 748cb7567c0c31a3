import SpecterSpec

/// Something about a request the user should know before it goes, as a value: the command line
/// words it with its options, the explorer with its keys.
public enum RequestWarning: Sendable, Equatable {
    /// The operation asks for authentication and no usable credentials were given; each requirement
    /// lists the schemes that must all have one.
    case missingCredentials([[String]])
    /// A parameter the description does not have; it is sent as a query parameter.
    case unknownParameter(String)
    /// The operation requires a body and none was given.
    case missingBody
    /// A credential was given for a scheme the operation does not use (it could use these).
    case unusedCredential(scheme: String, usable: [String])

    /// Plain words, without naming any front end's controls.
    public var description: String {
        switch self {
        case .missingCredentials(let requirements):
            return "this operation needs " + requirements.map { $0.joined(separator: " + ") }.joined(separator: " or ") + ", and no credential was given"
        case .unknownParameter(let name):
            return "\"\(name)\" is not a parameter of this operation; it is sent as a query parameter"
        case .missingBody:
            return "this operation requires a request body"
        case .unusedCredential(let scheme, let usable):
            return "this operation does not use \(scheme)" + (usable.isEmpty ? " (it needs no credential)" : "; it uses " + usable.joined(separator: " or "))
        }
    }
}
