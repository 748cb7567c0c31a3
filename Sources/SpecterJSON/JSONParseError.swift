/// Why a JSON text could not be parsed, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    public var position: TextPosition

    public init(message: String, offset: Int, position: TextPosition) {
        self.message = message
        self.offset = offset
        self.position = position
    }

    /// `line:column: message`; callers prefix the file name.
    public var description: String { "\(position): \(message)" }
}
