/// Why a JSON text could not be parsed, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Byte offset of the problem in the input.
    public var offset: Int
    public var position: TextPosition
    /// The text may be valid JSON, but it nests deeper than the parser's limit.
    public var isTooDeep: Bool

    public init(message: String, offset: Int, position: TextPosition, isTooDeep: Bool = false) {
        self.message = message
        self.offset = offset
        self.position = position
        self.isTooDeep = isTooDeep
    }

    /// `line:column: message`; callers prefix the file name.
    public var description: String { "\(position): \(message)" }
}
