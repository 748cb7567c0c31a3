import SpecterJSON

/// Why a YAML text could not be loaded, and where.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: TextPosition?
    /// True when libyaml itself rejected the text (as opposed to a limit or tag check of ours).
    var isSyntaxError = false

    public init(message: String, position: TextPosition?) {
        self.message = message
        self.position = position
    }

    /// `line:column: message`; callers prefix the file name.
    public var description: String {
        guard let position else { return message }
        return "\(position): \(message)"
    }
}
