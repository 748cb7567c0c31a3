/// A 1-based line and column in a text, the way editors and compilers show places.
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of a byte offset in UTF-8 text; columns count characters, not bytes.
    public init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        self.init(line: line, column: column)
    }

    public init(offset: Int, in bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { TextPosition(offset: offset, in: $0) }
    }

    public var description: String { "\(line):\(column)" }
}

/// Where something is in a user's input: a file or URL, and if known a position or a JSON pointer.
///
/// Every error a user sees carries one of these, rendered as `file:line:column` when the
/// position is known and `file#/json/pointer` otherwise.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var position: TextPosition?
    public var pointer: JSONPointer?

    public init(source: String, position: TextPosition? = nil, pointer: JSONPointer? = nil) {
        self.source = source
        self.position = position
        self.pointer = pointer
    }

    public var description: String {
        var text = source
        if let position { text += ":\(position)" }
        if let pointer, position == nil || !pointer.tokens.isEmpty { text += " (\(pointer.fragment))" }
        return text
    }
}
